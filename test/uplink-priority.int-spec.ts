import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { batchKey, batchRanks, type BatchRef } from '@faro/alerts';
import { createDataSource, SqlGatewayBudget } from '@faro/persistence';
import { QUEUES, selectQueueBackend } from '@faro/queue';
import { freePort, queueBackendUnderTest, startPlatform, waitUntil, type Platform } from './platform';
import { grantToken, type TestUser } from './principals';

// Issue 14, back-pressure and priority, on the queue backend under test: the order in which the
// uplink queue hands batches to a worker taking one job at a time, read from the simulated
// gateways' own append-only record (gateway_transmissions, in the order written), and a
// gateway's rate limit read from the same record. One platform of its own: one job at a time and
// small batches (50 cells), so that a regional alert is some fifty batches, as a national one is
// hundreds; the rate limit is a second worker process's setting, started after the first stops.

jest.setTimeout(240_000);

const PREFIX = `it-prio-${randomBytes(3).toString('hex')}`;
const ONE_AT_A_TIME = {
  WORKER_CONCURRENCY: '1',
  FANOUT_BATCH_SIZE: '50',
  UPLINK_SIM_FAILURE_RATE: '0',
  UPLINK_SIM_LATENCY_MS: '5-15',
  // Enough for no retry at all; a delay that spent attempts would fail batches.
  UPLINK_ATTEMPTS: '2',
  QUEUE_PREFIX: PREFIX,
};
const UMBRIA = { type: 'geocode', scheme: 'ISTAT_REGION', code: '10', description: 'Regione Umbria' };
const circle = (lon: number, lat: number, radiusKm: number) => ({ type: 'circle', center: [lon, lat], radiusKm });

