import { assembleTextMessage, encodeBroadcastText, encodeSerialNumber, GEOGRAPHICAL_SCOPE } from '@faro/cell-broadcast';
import { InMemoryCbcStateStore } from './cbc-state-store';
import { EcbeCbcAdapter, type TerrestrialBroadcast, type TerrestrialCbc } from './ecbe-cbc-adapter';
import { EcbeCbcSimulator } from './ecbe-cbc-simulator';
import type { EcbeTransport } from './ecbe-transport';
import { UplinkError } from './uplink-error';

const NOW = new Date('2026-05-30T12:00:00Z');
const clock = { now: () => NOW };
const serial = (code: number, update = 0) => encodeSerialNumber({ geographicalScope: GEOGRAPHICAL_SCOPE.plmnWide, messageCode: code, updateNumber: update });

// Unless a test says otherwise, its alert targets every cell of each CBC made with cbcOf (the
// submit calls are its batches).
const whole: Record<string, number> = {};

function broadcast(cellIds: string[], serialNumber = serial(7), alertId = 'a-1', targetedPerCbc: Record<string, number> = { ...whole }): TerrestrialBroadcast {
  const encoded = encodeBroadcastText('Allerta rossa: evacuare le zone costiere.', 'it');
  const pages = assembleTextMessage({ messageIdentifier: 4370, serialNumber, encoded }).map((p) => Buffer.from(p).toString('hex'));
  return { alertId, messageIdentifier: 4370, serialNumber, dcs: encoded.dcs, pages, cellIds, repetition: { periodSeconds: 60, untilEpochSeconds: NOW.getTime() / 1000 + 3600 }, targetedPerCbc };
}

// The shared osmo-cbc stand-in without HTTP, with no delays.
function cbcOf(id: string, cellIds: string[], sim = new EcbeCbcSimulator({ ackDelayMs: 0, deleteDelayMs: 0 })) {
  const transport: EcbeTransport = {
    post: async (m) => {
      const a = await sim.handle('POST', '/api/ecbe/v1/message', JSON.stringify(m));
      return { status: a.status, body: a.text };
    },
    delete: async (id) => {
      const a = await sim.handle('DELETE', `/api/ecbe/v1/message/${id}`, '');
      return { status: a.status, body: a.text };
    },
    probe: async () => {
      const a = await sim.handle('GET', '/api/ecbe/v1/message', '');
      return { status: a.status, body: a.text };
    },
  };
  const cbc: TerrestrialCbc = { id, cells: new Set(cellIds), transport };
  whole[id] = cellIds.length;
  return { cbc, sim };
}

const posts = (sim: EcbeCbcSimulator) => sim.requests.filter((r) => r.method === 'POST').map((r) => r.status);

