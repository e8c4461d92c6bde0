import { createPublicKey, verify } from 'node:crypto';
import { booleanIntersects, polygon as turfPolygon } from '@turf/turf';
import { Client } from 'pg';
import { decodeBroadcastPages } from '@faro/cell-broadcast';
import { capDateTime } from '@faro/cap';
import { verifyBroadcast } from '@faro/handset';
import { capAlert, CATANIA_POLYGON_LATLON, CATANIA_TEXT_EN, CATANIA_TEXT_IT } from './fixtures/catania-earthquake';
import { startPlatform, waitUntil, type Platform } from './platform';
import { stockHandsetDisplay } from './stock-handset-display';
import { grantToken, type TestUser } from './principals';

jest.setTimeout(300_000);

const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

describe('the alert pipeline, end to end', () => {
  let platform: Platform;
  let db: Client;
  let operator: TestUser;
  let approver: TestUser;

  beforeAll(async () => {
    platform = await startPlatform({ UPLINK_SIM_FAILURE_RATE: '0.05', UPLINK_SIM_SEED: '7' });
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    operator = await grantToken(platform.databaseUrl, ['operator']);
    approver = await grantToken(platform.databaseUrl, ['approver']);
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const post = (path: string, body: string, type = 'application/cap+xml') =>
    fetch(`${platform.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': type, ...operator.headers }, body });
  const get = async (path: string) => {
    const r = await fetch(`${platform.baseUrl}${path}`, { headers: operator.headers });
    expect(r.status).toBe(200);
    return r.json() as Promise<any>;
  };
  const release = async (id: string) => {
    const r = await fetch(`${platform.baseUrl}/api/v1/alerts/${id}/release`, { method: 'POST', headers: approver.headers });
    expect(r.status).toBe(200);
    return r.json() as Promise<any>;
  };
  const untilState = (id: string, state: string) =>
    waitUntil(`alert ${id} ${state}`, async () => {
      const a = await get(`/api/v1/alerts/${id}`);
      return a.state === state ? a : undefined;
    }, 120_000, platform.logs);

  it('targets Catania exactly, reaches every cell, and the broadcast decodes and verifies', async () => {
    const sent = new Date(Date.now() - 1000);
    const expires = new Date(Date.now() + 3 * 3600_000);
    const doc = capAlert({ identifier: `INGV-CT-${sent.getTime()}`, sent: capDateTime(sent), expires: capDateTime(expires) });

    const created = await post('/api/v1/incidents', doc);
    expect(created.status).toBe(201);
    const incident = (await created.json()) as any;
    expect(incident.alertId).toEqual(expect.any(String));
    expect(incident.hazard).toBe('earthquake');

    // The same CAP document again is the same incident and the same alert.
    const again = await post('/api/v1/incidents', doc);
    expect(again.status).toBe(200);
    const dup = (await again.json()) as any;
    expect(dup.alertId).toBe(incident.alertId);
    expect(dup.duplicate).toBe(true);
    const { rows: sameCap } = await db.query(`SELECT count(*)::int AS n FROM alerts WHERE cap_identifier = $1`, [`INGV-CT-${sent.getTime()}`]);
    expect(sameCap[0].n).toBe(1);

    const alertId = incident.alertId as string;
    const draft = await get(`/api/v1/alerts/${alertId}`);
    expect(draft.state).toBe('draft');
    expect(draft.cellBroadcast.messageIdentifier).toBe(4371); // Extreme, Immediate, Observed
    expect(draft.cellBroadcast.additionalLanguageMessageIdentifier).toBe(4384);
    expect(draft.targeting.counts.terrestrial).toBeGreaterThan(0);

    const preview = await get(`/api/v1/alerts/${alertId}/preview`);
    expect(preview.messages.map((m: any) => [m.language, m.alphabet, m.dcs])).toEqual([
      ['it', 'gsm7', 0x02],
      ['en', 'gsm7', 0x01],
    ]);

    await release(alertId);
    const active = await untilState(alertId, 'active');

    // Targeted cells equal an independent brute-force intersection over the whole inventory.
    const ring = CATANIA_POLYGON_LATLON.split(' ').map((p) => p.split(',').map(Number).reverse());
    const area = turfPolygon([ring]);
    const brute = new Set<string>();
    const { rows: all } = await db.query(`SELECT id, coverage FROM cells`);
    for (const c of all) if (booleanIntersects(area, c.coverage)) brute.add(c.id);
    const { rows: targeted } = await db.query(`SELECT DISTINCT cell_id FROM deliveries WHERE alert_id = $1`, [alertId]);
    expect(new Set(targeted.map((r) => r.cell_id))).toEqual(brute);
    expect(active.targeting.counts.total).toBe(brute.size);

    // Every cell, in both languages, reached the simulator.
    expect(active.delivery.total).toBe(brute.size * 2);
    expect(active.delivery.byStatus).toEqual({ broadcasting: brute.size * 2 });

    const { broadcasts } = await get(`/api/v1/alerts/${alertId}/broadcasts`);
    const jwks = await get('/.well-known/faro/keys');
    const alerts = broadcasts.filter((b: any) => b.kind === 'alert');
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((b: any) => b.language))).toEqual(new Set(['it', 'en']));
    for (const b of alerts) {
      // The alert message as the gateway put it on air: its text pages and nothing else.
      const pages = (b.pagesOnAir as string[]).map((h) => Buffer.from(h, 'hex'));
      expect(b.pagesOnAir).toEqual(b.pages);
      pages.forEach((p, i) => {
        expect(p.length).toBe(88);
        expect(p.readUInt16BE(0)).toBe(b.serialNumber);
        expect(p.readUInt16BE(2)).toBe(b.messageIdentifier);
        expect(p[4]).toBe(b.dataCodingScheme);
        expect(p[5]).toBe(((i + 1) << 4) | pages.length);
      });
      // What a stock handset shows, by an independent GSM 7-bit / UCS-2 decoder: exactly the text;
      // every page is its text followed by CR padding only.
      const expected = b.language === 'it' ? CATANIA_TEXT_IT : CATANIA_TEXT_EN;
      const display = stockHandsetDisplay(b.dataCodingScheme, pages);
      expect(display.shown).toBe(expected);
      expect(display.raw.join('').replace(/\r/g, '')).toBe(expected.replace(/\r/g, ''));
      expect(decodeBroadcastPages(b.dataCodingScheme, pages.map((p) => new Uint8Array(p.subarray(6)))).text).toBe(expected);

      // Its companion: its own identifier, the same serial number, the same cells and route.
      const companion = broadcasts.find((c: any) => c.kind === 'companion' && c.signsMessageIdentifier === b.messageIdentifier && c.routeId === b.routeId);
      expect(companion).toMatchObject({ messageIdentifier: b.language === 'it' ? 0xa000 : 0xa001, serialNumber: b.serialNumber, dataCodingScheme: 0x44, cells: b.cells, submissions: b.submissions });
      expect(companion.pagesOnAir).toHaveLength(1);
      const fs2 = Buffer.from(companion.pagesOnAir[0], 'hex');
      expect(fs2.subarray(0, 6).toString('hex')).toBe(`${u16(b.serialNumber).toString('hex')}${u16(companion.messageIdentifier).toString('hex')}4411`);
      const content = fs2.subarray(6);
      expect(content.subarray(0, 3).toString('ascii')).toBe('FS2');
      expect(content.readUInt16BE(3)).toBe(b.messageIdentifier);
      const keyId = content.readUInt32BE(5);
      const issueTime = content.readUInt32BE(9);
      expect(keyId.toString(16).padStart(8, '0')).toBe(b.keyId);

      // The signature, checked with node:crypto and the published JWK only.
      const text = pages.map((p) => p.subarray(6));
      const signed = Buffer.concat([u16(b.messageIdentifier), u16(b.serialNumber), Buffer.from([b.dataCodingScheme]), u32(issueTime), u32(keyId), ...text]);
      const jwk = jwks.keys.find((k: any) => k.kid === b.keyId);
      expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
      const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
      expect(verify(null, signed, publicKey, content.subarray(13, 77))).toBe(true);
      const tampered = Buffer.from(signed);
      tampered[20] ^= 1;
      expect(verify(null, tampered, publicKey, content.subarray(13, 77))).toBe(false);

      // And as a Faro handset pairs them: the alert pages and the companion in any order; a
      // flipped bit anywhere in them is refused (every 7th bit here; all of them in the unit spec).
      const onAir = [fs2, ...pages].map((p) => new Uint8Array(p));
      expect(verifyBroadcast({ pages: onAir, jwks, now: new Date() })).toMatchObject({ ok: true, text: expected, messageIdentifier: b.messageIdentifier });
      for (let page = 0; page < onAir.length; page++) {
        for (let bit = page; bit < 88 * 8; bit += 7) {
          const flipped = onAir.map((p) => p.slice());
          flipped[page][bit >> 3] ^= 1 << (bit & 7);
          expect([page, bit, verifyBroadcast({ pages: flipped, jwks, now: new Date() }).ok]).toEqual([page, bit, false]);
        }
      }
    }
    const cellsOnAir = alerts.filter((b: any) => b.language === 'it').reduce((n: number, b: any) => n + b.cells, 0);
    expect(cellsOnAir).toBe(brute.size);

    // An Update keeps the message code and advances the update number.
    const upSent = new Date(sent.getTime() + 60_000);
    const original = `it-alert@protezionecivile.it,INGV-CT-${sent.getTime()},${capDateTime(sent)}`;
    const update = await post('/api/v1/incidents', capAlert({
      identifier: `INGV-CT-${sent.getTime()}-U1`, sent: capDateTime(upSent), expires: capDateTime(expires), msgType: 'Update', references: original,
      textIt: 'Aggiornamento: repliche in corso nella zona di Catania. Restare lontani dagli edifici danneggiati.',
    }));
    expect(update.status).toBe(201);
    const updateId = ((await update.json()) as any).alertId;
    const updDraft = await get(`/api/v1/alerts/${updateId}`);
    expect(updDraft.cellBroadcast.messageCode).toBe(draft.cellBroadcast.messageCode);
    expect(updDraft.cellBroadcast.updateNumber).toBe(draft.cellBroadcast.updateNumber + 1);
    expect(updDraft.cellBroadcast.serialNumber).toBe(draft.cellBroadcast.serialNumber + 1);
    await release(updateId);
    await untilState(updateId, 'active');
    expect((await get(`/api/v1/alerts/${alertId}`)).state).toBe('updated');
    const updBroadcasts = (await get(`/api/v1/alerts/${updateId}/broadcasts`)).broadcasts;
    expect(new Set(updBroadcasts.map((b: any) => b.serialNumber))).toEqual(new Set([updDraft.cellBroadcast.serialNumber]));
    // The Update's companions replace the old ones on the same channels, in the same cells as its text.
    const onAirBy = (list: any[], kind: string) =>
      Object.fromEntries(list.filter((b) => b.kind === kind).map((b) => [`${b.messageIdentifier}/${b.routeId}`, b.cells]));
    expect(onAirBy(updBroadcasts, 'companion')).toEqual(onAirBy(broadcasts, 'companion'));
    expect(Object.values(onAirBy(updBroadcasts, 'companion')).reduce((a: number, n: any) => a + n, 0)).toBe(brute.size * 2);
    const upIt = updBroadcasts.find((b: any) => b.kind === 'alert' && b.language === 'it');
    expect(stockHandsetDisplay(upIt.dataCodingScheme, upIt.pagesOnAir.map((h: string) => Buffer.from(h, 'hex'))).shown).toBe(
      'Aggiornamento: repliche in corso nella zona di Catania. Restare lontani dagli edifici danneggiati.',
    );

    // A Cancel kills what is on air: the Update's serial number, on every cell.
    const cancel = await post('/api/v1/incidents', capAlert({
      identifier: `INGV-CT-${sent.getTime()}-C`, sent: capDateTime(new Date(upSent.getTime() + 60_000)), expires: capDateTime(expires), msgType: 'Cancel',
      references: `${original} it-alert@protezionecivile.it,INGV-CT-${sent.getTime()}-U1,${capDateTime(upSent)}`,
    }));
    expect(cancel.status).toBe(201);
    const cancelId = ((await cancel.json()) as any).alertId;
    const cancelDraft = await get(`/api/v1/alerts/${cancelId}`);
    expect(cancelDraft.references).toBe(updateId);
    expect(cancelDraft.cellBroadcast.serialNumber).toBe(updDraft.cellBroadcast.serialNumber);
    await release(cancelId);
    // A Cancel puts nothing on air: once its kills are finished it is done.
    await untilState(cancelId, 'done');
    const cancelled = await get(`/api/v1/alerts/${updateId}`);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.delivery.byStatus).toEqual({ killed: brute.size * 2 });
    const { rows: kills } = await db.query(`SELECT DISTINCT serial_number FROM broadcasts WHERE alert_id = $1 AND kind = 'kill'`, [updateId]);
    expect(kills.map((k) => k.serial_number)).toEqual([updDraft.cellBroadcast.serialNumber]);
    // Each kill stopped the companion with its alert message, in the same cells.
    const { rows: killed } = await db.query(
      `SELECT message_identifier, companion_message_identifier, sum(cell_count)::int AS cells FROM broadcasts
        WHERE alert_id = $1 AND kind = 'kill' GROUP BY 1, 2 ORDER BY 1`,
      [updateId],
    );
    expect(killed).toEqual([
      { message_identifier: 4371, companion_message_identifier: 0xa000, cells: brute.size },
      { message_identifier: 4384, companion_message_identifier: 0xa001, cells: brute.size },
    ]);

    // Every state change is in the audit trail.
    const { rows: audit } = await db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [alertId]);
    expect(audit.map((a) => a.action)).toEqual(['alert.drafted', 'alert.pending_approval', 'alert.approved', 'alert.broadcasting', 'alert.active', 'alert.updated']);
  });
});
