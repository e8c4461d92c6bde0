import { assembleTextMessage, decodeBroadcastPages, encodeBroadcastText, encodeSerialNumber, GEOGRAPHICAL_SCOPE } from '@faro/cell-broadcast';
import { EcbeCbcAdapter, httpEcbeTransport, PackedCellIds, type TerrestrialBroadcast, type TerrestrialCbc } from '@faro/uplink';
import { type EcbeServer, startEcbeServer, type EcbeServerOptions } from './osmo-cbc-ecbe-server';

// Issue 14, the terrestrial route: EcbeCbcAdapter against a local server that behaves as
// osmo-cbc 0.5.3's ECBE interface does (test/osmo-cbc-ecbe-server.ts), one test per behaviour.
// The 15 s no-acknowledgement wait and the 10 s DELETE are shortened to a few hundred ms.

// Runs once, not per queue backend: nothing here is queued (no platform, only HTTP).

const NOW = new Date('2026-05-30T12:00:00Z');
const clock = { now: () => NOW };
const serial = (messageCode: number, updateNumber = 0) => encodeSerialNumber({ geographicalScope: GEOGRAPHICAL_SCOPE.plmnWide, messageCode, updateNumber });

// Unless a test says otherwise, its alert targets every cell of each CBC it made (the submit calls
// are its batches): a CBC broadcasts to all of them, and is asked only then.
const whole: Record<string, number> = {};

function broadcast(cellIds: string[], opts: { text?: string; serialNumber?: number; messageIdentifier?: number } = {}): TerrestrialBroadcast {
  const messageIdentifier = opts.messageIdentifier ?? 4370;
  const serialNumber = opts.serialNumber ?? serial(7);
  const encoded = encodeBroadcastText(opts.text ?? 'IT-alert: allerta rossa per piogge intense. Evitare i sottopassi.', 'it');
  const pages = assembleTextMessage({ messageIdentifier, serialNumber, encoded }).map((p) => Buffer.from(p).toString('hex'));
  return { alertId: 'a-1', messageIdentifier, serialNumber, dcs: encoded.dcs, pages, cellIds, repetition: { periodSeconds: 60, count: 30 }, targetedPerCbc: { ...whole } };
}