describe('the uplink queue: priority between alerts and each gateway\'s rate', () => {
  let p: Platform;
  let db: Client;
  let operator: TestUser;
  let approver: TestUser;
  let uplinkQueue: Queue;

  beforeAll(async () => {
    p = await startPlatform(ONE_AT_A_TIME);
    db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    operator = await grantToken(p.databaseUrl, ['operator']);
    approver = await grantToken(p.databaseUrl, ['approver']);
    // The same queue the worker takes from, to pause it while it is filled.
    const backend = selectQueueBackend({ DATABASE_URL: p.databaseUrl, QUEUE_PREFIX: PREFIX, ...(queueBackendUnderTest() === 'redis' ? { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}) });
    uplinkQueue = new Queue(QUEUES.uplink, { connection: backend.connection as never, ...(backend.kind === 'redis' ? { prefix: backend.prefix } : {}) });
  });
  afterAll(async () => {
    await uplinkQueue?.close();
    await db?.end();
    await p?.stop();
  });

  async function release(text: string, severity: 'Extreme' | 'Moderate', area: Record<string, unknown>): Promise<string> {
    const incident = {
      hazard: 'flood',
      areas: [area],
      severity,
      urgency: 'Immediate',
      certainty: 'Observed',
      status: 'Actual',
      languages: [{ language: 'it-IT', text }],
      expires: new Date(Date.now() + 3600_000).toISOString(),
    };
    const created = await fetch(`${p.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...operator.headers }, body: JSON.stringify(incident) });
    expect(created.status).toBe(201);
    const { alertId } = (await created.json()) as { alertId: string };
    expect((await fetch(`${p.baseUrl}/api/v1/alerts/${alertId}/release`, { method: 'POST', headers: approver.headers })).status).toBe(200);
    return alertId;
  }

  // Its fan-out done: every batch of it is on the uplink queue.
  const fannedOut = (id: string) =>
    waitUntil(`alert ${id} fanned out`, async () => (await db.query(`SELECT 1 FROM outbox WHERE alert_id = $1 AND completed_at IS NOT NULL`, [id])).rows.length > 0, 60_000, p.logs);
  const active = (id: string) => waitUntil(`alert ${id} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state === 'active', 120_000, p.logs);

  // What the gateways transmitted for these alerts, in the order they recorded it.
  // The batch is named by the submission id (message:route:batch, libs/alerts deliver-batch.ts).
  async function transmissions(ids: string[]): Promise<Array<{ alertId: string; gatewayId: string; at: Date; routeId: string; batch: number }>> {
    const { rows } = await db.query(`SELECT alert_id, gateway_id, transmitted_at, submission_id FROM gateway_transmissions WHERE alert_id = ANY($1::uuid[]) ORDER BY id`, [ids]);
    return rows.map((r) => {
      const [routeId, batch] = r.submission_id.split(':').slice(-2);
      return { alertId: r.alert_id, gatewayId: r.gateway_id, at: r.transmitted_at, routeId, batch: Number(batch) };
    });
  }

  it("runs an Extreme alert's batches before a lower tier's queued earlier, and a small alert's before a large one of its tier finishes", async () => {
    await uplinkQueue.pause();
    let large: string, extreme: string, small: string;
    try {
      large = await release('Piena del Tevere in tutta l\'Umbria: allontanarsi dagli argini.', 'Moderate', UMBRIA);
      await fannedOut(large);
      extreme = await release('Crollo della diga a monte di Catania: salire ai piani alti.', 'Extreme', circle(15.087, 37.502, 2));
      await fannedOut(extreme);
      small = await release('Allagamento del sottopasso di Acireale: evitare la zona.', 'Moderate', circle(15.166, 37.612, 2));
      await fannedOut(small);
    } finally {
      await uplinkQueue.resume();
    }
    await Promise.all([active(large), active(extreme), active(small)]);

    const order = (await transmissions([large, extreme, small])).map((t) => t.alertId);
    const positions = (id: string) => order.flatMap((a, i) => (a === id ? [i] : []));
    const [l, e, s] = [positions(large), positions(extreme), positions(small)];
    // A regional alert of some fifty batches, two small ones.
    expect(l.length).toBeGreaterThan(30);
    expect([e.length, s.length].every((n) => n > 0 && n < 10)).toBe(true);
    // Tiers are strict: the Extreme alert, queued last but one, went first, all of it.
    expect(Math.max(...e)).toBeLessThan(Math.min(...l, ...s));
    // Within a tier, the small alert queued after the large one was done early, before most of the
    // large one's batches (queued first in, first out, it would have come after all of them).
    const largeAfterSmall = l.filter((i) => i > Math.max(...s)).length;
    expect(largeAfterSmall).toBeGreaterThan(l.length / 2);
  });

  it("keeps a gateway to its rate without holding up the others, and spends no attempt waiting", async () => {
    // A second worker process with cbc-tim limited to 2 submissions a second (a burst of 2).
    const metricsPort = await freePort();
    const first = p.pids.worker;
    process.kill(first, 'SIGTERM');
    await waitUntil('the first worker stopped', async () => {
      try {
        process.kill(first, 0);
        return false;
      } catch {
        return true;
      }
    }, 30_000);
    await p.startWorker({ UPLINK_GATEWAY_RATE_LIMITS: 'cbc-tim=2', WORKER_METRICS_PORT: String(metricsPort) });

    const id = await release('Piena del Tevere, secondo avviso per tutta l\'Umbria.', 'Moderate', UMBRIA);
    await active(id);
    const sent = await transmissions([id]);
    const tim = sent.filter((t) => t.gatewayId === 'cbc-tim');
    const others = sent.filter((t) => t.gatewayId !== 'cbc-tim');
    expect(tim.length).toBeGreaterThanOrEqual(8);
    expect(others.length).toBeGreaterThan(20);

    // Spread by the simulator's own clock: after the burst of 2, one every 500 ms, so the last is
    // at least (n - 2) / 2 s after the first (less what a submission takes between its token and
    // its record, which varies by far less than the 250 ms allowed), and no second of the record
    // holds more than the burst and a second's refill.
    const ms = tim.map((t) => t.at.getTime());
    expect(ms[ms.length - 1] - ms[0]).toBeGreaterThanOrEqual(((tim.length - 2) / 2) * 1000 - 250);
    const busiestSecond = Math.max(...ms.map((start) => ms.filter((t) => t >= start && t < start + 1000).length));
    expect(busiestSecond).toBeLessThanOrEqual(2 + 2 + 1);

    // The other gateways were not held up: while cbc-tim's batches waited for tokens, other
    // gateways' batches queued behind them (a higher rank: libs/alerts batch-priority.ts) went
    // first. A worker sleeping on cbc-tim's budget, one job at a time, would have kept the queue's
    // order: no batch of cbc-tim would have been overtaken.
    const { rows } = await db.query(`SELECT alert_id, route_id, batch, kind, gateway_id FROM fanout_batches WHERE alert_id = $1`, [id]);
    const refs: BatchRef[] = rows.map((r) => ({ alertId: r.alert_id, routeId: r.route_id, batch: r.batch, kind: r.kind, gatewayId: r.gateway_id }));
    const ranks = batchRanks(refs);
    const rankOf = (t: (typeof sent)[number]) => ranks.get(batchKey(t))!;
    expect(sent.every((t) => ranks.has(batchKey(t)))).toBe(true);
    const overtaken = tim.filter((t) => sent.slice(0, sent.indexOf(t)).some((o) => o.gatewayId !== 'cbc-tim' && rankOf(o) > rankOf(t)));
    expect(overtaken.length).toBeGreaterThanOrEqual(3);

    // Waiting spent no attempt: every batch done at its first; the waits are counted (how many
    // depends on when each job came for its token, so only that there were some).
    const { rows: batches } = await db.query(`SELECT status, attempts FROM fanout_batches WHERE alert_id = $1`, [id]);
    expect(batches.length).toBe(sent.length);
    expect(batches.filter((b) => b.status !== 'done' || b.attempts !== 1)).toEqual([]);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const delays = Number(/^faro_uplink_rate_limited_total\{gateway="cbc-tim"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    expect(delays).toBeGreaterThan(0);
    expect(metrics).not.toMatch(/^faro_uplink_rate_limited_total\{gateway="(?!cbc-tim)/m);
  });

  it('spends one budget per gateway across worker processes: two at once never take more than the burst and the refill', async () => {
    // Two connection pools, as two worker processes have, taking from one gateway's bucket at once.
    const pools = [createDataSource(p.databaseUrl, { poolSize: 4 }), createDataSource(p.databaseUrl, { poolSize: 4 })];
    await Promise.all(pools.map((ds) => ds.initialize()));
    try {
      const limit = { perSecond: 5, burst: 5 };
      const gateway = `sat-test-${randomBytes(3).toString('hex')}`;
      const started = Date.now();
      const takes = await Promise.all(pools.flatMap((ds) => Array.from({ length: 20 }, () => new SqlGatewayBudget(ds).take(gateway, limit))));
      const elapsedS = (Date.now() - started) / 1000;
      const granted = takes.filter((t) => t.granted).length;
      // The full burst, and no more than what refilled meanwhile.
      expect(granted).toBeGreaterThanOrEqual(5);
      expect(granted).toBeLessThanOrEqual(5 + Math.floor(elapsedS * 5));
      // The refused are told to come back one token (200 ms) apart: the last one after all the
      // others' turns, less the time the takes themselves took.
      const waits = takes.filter((t) => !t.granted).map((t) => t.waitMs);
      expect(waits.every((w) => w > 0)).toBe(true);
      expect(Math.max(...waits)).toBeGreaterThanOrEqual((waits.length - 1) * 200 - elapsedS * 1000);
    } finally {
      await Promise.all(pools.map((ds) => ds.destroy()));
    }
  });
});