describe('EcbeCbcAdapter with a CbcStateStore', () => {
  it('records what the CBC holds, so that a second adapter (another worker) sharing the store posts nothing again', async () => {
    const store = new InMemoryCbcStateStore();
    const { cbc, sim } = cbcOf('cbc-a', ['a1', 'a2']);
    await new EcbeCbcAdapter([cbc], clock, { store }).submit(broadcast(['a1']));
    const other = await new EcbeCbcAdapter([cbc], clock, { store }).submit(broadcast(['a2']));
    expect(other.receipts).toEqual([{ cellId: 'a2', cbcId: 'cbc-a', status: 'accepted', retryable: false }]);
    expect(other.cbcs[0]).toMatchObject({ duplicate: true, exchanges: [] });
    expect(posts(sim)).toEqual([201]);
    expect(await store.find('cbc-a', 4370)).toMatchObject({ serialNumber: serial(7), alertId: 'a-1', status: 'confirmed', postedAt: NOW, deletedAt: null });
  });

  it("takes one alert's batches to a CBC in turns: the older alert under the identifier is deleted once, the new one posted once, no cell refused", async () => {
    const store = new InMemoryCbcStateStore();
    const { cbc, sim } = cbcOf('cbc-a', ['a1', 'a2', 'a3', 'a4']);
    const adapter = new EcbeCbcAdapter([cbc], clock, { store });
    await adapter.submit(broadcast(['a1'], serial(7), 'older'));
    // Four batches of a newer alert under the same identifier, at once (one worker, concurrent jobs).
    const acks = await Promise.all(['a1', 'a2', 'a3', 'a4'].map((c) => adapter.submit(broadcast([c], serial(8), 'newer'))));
    expect(acks.flatMap((a) => a.receipts.map((r) => r.status))).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(sim.requests.map((r) => [r.method, r.status])).toEqual([['POST', 201], ['DELETE', 200], ['POST', 201]]);
    expect(sim.active.get(4370)).toMatchObject({ serialNr: serial(8) });
  });

  it('takes a 409 for a serial an earlier attempt recorded as posting as that message on air, without DELETE', async () => {
    const store = new InMemoryCbcStateStore();
    const { cbc, sim } = cbcOf('cbc-a', ['a1']);
    // An attempt whose answer was lost: recorded posting, and the CBC took it.
    await store.beginPost({ cbcId: 'cbc-a', messageIdentifier: 4370, serialNumber: serial(7), alertId: 'a-1', status: 'posting', message: {} as never, periodSeconds: 60, untilEpochSeconds: null, postedAt: null, deletedAt: null, replaces: null });
    sim.active.set(4370, { messageId: 4370, serialNr: serial(7), dcs: 1, pages: ['00'], repetitionPeriod: 60, numOfBcast: 10 });
    const ack = await new EcbeCbcAdapter([cbc], clock, { store }).submit(broadcast(['a1']));
    expect(ack.receipts[0].status).toBe('accepted');
    expect(ack.cbcs[0].exchanges).toEqual([{ request: `POST 4370/${serial(7)}`, status: 409 }]);
    expect((await store.find('cbc-a', 4370))?.status).toBe('confirmed');
  });

  it('deletes again before posting when an Update failed between its DELETE and its POST: the 409 could be the older serial', async () => {
    const store = new InMemoryCbcStateStore();
    const { cbc, sim } = cbcOf('cbc-a', ['a1']);
    const adapter = new EcbeCbcAdapter([cbc], clock, { store });
    await adapter.submit(broadcast(['a1'], serial(7, 0)));
    // The Update's DELETE never came back (the CBC's process died): the old serial is still held.
    const flaky = { ...cbc, transport: { ...cbc.transport, delete: async () => Promise.reject(new UplinkError('uplink/transient', 'reset', true)) } };
    const first = await new EcbeCbcAdapter([flaky], clock, { store }).submit(broadcast(['a1'], serial(7, 1)));
    expect(first.receipts[0].status).toBe('failed');
    expect(await store.find('cbc-a', 4370)).toMatchObject({ serialNumber: serial(7, 1), status: 'posting', replaces: serial(7, 0) });
    const retry = await adapter.submit(broadcast(['a1'], serial(7, 1)));
    expect(retry.receipts[0].status).toBe('accepted');
    expect(retry.cbcs[0].exchanges.map((x) => `${x.request} ${x.status}`)).toEqual(['DELETE 4370 200', `POST 4370/${serial(7, 1)} 201`]);
    expect(sim.active.get(4370)?.serialNr).toBe(serial(7, 1));
    expect(await store.find('cbc-a', 4370)).toMatchObject({ status: 'confirmed', replaces: null });
  });

  it('clears a 409 for an identifier the store does not know it placed, by DELETE and one more POST', async () => {
    const { cbc, sim } = cbcOf('cbc-a', ['a1']);
    sim.active.set(4370, { messageId: 4370, serialNr: serial(3), dcs: 1, pages: ['00'], repetitionPeriod: 60, numOfBcast: 10 });
    const ack = await new EcbeCbcAdapter([cbc], clock).submit(broadcast(['a1']));
    expect(ack.cbcs[0].exchanges.map((x) => `${x.request} ${x.status}`)).toEqual([`POST 4370/${serial(7)} 409`, 'DELETE 4370 200', `POST 4370/${serial(7)} 201`]);
  });

  it('withdraws once: a second kill of the same serial finds it deleted and asks nothing', async () => {
    const store = new InMemoryCbcStateStore();
    const { cbc, sim } = cbcOf('cbc-a', ['a1', 'a2']);
    const adapter = new EcbeCbcAdapter([cbc], clock, { store });
    await adapter.submit(broadcast(['a1', 'a2']));
    const first = await adapter.withdraw({ messageIdentifier: 4370, serialNumber: serial(7), cellIds: ['a1'] });
    const second = await adapter.withdraw({ messageIdentifier: 4370, serialNumber: serial(7), cellIds: ['a2'] });
    expect([first.receipts[0].status, second.receipts[0].status]).toEqual(['stopped', 'stopped']);
    expect(second.cbcs[0]).toMatchObject({ duplicate: true, exchanges: [] });
    expect(sim.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([200]);
    expect(await store.find('cbc-a', 4370)).toMatchObject({ status: 'deleted', deletedAt: NOW });
    expect(await store.heldBy('cbc-a')).toEqual([]);
  });

  it('keeps a refused message out of the store: a 400 leaves it recorded deleted, with the reason on every cell', async () => {
    const store = new InMemoryCbcStateStore();
    const { cbc } = cbcOf('cbc-a', ['a1', 'a2'], new EcbeCbcSimulator({ ackDelayMs: 0, refuse: () => "CBCMSG 'category' unknown" }));
    const ack = await new EcbeCbcAdapter([cbc], clock, { store }).submit(broadcast(['a1', 'a2']));
    expect(ack.receipts.map((r) => [r.cellId, r.status, r.reason])).toEqual([
      ['a1', 'rejected', "cbc-a 400: CBCMSG 'category' unknown"],
      ['a2', 'rejected', "cbc-a 400: CBCMSG 'category' unknown"],
    ]);
    expect((await store.find('cbc-a', 4370))?.status).toBe('deleted');
  });

  describe('reassert, after a CBC restart', () => {
    async function placed() {
      const store = new InMemoryCbcStateStore();
      const { cbc, sim } = cbcOf('cbc-a', ['a1']);
      const adapter = new EcbeCbcAdapter([cbc], clock, { store });
      await adapter.submit(broadcast(['a1']));
      return { store, sim, adapter };
    }

    it('does nothing to a CBC that still holds the message: its 409 is the answer', async () => {
      const { sim, adapter } = await placed();
      const out = await adapter.reassert('cbc-a', async () => true);
      expect(out).toEqual({ cbcId: 'cbc-a', restored: [], stillHeld: 1, failed: [] });
      expect(posts(sim)).toEqual([201, 409]);
    });

    it('posts the held message again to a CBC that restarted empty, with the broadcasts left until the alert ends', async () => {
      const { sim, adapter } = await placed();
      sim.forgetAll();
      const out = await adapter.reassert('cbc-a', async () => true);
      expect(out.restored).toEqual([{ alertId: 'a-1', messageIdentifier: 4370, serialNumber: serial(7), cells: 1 }]);
      expect(sim.active.get(4370)).toMatchObject({ serialNr: serial(7), numOfBcast: 60 });
    });

    it('leaves off an alert no longer due (cancelled, replaced, expired by the alert store), and a deleted one', async () => {
      const { sim, adapter } = await placed();
      sim.forgetAll();
      expect((await adapter.reassert('cbc-a', async () => false)).restored).toEqual([]);
      expect(sim.active.size).toBe(0);
      await adapter.withdraw({ messageIdentifier: 4370, serialNumber: serial(7), cellIds: ['a1'] });
      expect((await adapter.reassert('cbc-a', async () => true)).restored).toEqual([]);
      expect(sim.active.size).toBe(0);
    });

    it('takes the identifier\'s turn: a reassertion never puts back the message a job is replacing (DELETE done, new POST not yet)', async () => {
      const store = new InMemoryCbcStateStore();
      const { cbc, sim } = cbcOf('cbc-a', ['a1']);
      let releaseDelete!: () => void;
      const deleteHeld = new Promise<void>((r) => (releaseDelete = r));
      const slowDelete = { ...cbc, transport: { ...cbc.transport, delete: async (id: number) => {
        const answer = await cbc.transport.delete(id);
        await deleteHeld;
        return answer;
      } } };
      const adapter = new EcbeCbcAdapter([slowDelete], clock, { store });
      await adapter.submit(broadcast(['a1'], serial(7), 'older'));
      let releaseDue!: () => void;
      const dueHeld = new Promise<void>((r) => (releaseDue = r));
      // The reassertion has read what the CBC holds (the older alert) and asks whether it is due...
      const reasserted = adapter.reassert('cbc-a', async () => (await dueHeld, true));
      await new Promise((r) => setImmediate(r));
      // ...while the newer alert's batch replaces it.
      const replaced = adapter.submit(broadcast(['a1'], serial(8), 'newer'));
      await new Promise((r) => setTimeout(r, 50));
      releaseDue();
      const out = await reasserted;
      releaseDelete();
      expect((await replaced).receipts[0].status).toBe('accepted');
      expect(out).toEqual({ cbcId: 'cbc-a', restored: [], stillHeld: 1, failed: [] });
      expect(sim.active.get(4370)).toMatchObject({ serialNr: serial(8) });
      expect(sim.requests.map((r) => [r.method, r.status])).toEqual([['POST', 201], ['POST', 409], ['DELETE', 200], ['POST', 201]]);
    });

    it('leaves off a message whose alert has ended by the time recorded with it', async () => {
      const store = new InMemoryCbcStateStore();
      const { cbc, sim } = cbcOf('cbc-a', ['a1']);
      await new EcbeCbcAdapter([cbc], clock, { store }).submit(broadcast(['a1']));
      sim.forgetAll();
      const later = new EcbeCbcAdapter([cbc], { now: () => new Date(NOW.getTime() + 3600_000) }, { store });
      expect((await later.reassert('cbc-a', async () => true)).restored).toEqual([]);
    });
  });
});

describe('EcbeCbcAdapter and the alert\'s area', () => {
  it('asks no CBC whose broadcast would reach cells the alert does not target, and says so for each of its cells', async () => {
    const a = cbcOf('cbc-a', ['a1', 'a2', 'a3']);
    const b = cbcOf('cbc-b', ['b1']);
    const adapter = new EcbeCbcAdapter([a.cbc, b.cbc], clock);
    const ack = await adapter.submit(broadcast(['a1', 'a2', 'b1'], serial(7), 'a-1', { 'cbc-a': 2, 'cbc-b': 1 }));
    const reason = 'cbc-a broadcasts to all its 3 cells (ECBE takes no cell list) and the alert targets 2 of them: not sent, so as not to alert beyond its area';
    expect(ack.receipts).toEqual([
      { cellId: 'a1', cbcId: 'cbc-a', status: 'rejected', retryable: false, reason },
      { cellId: 'a2', cbcId: 'cbc-a', status: 'rejected', retryable: false, reason },
      { cellId: 'b1', cbcId: 'cbc-b', status: 'accepted', retryable: false },
    ]);
    expect(a.sim.requests).toEqual([]);
    expect(ack.cbcs.find((c) => c.cbcId === 'cbc-a')).toEqual({ cbcId: 'cbc-a', exchanges: [], alsoReached: 0, duplicate: false });
    expect(posts(b.sim)).toEqual([201]);
  });

  it('asks no CBC whose share of the alert it was not told (the side door: a caller that counts nothing)', async () => {
    const a = cbcOf('cbc-a', ['a1']);
    const ack = await new EcbeCbcAdapter([a.cbc], clock).submit(broadcast(['a1'], serial(7), 'a-1', {}));
    expect(ack.receipts[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('the alert targets an unknown number of them') });
    expect(a.sim.requests).toEqual([]);
  });
});

describe('EcbeCbcAdapter.probe', () => {
  it("takes the CBC's 404 to a GET (ECBE has none) as its REST server there, and changes nothing", async () => {
    const { cbc, sim } = cbcOf('cbc-a', ['a1']);
    await new EcbeCbcAdapter([cbc], clock).probe('cbc-a', 1000);
    expect(sim.requests.map((r) => [r.method, r.status])).toEqual([['GET', 404]]);
    expect(sim.active.size).toBe(0);
  });

  it('throws, retryable, for a 5xx (a proxy before a CBC that is down) or no answer, and for a CBC it does not know', async () => {
    const { cbc } = cbcOf('cbc-a', ['a1']);
    const down = { ...cbc, transport: { ...cbc.transport, probe: async () => ({ status: 503, body: 'Service Unavailable' }) } };
    await expect(new EcbeCbcAdapter([down], clock).probe('cbc-a', 1000)).rejects.toMatchObject({ code: 'uplink/transient', retryable: true, message: 'cbc-a answered 503 Service Unavailable' });
    const silent = { ...cbc, transport: { ...cbc.transport, probe: async () => Promise.reject(new UplinkError('uplink/transient', 'no answer within 1000 ms', true)) } };
    await expect(new EcbeCbcAdapter([silent], clock).probe('cbc-a', 1000)).rejects.toMatchObject({ code: 'uplink/transient' });
    await expect(new EcbeCbcAdapter([cbc], clock).probe('cbc-z', 1000)).rejects.toMatchObject({ code: 'uplink/unknown-gateway', retryable: false });
  });
});