describe('EcbeCbcAdapter against an osmo-cbc 0.5.3 ECBE interface', () => {
  const servers: EcbeServer[] = [];
  const start = async (opts: EcbeServerOptions = {}) => {
    const server = await startEcbeServer(opts);
    servers.push(server);
    return server;
  };
  const cbc = (id: string, server: EcbeServer, cellIds: string[]): TerrestrialCbc => {
    whole[id] = cellIds.length;
    // Packed, as the worker holds a CBC's cells.
    return { id, cells: PackedCellIds.fromJoined([...cellIds].sort().join(',')), transport: httpEcbeTransport(server.url, { postTimeoutMs: 5000, deleteTimeoutMs: 5000 }) };
  };

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('takes a 201 that came within ~100 ms, once the peers acknowledged, as accepted in every cell', async () => {
    const server = await start({ ackDelayMs: 80 });
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', server, ['a1', 'a2', 'a3'])], clock);
    const t0 = Date.now();
    const ack = await adapter.submit(broadcast(['a1', 'a2']));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(ack.receipts).toEqual([
      { cellId: 'a1', cbcId: 'cbc-a', status: 'accepted', retryable: false },
      { cellId: 'a2', cbcId: 'cbc-a', status: 'accepted', retryable: false },
    ]);
    // scope_plmn is the only scope 0.5.3 takes: a3 (in the alert's area, another batch) gets the
    // message with this request, and the answer says so.
    expect(ack.cbcs).toEqual([{ cbcId: 'cbc-a', exchanges: [{ request: `POST 4370/${serial(7)}`, status: 201 }], alsoReached: 1, duplicate: false }]);
    expect(server.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/api/ecbe/v1/message', 201]]);
    expect(server.active.get(4370)).toMatchObject({ serialNr: serial(7), repetitionPeriod: 60, numOfBcast: 30 });
  });

  it('takes the empty 200 that comes after the fixed wait when no peer acknowledged as unconfirmed, and deletes before it posts again', async () => {
    const server = await start({ peersAcknowledge: false, noAckWaitMs: 400 });
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', server, ['a1'])], clock);
    const t0 = Date.now();
    const ack = await adapter.submit(broadcast(['a1']));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    expect(ack.receipts).toEqual([{ cellId: 'a1', cbcId: 'cbc-a', status: 'unconfirmed', retryable: true, reason: 'cbc-a: no peer acknowledged the message in time' }]);
    expect(server.requests[0]).toMatchObject({ status: 200, contentType: undefined });
    expect(server.active.has(4370)).toBe(true);

    // The peers are back: the retry must not meet the message the CBC still holds (409).
    server.options.peersAcknowledge = true;
    const retry = await adapter.submit(broadcast(['a1']));
    expect(retry.receipts[0].status).toBe('accepted');
    expect(retry.cbcs[0].exchanges).toEqual([
      { request: 'DELETE 4370', status: 200 },
      { request: `POST 4370/${serial(7)}`, status: 201 },
    ]);
  });

  it('gives up on a POST the CBC holds longer than the adapter waits, as failed and retryable; the retry takes the 409 for the serial it posted as on air and posts nothing twice', async () => {
    const server = await start({ peersAcknowledge: false, noAckWaitMs: 1500 });
    const impatient: TerrestrialCbc = { id: 'cbc-a', cells: new Set(['a1']), transport: httpEcbeTransport(server.url, { postTimeoutMs: 200 }) };
    whole['cbc-a'] = 1;
    const adapter = new EcbeCbcAdapter([impatient], clock);
    const ack = await adapter.submit(broadcast(['a1']));
    expect(ack.receipts).toEqual([
      { cellId: 'a1', cbcId: 'cbc-a', status: 'failed', retryable: true, reason: `ECBE POST ${server.url}/api/ecbe/v1/message: no answer within 200 ms` },
    ]);
    server.options.peersAcknowledge = true;
    const retry = await adapter.submit(broadcast(['a1']));
    expect(retry.receipts[0].status).toBe('accepted');
    // The CBC has held this serial since the first POST: the 409 is that message, not a stranger.
    expect(retry.cbcs[0]).toMatchObject({ duplicate: true, exchanges: [{ request: `POST 4370/${serial(7)}`, status: 409 }] });
    // The first POST is still held by the CBC (its answer not given yet): the only one answered is the 409.
    expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 409']);
    expect(server.active.get(4370)?.serialNr).toBe(serial(7));
  });

  it('reports a 400, answered at once as plain text without a Content-Type, as the reason the cells were rejected', async () => {
    const server = await start({ refuse: () => "'geo_scope' is invalid" });
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', server, ['a1', 'a2'])], clock);
    const t0 = Date.now();
    const ack = await adapter.submit(broadcast(['a1', 'a2']));
    expect(Date.now() - t0).toBeLessThan(500);
    expect(ack.receipts).toEqual(
      ['a1', 'a2'].map((cellId) => ({ cellId, cbcId: 'cbc-a', status: 'rejected', retryable: false, reason: "cbc-a 400: 'geo_scope' is invalid" })),
    );
    expect(server.requests[0]).toMatchObject({ status: 400, contentType: undefined });

    // The stand-in's own parser answers as rest_api.c does, for a body the adapter never sends.
    const raw = await fetch(`${server.url}/api/ecbe/v1/message`, { method: 'POST', body: JSON.stringify({ cbe_name: 'x', repetition_period: 5, scope: { scope_plmn: {} }, smscb_message: { serial_nr: { serial_nr_decoded: { geo_scope: 'nowhere', msg_code: 1, update_nr: 0 } }, message_id: 1, payload: {} } }) });
    expect([raw.status, raw.headers.get('content-type'), await raw.text()]).toEqual([400, null, "'geo_scope' is invalid"]);
  });

  it('clears a 409 Could not allocate, a message id still held by a message it does not know, by deleting it and posting again', async () => {
    const server = await start();
    // Left by an earlier run of Faro (its memory of the CBC lost with the process).
    server.active.set(4370, { messageId: 4370, serialNr: serial(3), dcs: 0x21, pages: ['00'], repetitionPeriod: 60, numOfBcast: 10 });
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', server, ['a1'])], clock);
    const ack = await adapter.submit(broadcast(['a1']));
    expect(ack.receipts[0].status).toBe('accepted');
    expect(ack.cbcs[0].exchanges).toEqual([
      { request: `POST 4370/${serial(7)}`, status: 409 },
      { request: 'DELETE 4370', status: 200 },
      { request: `POST 4370/${serial(7)}`, status: 201 },
    ]);
    expect(server.requests[0]).toMatchObject({ status: 409, contentType: undefined });
    expect(server.active.get(4370)?.serialNr).toBe(serial(7));

    // The same serial again is acknowledged from memory: nothing is sent twice.
    const again = await adapter.submit(broadcast(['a1']));
    expect(again.receipts[0].status).toBe('accepted');
    expect(again.cbcs[0]).toMatchObject({ duplicate: true, exchanges: [] });
    expect(server.requests).toHaveLength(3);
  });

  it('takes the 404 Unknown message ID of a DELETE as the message already off the air', async () => {
    const server = await start();
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', server, ['a1'])], clock);
    const ack = await adapter.withdraw({ messageIdentifier: 4370, serialNumber: serial(7), cellIds: ['a1'] });
    expect(ack.receipts).toEqual([{ cellId: 'a1', cbcId: 'cbc-a', status: 'stopped', retryable: false, reason: 'cbc-a held no message 4370' }]);
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', status: 404, contentType: undefined });
  });

  it('makes an Update a DELETE of the old serial then a POST of the new one, there being no update, status or GET endpoint', async () => {
    const server = await start();
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', server, ['a1'])], clock);
    await adapter.submit(broadcast(['a1'], { serialNumber: serial(7, 0) }));
    const update = await adapter.submit(broadcast(['a1'], { serialNumber: serial(7, 1), text: 'IT-alert AGGIORNAMENTO: allerta rossa prorogata fino alle 18.' }));
    expect(update.receipts[0].status).toBe('accepted');
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /api/ecbe/v1/message 201',
      'DELETE /api/ecbe/v1/message/4370 200',
      'POST /api/ecbe/v1/message 201',
    ]);
    expect(server.active.get(4370)?.serialNr).toBe(serial(7, 1));

    // A withdrawal of the old serial must not take the new one off the air.
    const stale = await adapter.withdraw({ messageIdentifier: 4370, serialNumber: serial(7, 0), cellIds: ['a1'] });
    expect(stale.receipts[0]).toMatchObject({ status: 'stopped', reason: `cbc-a holds serial ${serial(7, 1)}, not ${serial(7, 0)}` });
    expect(server.active.has(4370)).toBe(true);

    for (const [method, path] of [['GET', '/api/ecbe/v1/message/4370'], ['PUT', '/api/ecbe/v1/message/4370'], ['GET', '/api/ecbe/v1/status']]) {
      expect((await fetch(`${server.url}${path}`, { method })).status).toBe(404);
    }
  });

  it('waits out a slow DELETE, and withdraws from several CBCs at the same time', async () => {
    const a = await start({ deleteDelayMs: 500 });
    const b = await start({ deleteDelayMs: 500 });
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', a, ['a1']), cbc('cbc-b', b, ['b1'])], clock);
    await adapter.submit(broadcast(['a1', 'b1']));
    const t0 = Date.now();
    const ack = await adapter.withdraw({ messageIdentifier: 4370, serialNumber: serial(7), cellIds: ['a1', 'b1'] });
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(500);
    expect(took).toBeLessThan(1000);
    expect(ack.receipts.map((r) => [r.cellId, r.status])).toEqual([['a1', 'stopped'], ['b1', 'stopped']]);
    expect(a.active.size + b.active.size).toBe(0);
  });

  it('sends UCS-2 text pre-encoded, pages of at most 82 octets that the CBC airs as the same text', async () => {
    const server = await start();
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', server, ['a1'])], clock);
    const text = 'Allerta maremoto 🌊 Tsunami warning — Попередження: allontanarsi subito dalla costa, raggiungere le zone alte.';
    const b = broadcast(['a1'], { text });
    const ack = await adapter.submit(b);
    expect(ack.receipts[0].status).toBe('accepted');
    const posted = server.requests[0].body as { smscb_message: { payload: Record<string, { dcs: number; pages: string[] }> } };
    expect(Object.keys(posted.smscb_message.payload)).toEqual(['payload_encoded']);
    const { dcs, pages } = posted.smscb_message.payload.payload_encoded;
    expect(dcs).toBe(b.dcs);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(164);
    expect(decodeBroadcastPages(dcs, pages.map((p) => Uint8Array.from(Buffer.from(p, 'hex')))).text).toBe(text);
  });

  it('reports partial rejections per cell: one CBC accepts, one refuses, one is unreachable, one cell has no CBC', async () => {
    const a = await start();
    const b = await start({ refuse: () => "CBCMSG 'category' unknown" });
    const gone = await start();
    await gone.close();
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', a, ['a1', 'a2']), cbc('cbc-b', b, ['b1']), cbc('cbc-c', gone, ['c1'])], clock);
    const ack = await adapter.submit(broadcast(['a1', 'a2', 'b1', 'c1', 'z9']));
    expect(ack.receipts.map((r) => [r.cellId, r.cbcId, r.status, r.retryable])).toEqual([
      ['a1', 'cbc-a', 'accepted', false],
      ['a2', 'cbc-a', 'accepted', false],
      ['b1', 'cbc-b', 'rejected', false],
      ['c1', 'cbc-c', 'failed', true],
      ['z9', null, 'rejected', false],
    ]);
    expect(ack.receipts.find((r) => r.cellId === 'b1')?.reason).toBe("cbc-b 400: CBCMSG 'category' unknown");
    expect(ack.receipts.find((r) => r.cellId === 'c1')?.reason).toMatch(/^ECBE POST http:\/\/127\.0\.0\.1:\d+\/api\/ecbe\/v1\/message: unreachable$/);
    expect(ack.receipts.find((r) => r.cellId === 'z9')?.reason).toBe('no terrestrial CBC serves this cell');
  });

  it('probes a CBC for its liveness with a GET, which ECBE has not: the 404 of a server that is there; nothing from one that is gone', async () => {
    const up = await start();
    const gone = await start();
    await gone.close();
    const adapter = new EcbeCbcAdapter([cbc('cbc-a', up, ['a1']), cbc('cbc-b', gone, ['b1'])], clock);
    await adapter.probe('cbc-a', 1000);
    expect(up.requests.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/api/ecbe/v1/message', 404]]);
    expect(up.active.size).toBe(0);
    await expect(adapter.probe('cbc-b', 1000)).rejects.toMatchObject({ code: 'uplink/transient', message: expect.stringMatching(/^ECBE GET http:\/\/127\.0\.0\.1:\d+\/api\/ecbe\/v1\/message: unreachable$/) });
  });
});

