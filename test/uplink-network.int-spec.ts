import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { broadcastAad, generateGatewayKeyPair, sealForGateway } from '@faro/broadcast-security';
import { Constellation, DEFAULT_GATEWAYS, readElementSets, SnapshotSky } from '@faro/constellation';
import { satelliteCellCentre } from '@faro/inventory';
import { encodeBroadcastEnvelope } from '@faro/uplink';
import { callApi } from './auth-client';
import { cataniaFlood } from './fixtures/catania-flood';
import { freePort, startPlatform, waitUntil, type Platform } from './platform';
import { grantToken, type TestUser } from './principals';
import { startUplinkSim, type UplinkSimProcess } from './uplink-sim-process';

jest.setTimeout(180_000);

const json = (r: Response): Promise<any> => r.json();

// The worker and the gateways as separate processes on the network (UPLINK_MODE=network): the
// worker's NetworkUplink speaks the gateway protocol (docs/gateway-protocol.md) to apps/uplink-sim,
// which opens the seals with its own keys and keeps its own record of what went on air.

// Runs once, not per queue backend, on the Redis pass when there is one (scripts/test.sh): it does
// queue (its alerts go through BullMQ), but what it tests is the network between the worker and
// the gateways, and its platform is its own; how the two queue backends carry batches, retries and
// priorities is what the other specs run twice for.
describe('the uplink over the network', () => {
  const TOKEN = 'gateway-operator-issued-token-0001';
  const REGIONAL_CBC = 'cbc-iliad-vda';
  // What a CBC answers for an alert that covers only part of its cells (EcbeCbcAdapter).
  const NOT_BEYOND = /^cbc-\S+ broadcasts to all its \d+ cells \(ECBE takes no cell list\) and the alert targets \d+ of them: not sent, so as not to alert beyond its area$/;
  // A claim left by a killed simulator lapses after 2 s. A fixed boot id: a restart keeps what the
  // gateways had on air, unless a test restarts them under another (empty).
  const SIM_SETTINGS = { UPLINK_TOKEN: TOKEN, UPLINK_SIM_FAILURE_RATE: '0', UPLINK_SIM_CAPACITY_FACTOR: '10', UPLINK_SIM_CLAIM_LEASE_MS: '2000', UPLINK_SIM_BOOT_ID: 'boot-1' };
  let platform: Platform;
  let sim: UplinkSimProcess;
  let db: Client;
  let operator: TestUser;
  let approver: TestUser;
  let firstAlert: string;
  let outageAlert: string;
  let lostAnswerAlert: string;

  beforeAll(async () => {
    const simPort = await freePort();
    platform = await startPlatform(
      {
        UPLINK_MODE: 'network',
        UPLINK_URL: `http://127.0.0.1:${simPort}`,
        UPLINK_TOKEN: TOKEN,
        // A lost answer is retried after a second; the outage below lasts less than the retries.
        UPLINK_TIMEOUT_MS: '1000',
        UPLINK_ATTEMPTS: '8',
        UPLINK_BACKOFF_MS: '200',
        OUTBOX_STALE_MS: '2000',
        UPLINK_HEARTBEAT_MS: '250',
        UPLINK_LIVENESS_TIMEOUT_MS: '1000',
      },
      { worker: false },
    );
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    // Iliad reaches Valle d'Aosta through a CBC of its own there (its peers serve only that
    // region); the other operators' CBCs serve their whole networks. Both read from the cells
    // table when the simulator and the worker start.
    await db.query(`UPDATE cells SET gateway_id = $1, route_id = 'ter-iliad-vda' WHERE kind = 'terrestrial' AND operator = 'Iliad' AND municipality_code LIKE '007%'`, [REGIONAL_CBC]);
    await db.query(`UPDATE cell_inventory SET version = version || '+iliad-vda' WHERE id = 1`);
    sim = await startUplinkSim(platform.databaseUrl, SIM_SETTINGS, simPort);
    await platform.startWorker();
    operator = await grantToken(platform.databaseUrl, ['operator']);
    approver = await grantToken(platform.databaseUrl, ['approver']);
  });

  afterAll(async () => {
    await db?.end();
    await sim?.stop();
    await platform?.stop();
  });

  const logs = () => `${platform.logs()}\n${sim.logs()}`;

  const release = async (text: string): Promise<string> => {
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', {
      headers: operator.headers,
      body: cataniaFlood({ areas: [{ type: 'geocode', scheme: 'ISTAT_REGION', code: '02', description: "Valle d'Aosta" }], languages: [{ language: 'it-IT', text }] }),
    });
    expect([created.status, created.body]).toEqual([201, expect.objectContaining({ alertId: expect.any(String) })]);
    const id = created.body.alertId as string;
    const released = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/release`, { headers: approver.headers });
    expect([released.status, released.body]).toEqual([200, expect.anything()]);
    return id;
  };

  // Every targeted cell on air exactly once, by the simulator's own record (its control endpoint),
  // and no other cell. A CBC (osmo-cbc 0.5.3 takes scope_plmn only) puts a message on every cell
  // of its peers, so one whose peers reach beyond the alert's area is not asked at all.
  const expectEveryCellOnce = async (id: string): Promise<number> => {
    await waitUntil(`alert ${id} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state === 'active', 120_000, logs);
    const record = await sim.admin('GET', `/admin/v1/transmissions?alertId=${encodeURIComponent(id)}`);
    expect(record.status).toBe(200);
    const times = new Map<string, number>();
    const byGateway = new Map<string, boolean>();
    for (const t of record.body.transmissions as Array<{ gatewayId: string; messageIdentifier: number; cellIds: string[] }>) {
      for (const cell of t.cellIds) {
        times.set(`${t.messageIdentifier}/${cell}`, (times.get(`${t.messageIdentifier}/${cell}`) ?? 0) + 1);
        byGateway.set(`${t.messageIdentifier}/${cell}`, t.gatewayId.startsWith('cbc-'));
      }
    }
    const { rows: all } = await db.query(`SELECT m.message_identifier, d.cell_id, d.status, d.reason FROM deliveries d JOIN messages m ON m.id = d.message_id WHERE d.alert_id = $1`, [id]);
    // The cells of a CBC whose network reaches beyond the alert's area: refused, never on air.
    const refused = all.filter((r) => r.status === 'rejected' && NOT_BEYOND.test(r.reason));
    expect(refused.filter((r) => times.has(`${r.message_identifier}/${r.cell_id}`))).toEqual([]);
    const rows = all.filter((r) => !refused.includes(r));
    expect(rows.length).toBeGreaterThan(10);
    expect([...new Set(rows.filter((r) => r.status !== 'broadcasting').map((r) => `${r.status}: ${r.reason}`))]).toEqual([]);
    expect(rows.map((r) => times.get(`${r.message_identifier}/${r.cell_id}`))).toEqual(rows.map(() => 1));
    // Nothing went on air outside the alert's cells, through a gateway or through a CBC.
    const targeted = new Set(rows.map((r) => `${r.message_identifier}/${r.cell_id}`));
    expect([...times.keys()].filter((k) => !targeted.has(k)).map((k) => [k, byGateway.get(k)])).toEqual([]);
    return rows.length;
  };

  const transmissions = async (id: string): Promise<Array<{ submissionId: string; gatewayId: string; messageIdentifier: number; cellIds: string[]; transmittedAt: string }>> =>
    (await sim.admin('GET', `/admin/v1/transmissions?alertId=${encodeURIComponent(id)}`)).body.transmissions;

  // What a CBC was asked over ECBE (since a moment), by its own request log. By time, not by
  // place in the log: it keeps the last 1,000 requests, and the reassertions add to it every tick.
  const cbcRequests = async (cbcId: string, since = new Date(0)): Promise<Array<{ method: string; path: string; status: number; at: string }>> =>
    ((await sim.admin('GET', `/admin/v1/cbcs/${cbcId}/requests`)).body.requests as Array<{ method: string; path: string; status: number; at: string }>).filter((r) => Date.parse(r.at) >= since.getTime());
  // The CBCs the alert's batches went to, and those Faro asked to put it on air (its record of
  // what each CBC holds).
  const cbcBatchesOf = async (id: string): Promise<string[]> =>
    (await db.query(`SELECT DISTINCT gateway_id FROM fanout_batches WHERE alert_id = $1 AND kind = 'broadcast' AND gateway_id LIKE 'cbc-%' ORDER BY gateway_id`, [id])).rows.map((r) => r.gateway_id);
  const cbcsOf = async (id: string): Promise<string[]> => (await db.query(`SELECT DISTINCT cbc_id FROM cbc_messages WHERE alert_id = $1 ORDER BY cbc_id`, [id])).rows.map((r) => r.cbc_id);
  const allCbcs = async (): Promise<string[]> => ((await sim.admin('GET', '/admin/v1/cbcs')).body.cbcs as Array<{ cbcId: string }>).map((c) => c.cbcId);
  const setCbcs = async (change: Record<string, unknown>) => {
    for (const id of await allCbcs()) expect((await sim.admin('PATCH', `/admin/v1/cbcs/${id}/settings`, change)).status).toBe(200);
  };

  const allGateways = async (): Promise<string[]> => ((await sim.admin('GET', '/admin/v1/gateways')).body.gateways as Array<{ gatewayId: string }>).map((g) => g.gatewayId);
  const setAll = async (change: (id: string) => Promise<{ status: number }>) => {
    for (const id of await allGateways()) expect((await change(id)).status).toBe(200);
  };
  const repeated = () => sim.logs().split('\n').filter((l) => l.includes('gateway acknowledged a repeated request')).length;
  const refusals = (code: string) => sim.logs().split('\n').filter((l) => l.includes('gateway refused') && l.includes(code)).length;

  it('delivers every cell of a released alert exactly once through the separate gateway process', async () => {
    const released = new Date();
    const id = await release('Prova: allerta consegnata in rete.');
    const cells = await expectEveryCellOnce(id);
    expect(cells).toBeGreaterThan(100);
    expect(logs()).toContain('gateways at http://127.0.0.1:');
    // The gateway process's lines for the alert carry its id, as the API's and worker's do.
    const taken = sim.logs().split('\n').filter((l) => l.includes('gateway took the request') && l.includes(`"alertId":"${id}"`));
    expect(taken.length).toBeGreaterThan(0);
    // The terrestrial cells went over ECBE, unsealed, only to the CBC whose cells are all in the
    // region: one activation, recorded by the CBC as on air, and Faro's record of what the CBC
    // holds says so. The national CBCs were not asked (their broadcast would have reached all of
    // Italy); each of their cells says why.
    const cbcs = await cbcsOf(id);
    expect(cbcs).toEqual([REGIONAL_CBC]);
    const national = (await cbcBatchesOf(id)).filter((c) => c !== REGIONAL_CBC);
    expect(national.length).toBeGreaterThan(0);
    // (Their liveness probes, GETs, go on: ECBE has no GET, they ask nothing of the CBC.)
    for (const cbc of national) expect((await cbcRequests(cbc, released)).filter((r) => r.method !== 'GET')).toEqual([]);
    const { rows: refused } = await db.query(
      `SELECT b.gateway_id, d.status, d.reason FROM deliveries d JOIN fanout_batches b ON b.alert_id = d.alert_id AND b.route_id = d.route_id AND b.batch = d.batch AND b.kind = 'broadcast' WHERE d.alert_id = $1 AND b.gateway_id = ANY($2)`,
      [id, national],
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((r) => r.status !== 'rejected' || !NOT_BEYOND.test(r.reason) || !r.reason.startsWith(`${r.gateway_id} `))).toEqual([]);
    // The alert's targeting (recomputed by the fan-out) said so before anything was sent: one
    // warning per national CBC's route, none for the regional one.
    const viewed = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${id}`, { headers: operator.headers });
    expect(viewed.status).toBe(200);
    const targeting = viewed.body.targeting as { routes: Record<string, { gatewayId: string; cells: number; networkCells?: number }>; warnings: Array<{ code: string; message: string }> };
    const warned = targeting.warnings.filter((w) => w.code === 'targeting/terrestrial-network-wide').map((w) => w.message.split(':')[0]);
    const routesOf = (gateways: string[]) => Object.entries(targeting.routes).filter(([, r]) => gateways.includes(r.gatewayId)).map(([route]) => route).sort();
    expect(warned.sort()).toEqual(routesOf(national));
    expect(routesOf([REGIONAL_CBC]).map((r) => targeting.routes[r])).toEqual([expect.objectContaining({ networkCells: targeting.routes[routesOf([REGIONAL_CBC])[0]].cells })]);
    const viaCbc = (await transmissions(id)).filter((t) => t.gatewayId.startsWith('cbc-'));
    expect(viaCbc.map((t) => t.gatewayId).sort()).toEqual(cbcs);
    expect(viaCbc.every((t) => t.submissionId.includes(':ecbe-'))).toBe(true);
    const held = await db.query(`SELECT cbc_id, status FROM cbc_messages WHERE alert_id = $1 ORDER BY cbc_id`, [id]);
    expect(held.rows).toEqual(cbcs.map((cbc_id) => ({ cbc_id, status: 'confirmed' })));
    for (const cbc of cbcs) expect((await cbcRequests(cbc, released)).filter((r) => r.method === 'POST' && r.status === 201)).toHaveLength(1);
    firstAlert = id;

    // What was transmitted names, per satellite cell, the satellite it went through: checked apart
    // from the simulator with the element sets (satellite.js via libs/constellation), on the sky the
    // snapshot replays for that moment: above the cell's 25° mask and the gateway's. A cell named
    // with none had no satellite above both then: the sky leaves Valle d'Aosta without one for
    // ~2% of the day, so a transmission in such a gap is checked against the whole constellation
    // rather than failing a count.
    const coverage = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${id}/coverage?limit=5000`, { headers: operator.headers });
    expect(coverage.status).toBe(200);
    const sent = (coverage.body.items as Array<{ cellId: string; kind: string; transmitted: Array<{ gatewayId: string; at: string; satelliteId?: string | null }> }>)
      .filter((c) => c.kind === 'satellite')
      .flatMap((c) => c.transmitted.map((t) => ({ cellId: c.cellId, ...t })));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((t) => t.satelliteId !== undefined)).toBe(true);
    const sets = readElementSets(join(__dirname, '..', 'data', 'satellites', 'starlink_dtc.tle'));
    const sky = new Constellation(sets);
    const replay = new SnapshotSky(sets, 7);
    const above = (satelliteId: string, t: { cellId: string; gatewayId: string; at: string }): boolean => {
      const at = new Date(Date.parse(t.at) + replay.offsetMs(new Date(t.at)));
      const gateway = DEFAULT_GATEWAYS.find((g) => g.id === t.gatewayId)!;
      const overCell = sky.lookAngle(satelliteId, satelliteCellCentre(t.cellId)!, at);
      const overGateway = sky.lookAngle(satelliteId, gateway, at);
      return !!overCell && !!overGateway && overCell.elevationDeg >= 25 && overGateway.elevationDeg >= 25;
    };
    const wrong = sent.filter((t) => (t.satelliteId === null ? sky.satelliteIds.some((s) => above(s, t)) : !above(t.satelliteId!, t)));
    expect(wrong).toEqual([]);
  });

  it('takes the alert off the air with kills over the network, each cell stopped by its gateway', async () => {
    const onAir = (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting'`, [firstAlert])).rows[0].n;
    const drafted = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${firstAlert}/cancel`, { headers: operator.headers });
    expect([drafted.status, drafted.body]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);
    const cancel = drafted.body.id as string;
    expect((await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${cancel}/release`, { headers: approver.headers })).status).toBe(200);
    await waitUntil(`cancel ${cancel} done`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [cancel])).rows[0]?.state === 'done', 60_000, logs);
    const kills = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${cancel}/kills`, { headers: operator.headers });
    expect(kills.body).toMatchObject({ target: firstAlert, counts: { killed: onAir, 'on-air': 0 } });
    // Gateways stop exactly the cells named; a CBC's DELETE stops the message in every cell of its
    // peers (scope_plmn), at least those of the alert there.
    const cells = (r: any) => r.transmissions.reduce((m: number, t: any) => m + t.cells, 0);
    const viaGateways = kills.body.routes.filter((r: any) => !r.gatewayId.startsWith('cbc-'));
    const viaCbcs = kills.body.routes.filter((r: any) => r.gatewayId.startsWith('cbc-'));
    expect(viaCbcs.length).toBeGreaterThan(0);
    const onAirVia = async (prefix: boolean, gatewayId?: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM deliveries d JOIN fanout_batches b ON b.alert_id = d.alert_id AND b.route_id = d.route_id AND b.batch = d.batch AND b.kind = 'broadcast'
                        WHERE d.alert_id = $1 AND d.status = 'killed' AND (b.gateway_id LIKE 'cbc-%') = $2 AND ($3::text IS NULL OR b.gateway_id = $3)`, [firstAlert, prefix, gatewayId ?? null])).rows[0].n;
    expect(viaGateways.reduce((n: number, r: any) => n + cells(r), 0)).toBe(await onAirVia(false));
    for (const r of viaCbcs) {
      expect(r.transmissions).toHaveLength(1);
      expect(cells(r)).toBeGreaterThanOrEqual(await onAirVia(true, r.gatewayId));
    }
    // Each CBC took the message off once: kill batches of its cells running at once may each
    // DELETE, and all but one meet 404 Unknown message ID, which is the message already gone.
    for (const cbc of await cbcsOf(firstAlert)) {
      const deletes = (await cbcRequests(cbc)).filter((r) => r.method === 'DELETE').map((r) => r.status);
      expect(deletes.filter((st) => st === 200)).toHaveLength(1);
      expect(deletes.filter((st) => st !== 200 && st !== 404)).toEqual([]);
    }
    const held = await db.query(`SELECT DISTINCT status FROM cbc_messages WHERE alert_id = $1`, [firstAlert]);
    expect(held.rows).toEqual([{ status: 'deleted' }]);
  });

  it('retries through a gateway outage and after recovery sends nothing twice', async () => {
    await setAll((g) => sim.admin('PUT', `/admin/v1/gateways/${g}/state`, { state: 'down' }));
    const before = refusals('uplink/transient');
    const id = await release('Prova: allerta durante un guasto del gateway.');
    await waitUntil('the worker meeting the outage', async () => refusals('uplink/transient') >= before + 3, 60_000, logs);
    const { rows: [{ n: duringOutage }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting'`, [id]);
    expect(duringOutage).toBe(0);
    await setAll((g) => sim.admin('PUT', `/admin/v1/gateways/${g}/state`, { state: 'up' }));
    await expectEveryCellOnce(id);
    outageAlert = id;
  });

  it('puts a submission whose answer was lost on air once: the retry is acknowledged, not transmitted', async () => {
    // Slower than the worker waits: every first answer is lost; the retry is answered with the
    // first request's outcome (or finds it in progress, or transmitted), marked duplicate.
    await setAll((g) => sim.admin('PATCH', `/admin/v1/gateways/${g}/settings`, { latencyMs: { min: 1500, max: 1500 } }));
    const before = repeated();
    try {
      const id = await release('Prova: risposta persa in rete.');
      await expectEveryCellOnce(id);
      expect(repeated()).toBeGreaterThan(before);
      lostAnswerAlert = id;
    } finally {
      await setAll((g) => sim.admin('PATCH', `/admin/v1/gateways/${g}/settings`, { latencyMs: { min: 30, max: 120 } }));
    }
  });

  it('survives the gateway process killed mid-alert and restarted: every cell on air once', async () => {
    // Slow enough that the kill lands while batches are on their way.
    await setAll((g) => sim.admin('PATCH', `/admin/v1/gateways/${g}/settings`, { capacityCellsPerSecond: 400 }));
    const id = await release('Prova: il gateway riparte a metà allerta.');
    await waitUntil('a first transmission', async () => ((await sim.admin('GET', `/admin/v1/transmissions?alertId=${id}`)).body.transmissions.length > 0 ? true : undefined), 60_000, logs);
    const before = sim;
    await before.crash();
    const { rows: [{ n: onAirAtCrash }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting'`, [id]);
    sim = await startUplinkSim(platform.databaseUrl, SIM_SETTINGS, Number(new URL(before.url).port));
    const earlier = before.logs();
    const logsOf = sim.logs;
    sim.logs = () => `${earlier}\n${logsOf()}`;
    await expectEveryCellOnce(id);
    const { rows: [{ n: total }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1`, [id]);
    expect(onAirAtCrash).toBeLessThan(total);
  });

  it('marks a silent route down within the liveness bound, audited, and up again when it answers', async () => {
    const [gatewayId] = (await allGateways()).filter((g) => g.startsWith('sat-'));
    const events = async (action: string, since: Date) =>
      (await db.query(`SELECT at, details FROM audit_log WHERE action = $1 AND subject_type = 'gateway' AND subject_id = $2 AND at >= $3 ORDER BY id`, [action, gatewayId, since])).rows;
    const silencedAt = new Date();
    expect((await sim.admin('PUT', `/admin/v1/gateways/${gatewayId}/state`, { state: 'silent' })).status).toBe(200);
    try {
      const [down] = await waitUntil('route down', async () => {
        const rows = await events('uplink.route-down', silencedAt);
        return rows.length > 0 ? rows : undefined;
      }, 15_000, logs);
      // Timeout 1 s + one heartbeat tick of 0.25 s, with room for a loaded machine.
      expect(new Date(down.at).getTime() - silencedAt.getTime()).toBeLessThan(1_000 + 250 + 2_000);
      expect(down.details).toMatchObject({ silentForMs: expect.any(Number), lastHeardAt: expect.any(String) });
      expect(down.details.silentForMs).toBeGreaterThanOrEqual(1_000);
      const others = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'uplink.route-down' AND subject_id <> $1 AND at >= $2`, [gatewayId, silencedAt]);
      expect(others.rows[0].n).toBe(0);
      // What the liveness recorded is the route's state for the console (issue 14).
      expect(await routeOf(gatewayId)).toEqual({ gatewayId, kind: 'satellite', state: 'down', since: new Date(down.at).toISOString(), lastHeardAt: down.details.lastHeardAt });
    } finally {
      await sim.admin('PUT', `/admin/v1/gateways/${gatewayId}/state`, { state: 'up' });
    }
    const upSince = new Date();
    await waitUntil('route up', async () => (await events('uplink.route-up', upSince)).length > 0, 15_000, logs);
    expect(await routeOf(gatewayId)).toMatchObject({ state: 'up', since: expect.any(String) });
  });

  const gatewaysOf = async (id: string): Promise<string[]> =>
    (await db.query(`SELECT DISTINCT gateway_id FROM fanout_batches WHERE alert_id = $1 AND kind = 'broadcast' ORDER BY gateway_id`, [id])).rows.map((r) => r.gateway_id);
  const auditOf = async (action: string, since: Date) =>
    (await db.query(`SELECT subject_id, details FROM audit_log WHERE action = $1 AND subject_type = 'gateway' AND at >= $2 ORDER BY id`, [action, since])).rows;

  it('puts the alerts still due back on air at a gateway that restarted empty, and no cancelled or expired one', async () => {
    const active = outageAlert;
    // The satellite gateways (boot ids); the CBCs' recovery over ECBE is the test further down.
    const viaGateways = async (id: string) => (await transmissions(id)).filter((t) => !t.gatewayId.startsWith('cbc-'));
    const before = { active: await viaGateways(active), cancelled: await transmissions(firstAlert), expired: await transmissions(lostAnswerAlert) };
    expect([before.active.length, before.cancelled.length, before.expired.length].every((n) => n > 0)).toBe(true);
    // Expired by its clock (the sweeper may or may not have recorded it yet: either way it stays off).
    await db.query(`UPDATE alerts SET expires_at = now() - interval '1 second' WHERE id = $1`, [lostAnswerAlert]);
    expect((await db.query(`SELECT state FROM alerts WHERE id = $1`, [firstAlert])).rows[0].state).toBe('cancelled');
    const gateways = (await allGateways()).filter((g) => !g.startsWith('cbc-'));
    const restartedAt = new Date();
    const old = sim;
    await old.crash();
    sim = await startUplinkSim(platform.databaseUrl, { ...SIM_SETTINGS, UPLINK_SIM_BOOT_ID: 'boot-2' }, Number(new URL(old.url).port));
    const earlier = old.logs();
    const logsOf = sim.logs;
    sim.logs = () => `${earlier}\n${logsOf()}`;
    // Every gateway of the process restarted: each is recovered (with nothing to send, or its alerts).
    const recovered = await waitUntil('every gateway recovered', async () => {
      const rows = (await auditOf('uplink.route-recovered', restartedAt)).filter((r) => r.details.via === 'boot-id');
      return gateways.every((g) => rows.some((r) => r.subject_id === g)) ? rows : undefined;
    }, 60_000, logs);
    const carriers = await gatewaysOf(active);
    expect(carriers.length).toBeGreaterThan(0);
    for (const r of recovered) {
      expect(r.details).toMatchObject({ bootId: 'boot-2', previousBootId: 'boot-1', failed: 0 });
      expect(r.details.alertIds).not.toContain(firstAlert);
      expect(r.details.alertIds).not.toContain(lostAnswerAlert);
      if (carriers.includes(r.subject_id)) expect(r.details.alertIds).toContain(active);
    }
    // The simulator's own record: every cell of the active alert on air once before the restart and once after it.
    const after = await viaGateways(active);
    const again = after.filter((t) => !before.active.some((b) => b.submissionId === t.submissionId));
    expect(again.length).toBeGreaterThan(0);
    expect(again.every((t) => t.submissionId.includes(':boot-boot-2:') && Date.parse(t.transmittedAt) >= restartedAt.getTime() - 1000)).toBe(true);
    const count = (list: typeof after) => {
      const m = new Map<string, number>();
      for (const t of list) for (const c of t.cellIds) m.set(`${t.messageIdentifier}/${c}`, (m.get(`${t.messageIdentifier}/${c}`) ?? 0) + 1);
      return m;
    };
    const firstTime = count(before.active);
    const secondTime = count(again);
    expect([...secondTime.keys()].sort()).toEqual([...firstTime.keys()].sort());
    expect([...secondTime.values()].every((n) => n === 1)).toBe(true);
    // The audit's counts are what the simulator recorded again, over every alert re-put (the crash test's is active too).
    const reput = [...new Set(recovered.flatMap((r) => r.details.alertIds as string[]))];
    expect(reput).toContain(active);
    let cellsAgain = 0;
    for (const id of reput) for (const t of await viaGateways(id)) if (t.submissionId.includes(':boot-boot-2:')) cellsAgain += t.cellIds.length;
    expect(recovered.reduce((n, r) => n + r.details.cells, 0)).toBe(cellsAgain);
    // The cancelled and the expired alert: nothing more on air.
    expect((await transmissions(firstAlert)).length).toBe(before.cancelled.length);
    expect((await transmissions(lostAnswerAlert)).length).toBe(before.expired.length);
    expect(sim.logs()).toContain(`"alertId":"${active}"`);
    expect(platform.logs()).toContain(`alert ${active} put on air again on`);
  });

  it('sends nothing again to a gateway that was only down: it came back under the same boot id', async () => {
    const [gatewayId] = (await gatewaysOf(outageAlert)).filter((g) => !g.startsWith('cbc-'));
    const before = (await transmissions(outageAlert)).length;
    const since = new Date();
    expect((await sim.admin('PUT', `/admin/v1/gateways/${gatewayId}/state`, { state: 'down' })).status).toBe(200);
    try {
      await waitUntil('route down', async () => (await auditOf('uplink.route-down', since)).some((r) => r.subject_id === gatewayId), 15_000, logs);
    } finally {
      await sim.admin('PUT', `/admin/v1/gateways/${gatewayId}/state`, { state: 'up' });
    }
    await waitUntil('route up', async () => (await auditOf('uplink.route-up', since)).some((r) => r.subject_id === gatewayId), 15_000, logs);
    // A few heartbeat ticks after it came back.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await transmissions(outageAlert)).length).toBe(before);
    expect((await auditOf('uplink.route-recovered', since)).filter((r) => r.subject_id === gatewayId)).toEqual([]);
  });

  // Issue 14, failover: one satellite gateway stopped (silent) while a national alert is on its way.
  it('moves a stopped satellite gateway’s work to the others during a national alert: every cell on air once, nothing twice after it returns', async () => {
    const stopped = 'sat-sud';
    // Slow, so that it still has batches to send when it stops.
    expect((await sim.admin('PATCH', `/admin/v1/gateways/${stopped}/settings`, { capacityCellsPerSecond: 150 })).status).toBe(200);
    const regions = Array.from({ length: 20 }, (_, i) => ({ type: 'geocode', scheme: 'ISTAT_REGION', code: String(i + 1).padStart(2, '0'), description: `Regione ${i + 1}` }));
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: operator.headers, body: cataniaFlood({ areas: regions, languages: [{ language: 'it-IT', text: 'Prova: allerta nazionale durante il guasto di un gateway.' }] }) });
    expect(created.status).toBe(201);
    const id = created.body.alertId as string;
    expect((await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/release`, { headers: approver.headers })).status).toBe(200);
    const onStopped = async () => (await transmissions(id)).filter((t) => t.gatewayId === stopped);
    await waitUntil(`a first transmission through ${stopped}`, async () => ((await onStopped()).length > 0 ? true : undefined), 120_000, logs);
    const since = new Date();
    expect((await sim.admin('PUT', `/admin/v1/gateways/${stopped}/state`, { state: 'silent' })).status).toBe(200);
    let returned: Date;
    try {
      const [failover] = await waitUntil('the failover', async () => {
        const rows = (await auditOf('uplink.route-failover', since)).filter((r) => r.subject_id === stopped);
        return rows.length > 0 ? rows : undefined;
      }, 30_000, logs);
      // Moved to the other satellite gateways only; work it had not sent yet among it.
      expect(Object.keys(failover.details.to).every((g) => g.startsWith('sat-') && g !== stopped)).toBe(true);
      expect(failover.details.alertIds).toContain(id);
      await waitUntil(`national alert ${id} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state === 'active', 240_000, logs);
      const { rows: batches } = await db.query(`SELECT gateway_id, home_gateway_id, status FROM fanout_batches WHERE alert_id = $1 AND kind = 'broadcast'`, [id]);
      expect(batches.filter((b) => b.gateway_id === stopped)).toEqual([]);
      expect(batches.filter((b) => b.home_gateway_id === stopped).length).toBeGreaterThan(0);
      const { rows: [moves] } = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE settled_at IS NULL)::int AS open FROM batch_failovers WHERE alert_id = $1 AND from_gateway_id = $2`, [id, stopped]);
      expect(moves.open).toBe(moves.n);
      expect(moves.n).toBeGreaterThan(0);
      // Mid-alert: some of what moved had not been sent yet, some had (and was handed over).
      const failovers = (await auditOf('uplink.route-failover', since)).filter((r) => r.subject_id === stopped);
      expect(failovers.reduce((n, r) => n + r.details.pending, 0)).toBeGreaterThan(0);
      expect(failovers.reduce((n, r) => n + r.details.cellsCarried, 0)).toBeGreaterThan(0);
      const { rows: [all] } = await db.query(`SELECT count(*)::int AS n FROM batch_failovers WHERE from_gateway_id = $1 AND moved_at >= $2`, [stopped, since]);
      expect(failovers.reduce((n, r) => n + r.details.batches, 0)).toBe(all.n);

      // The simulator's own record. sat-sud's air ended when it stopped: every cell is on air
      // through exactly one working gateway, the cells sat-sud had sent by then handed over to
      // another after the stop ('carried-by-…'), the rest sent there from the start.
      const { rows: deliveries } = await db.query(`SELECT m.message_identifier, d.cell_id, d.status FROM deliveries d JOIN messages m ON m.id = d.message_id WHERE d.alert_id = $1`, [id]);
      expect(deliveries.length).toBeGreaterThan(150_000);
      const { rows: notOnAir } = await db.query(
        `SELECT d.route_id, d.status, d.reason, count(*)::int AS n FROM deliveries d WHERE d.alert_id = $1 AND d.status <> 'broadcasting' GROUP BY 1, 2, 3`,
        [id],
      );
      expect(notOnAir).toEqual([]);
      const record = await transmissions(id);
      const working = new Map<string, number>();
      const atStopped = new Map<string, number>();
      const carriedAt = new Map<string, number>();
      for (const t of record) {
        for (const c of t.cellIds) {
          const key = `${t.messageIdentifier}/${c}`;
          if (t.gatewayId === stopped) atStopped.set(key, Date.parse(t.transmittedAt));
          else working.set(key, (working.get(key) ?? 0) + 1);
          if (t.submissionId.includes(':carried-by-')) carriedAt.set(key, Date.parse(t.transmittedAt));
        }
      }
      expect(deliveries.filter((d) => working.get(`${d.message_identifier}/${d.cell_id}`) !== 1)).toEqual([]);
      expect(working.size).toBe(deliveries.length);
      expect(atStopped.size).toBeGreaterThan(0);
      for (const [key, at] of atStopped) if (carriedAt.has(key)) expect(carriedAt.get(key)!).toBeGreaterThanOrEqual(Math.min(at, since.getTime()) - 1000);
      // What sat-sud had put on air by the time the worker last heard it is carried by another now.
      const { rows: recorded } = await db.query(
        `SELECT m.message_identifier, d.cell_id FROM deliveries d JOIN messages m ON m.id = d.message_id JOIN fanout_batches b ON b.alert_id = d.alert_id AND b.route_id = d.route_id AND b.batch = d.batch
          WHERE d.alert_id = $1 AND b.home_gateway_id = $2 AND d.updated_at < $3`,
        [id, stopped, since],
      );
      for (const r of recorded) expect(carriedAt.has(`${r.message_identifier}/${r.cell_id}`)).toBe(true);
    } finally {
      await sim.admin('PUT', `/admin/v1/gateways/${stopped}/state`, { state: 'up' });
      returned = new Date();
      await sim.admin('PATCH', `/admin/v1/gateways/${stopped}/settings`, { capacityCellsPerSecond: 2000 });
    }
    // Back under the same boot id, sat-sud would resume what it held: it is told to stop every
    // cell that moved away, and nothing is transmitted again anywhere.
    const [settled] = await waitUntil('the returned gateway settled', async () => {
      const rows = (await auditOf('uplink.route-settled', returned)).filter((r) => r.subject_id === stopped);
      return rows.length > 0 ? rows : undefined;
    }, 30_000, logs);
    expect(settled.details).toMatchObject({ restartedEmpty: false });
    const { rows: [kills] } = await db.query(`SELECT coalesce(sum(cell_count), 0)::int AS cells FROM broadcasts WHERE kind = 'kill' AND alert_id = $1 AND gateway_id = $2 AND submission_id LIKE '%:left-${stopped}:%'`, [id, stopped]);
    const heldByStopped = (await onStopped()).reduce((n, t) => n + t.cellIds.length, 0);
    expect(kills.cells).toBe(heldByStopped);
    const after = (await transmissions(id)).length;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await transmissions(id)).length).toBe(after);
    expect((await db.query(`SELECT count(*)::int AS n FROM batch_failovers WHERE alert_id = $1 AND settled_at IS NULL`, [id])).rows[0].n).toBe(0);
  });

  describe('the terrestrial route over ECBE', () => {
    let retried: string;

    it('posts nothing twice when the answer to a POST is lost: the retry meets 409 for the serial it placed and takes it as on air', async () => {
      // The peers answer after the worker stopped waiting (UPLINK_TIMEOUT_MS 1 s): every first POST
      // times out though the CBC took the message; the retry's 409 is that message.
      await setCbcs({ ackDelayMs: 1500 });
      const released = new Date();
      try {
        const id = await release('Prova: risposta della CBC persa.');
        await expectEveryCellOnce(id);
        const cbcs = await cbcsOf(id);
        expect(cbcs.length).toBeGreaterThan(0);
        for (const cbc of cbcs) {
          // The CBC answers the POST the worker gave up on 1.5 s after it came, which can be after
          // the retry's 409 made the alert active: its log is read once that answer is in it.
          const mine = await waitUntil(`${cbc} answered the first POST`, async () => {
            const posts = (await cbcRequests(cbc, released)).filter((r) => r.method === 'POST');
            return posts.some((r) => r.status !== 409) ? posts : undefined;
          }, 10_000, logs);
          // One POST the CBC activated (answered 201 after the worker gave up), then only 409s.
          expect(mine.filter((r) => r.status !== 409).map((r) => r.status)).toEqual([201]);
          expect(mine.filter((r) => r.status === 409).length).toBeGreaterThan(0);
        }
        expect((await transmissions(id)).filter((t) => t.gatewayId.startsWith('cbc-')).map((t) => t.gatewayId).sort()).toEqual(cbcs);
        retried = id;
      } finally {
        await setCbcs({ ackDelayMs: 100 });
      }
    });

    it('puts the active alert back on air at a CBC restarted empty, and never the cancelled one', async () => {
      const cbcs = await cbcsOf(retried);
      const beforeActive = (await transmissions(retried)).filter((t) => t.gatewayId.startsWith('cbc-')).length;
      const beforeCancelled = (await transmissions(firstAlert)).length;
      const since = new Date();
      for (const cbc of cbcs) expect((await sim.admin('POST', `/admin/v1/cbcs/${cbc}/restart`)).status).toBe(200);
      const recovered = await waitUntil('every CBC reasserted', async () => {
        const rows = (await auditOf('uplink.route-recovered', since)).filter((r) => r.details.via === 'ecbe-reassert');
        return cbcs.every((c) => rows.some((r) => r.subject_id === c)) ? rows : undefined;
      }, 30_000, logs);
      for (const r of recovered) {
        expect(r.details).toMatchObject({ bootId: null, failed: 0, alertIds: [retried] });
        expect(r.details.alertIds).not.toContain(firstAlert);
      }
      const again = (await transmissions(retried)).filter((t) => t.gatewayId.startsWith('cbc-'));
      expect(again.length).toBe(beforeActive + cbcs.length);
      expect((await transmissions(firstAlert)).length).toBe(beforeCancelled);
      // Once back, it is held again: the next ticks' reassertions meet 409 and put nothing more on air.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await transmissions(retried)).filter((t) => t.gatewayId.startsWith('cbc-')).length).toBe(beforeActive + cbcs.length);
      expect(platform.logs()).toContain(`alert ${retried} put on air again on ${cbcs[0]}`);
    });

    it('marks a silent CBC down within the liveness bound (it has no heartbeat: its REST server is probed), audited and shown, and up again when it answers', async () => {
      const since = new Date();
      expect((await sim.admin('PUT', `/admin/v1/gateways/${REGIONAL_CBC}/state`, { state: 'silent' })).status).toBe(200);
      try {
        const [down] = await waitUntil('CBC route down', async () => {
          const rows = (await db.query(`SELECT at, details FROM audit_log WHERE action = 'uplink.route-down' AND subject_id = $1 AND at >= $2`, [REGIONAL_CBC, since])).rows;
          return rows.length > 0 ? rows : undefined;
        }, 15_000, logs);
        expect(new Date(down.at).getTime() - since.getTime()).toBeLessThan(1_000 + 250 + 2_000);
        expect(down.details.silentForMs).toBeGreaterThanOrEqual(1_000);
        expect(await routeOf(REGIONAL_CBC)).toEqual({ gatewayId: REGIONAL_CBC, kind: 'terrestrial', state: 'down', since: new Date(down.at).toISOString(), lastHeardAt: down.details.lastHeardAt });
        expect(logs()).toContain(`route ${REGIONAL_CBC} is down: no answer to its probe for`);
        // Nothing fails over from a CBC: no other route reaches its cells.
        expect((await auditOf('uplink.route-failover', since)).filter((r) => r.subject_id === REGIONAL_CBC)).toEqual([]);
      } finally {
        await sim.admin('PUT', `/admin/v1/gateways/${REGIONAL_CBC}/state`, { state: 'up' });
      }
      const upSince = new Date();
      await waitUntil('CBC route up', async () => (await auditOf('uplink.route-up', upSince)).some((r) => r.subject_id === REGIONAL_CBC), 15_000, logs);
      expect(await routeOf(REGIONAL_CBC)).toMatchObject({ kind: 'terrestrial', state: 'up' });
      // The probes are GETs the CBC answers 404 (ECBE has no GET): nothing else was asked of it.
      const asked = await cbcRequests(REGIONAL_CBC, since);
      expect(asked.filter((r) => r.method === 'GET').length).toBeGreaterThan(0);
      expect([...new Set(asked.filter((r) => r.method === 'GET').map((r) => `${r.path} ${r.status}`))]).toEqual(['/api/ecbe/v1/message 404']);
    });

    it("rejects the cells of a CBC that answers 400, with the CBC's words, and puts the others on air", async () => {
      const refusing = REGIONAL_CBC;
      const reason = "CBCMSG 'category' unknown";
      expect((await sim.admin('PATCH', `/admin/v1/cbcs/${refusing}/settings`, { refuse: reason })).status).toBe(200);
      try {
        const id = await release('Prova: una CBC rifiuta il messaggio.');
        await waitUntil(`alert ${id} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state === 'active', 120_000, logs);
        expect(await cbcsOf(id)).toContain(refusing);
        const { rows } = await db.query(
          `SELECT d.status, d.reason, b.gateway_id FROM deliveries d JOIN fanout_batches b ON b.alert_id = d.alert_id AND b.route_id = d.route_id AND b.batch = d.batch AND b.kind = 'broadcast' WHERE d.alert_id = $1`,
          [id],
        );
        const of = rows.filter((r) => r.gateway_id === refusing);
        const others = rows.filter((r) => r.gateway_id !== refusing && !(r.status === 'rejected' && NOT_BEYOND.test(r.reason)));
        expect(of.length).toBeGreaterThan(0);
        expect(new Set(of.map((r) => `${r.status} ${r.reason}`))).toEqual(new Set([`rejected ${refusing} 400: ${reason}`]));
        expect(others.length).toBeGreaterThan(0);
        expect(others.filter((r) => r.status !== 'broadcasting')).toEqual([]);
        expect((await transmissions(id)).some((t) => t.gatewayId === refusing)).toBe(false);
      } finally {
        await sim.admin('PATCH', `/admin/v1/cbcs/${refusing}/settings`, { refuse: null });
      }
    });
  });

  const routeOf = async (gatewayId: string) => {
    const r = await fetch(`${platform.baseUrl}/api/v1/uplink/routes`, { headers: operator.headers });
    expect(r.status).toBe(200);
    return ((await r.json()) as { routes: Array<{ gatewayId: string }> }).routes.find((x) => x.gatewayId === gatewayId);
  };

  describe('a request from outside the worker', () => {
    const alertId = randomUUID();
    const MI = 4370;
    const SERIAL = 0x3001;
    const submission = async (seal: { kid: string; publicKey: Uint8Array }) => {
      const page = Buffer.alloc(88, 0x0d);
      page.writeUInt16BE(SERIAL, 0);
      page.writeUInt16BE(MI, 2);
      page[4] = 0x01;
      page[5] = 0x11;
      const plaintext = encodeBroadcastEnvelope({
        alertId, messageIdentifier: MI, serialNumber: SERIAL, dcs: 1, language: 'it', keyId: 1, issueTime: Math.floor(Date.now() / 1000),
        signature: 'ab'.repeat(64), pages: [page.toString('hex')], warningAreaCoordinates: '00',
      });
      const sealed = await sealForGateway(seal, plaintext, broadcastAad({ alertId, messageIdentifier: MI, serialNumber: SERIAL }));
      return { routeId: 'x', alertId, messageIdentifier: MI, serialNumber: SERIAL, sealed, cellIds: ['S-1'], repetition: { periodSeconds: 60, count: 1 } };
    };
    const put = (gatewayId: string, id: string, body: unknown, token: string | null = TOKEN) =>
      fetch(`${sim.url}/v1/gateways/${gatewayId}/submissions/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });

    it('is refused when sealed to another key than the one it names, and nothing goes on air', async () => {
      const [gatewayId] = (await allGateways()).filter((g) => g.startsWith('sat-'));
      const { rows: [active] } = await db.query(`SELECT key_id FROM gateway_keys WHERE gateway_id = $1 AND status = 'active'`, [gatewayId]);
      const stranger = await generateGatewayKeyPair();
      const r = await put(gatewayId, 'wrong-key-1', await submission({ kid: active.key_id, publicKey: stranger.publicKey }));
      expect(r.status).toBe(422);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(await json(r)).toMatchObject({ code: 'uplink/unsealed', retryable: false, detail: expect.stringContaining('cannot open the broadcast') });
      const unknownKid = await put(gatewayId, 'wrong-key-2', await submission(stranger));
      expect([unknownKid.status, (await json(unknownKid)).code]).toEqual([422, 'uplink/unsealed']);
      expect((await sim.admin('GET', `/admin/v1/transmissions?alertId=${alertId}`)).body.transmissions).toEqual([]);
    });

    it('is refused without the operator-issued token, or with another', async () => {
      const [gatewayId] = await allGateways();
      const body = await submission(await generateGatewayKeyPair());
      for (const token of [null, 'another-token-of-the-same-size-01']) {
        const r = await put(gatewayId, 'no-token-1', body, token);
        expect([r.status, (await json(r)).code]).toEqual([401, 'uplink/rejected']);
      }
    });

    it("judges a broadcast's end by the gateways' clock, which the control endpoint moves", async () => {
      const [gatewayId] = await allGateways();
      const body = { ...(await submission(await generateGatewayKeyPair())), repetition: { periodSeconds: 60, untilEpochSeconds: Math.floor(Date.now() / 1000) + 3600 } };
      const moved = await sim.admin('PUT', '/admin/v1/clock', { offsetMs: 2 * 3600_000 });
      try {
        expect(Date.parse(moved.body.now) - Date.now()).toBeGreaterThan(3600_000);
        const r = await put(gatewayId, 'late-1', body);
        expect([r.status, (await json(r)).detail]).toEqual([422, expect.stringContaining('untilEpochSeconds must be a whole second in the future')]);
      } finally {
        expect((await sim.admin('PUT', '/admin/v1/clock', { offsetMs: 0 })).body.offsetMs).toBe(0);
      }
      expect((await sim.admin('PUT', '/admin/v1/clock', { offsetMs: 'soon' })).status).toBe(400);
    });

    it('runs the gateways\' clock faster than real time: an hour on air goes by in a second', async () => {
      // A terrestrial gateway answers for a satellite cell without transmitting (nothing is
      // recorded), and stamps its receipt with its own clock.
      const [gatewayId] = (await allGateways()).filter((g) => g.startsWith('cbc-'));
      const { rows: [key] } = await db.query(`SELECT key_id, public_key FROM gateway_keys WHERE gateway_id = $1 AND status = 'active'`, [gatewayId]);
      const seal = { kid: key.key_id, publicKey: new Uint8Array(key.public_key) };
      const inHalfAnHour = () => Math.floor(Date.now() / 1000) + 1800;
      const fast = await sim.admin('PUT', '/admin/v1/clock', { rate: 7200 });
      try {
        expect(fast.body.rate).toBe(7200);
        await new Promise((r) => setTimeout(r, 1000));
        const sent = await put(gatewayId, 'fast-clock-1', { ...(await submission(seal)), repetition: { periodSeconds: 60, count: 1 } });
        const ack = await json(sent);
        expect([sent.status, ack.receipts?.map((r: { status: string }) => r.status) ?? ack]).toEqual([200, ['rejected']]);
        // At least two simulated hours after the real second.
        expect(Date.parse(ack.receipts[0].at) - Date.now()).toBeGreaterThan(3600_000);
        // A broadcast meant to last half an hour from now (real time) has ended by the gateways' clock.
        const late = await put(gatewayId, 'fast-clock-2', { ...(await submission(seal)), repetition: { periodSeconds: 60, untilEpochSeconds: inHalfAnHour() } });
        expect([late.status, (await json(late)).detail]).toEqual([422, expect.stringContaining('untilEpochSeconds must be a whole second in the future')]);
      } finally {
        expect((await sim.admin('PUT', '/admin/v1/clock', { rate: 1, offsetMs: 0 })).body).toMatchObject({ rate: 1, offsetMs: 0 });
      }
      // Real time again: the same half hour is in the future.
      const onTime = await put(gatewayId, 'fast-clock-3', { ...(await submission(seal)), repetition: { periodSeconds: 60, untilEpochSeconds: inHalfAnHour() } });
      expect(onTime.status).toBe(200);
      expect((await sim.admin('PUT', '/admin/v1/clock', { rate: 0 })).status).toBe(400);
    });

    it('answers an unknown gateway and a malformed body with problems, never a transmission', async () => {
      const unknown = await put('sat-atlantide', 'x-1', {});
      expect([unknown.status, (await json(unknown)).code]).toEqual([404, 'uplink/unknown-gateway']);
      const [gatewayId] = await allGateways();
      const malformed = await fetch(`${sim.url}/v1/gateways/${gatewayId}/submissions/x-2`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: '{"routeId":' });
      expect([malformed.status, (await json(malformed)).code]).toEqual([400, 'uplink/rejected']);
      const noCells = await put(gatewayId, 'x-3', { ...(await submission(await generateGatewayKeyPair())), cellIds: [] });
      expect([noCells.status, (await json(noCells)).code]).toEqual([422, 'uplink/rejected']);
    });
  });
});
