import { Client } from 'pg';
import { cataniaFlood } from './fixtures/catania-flood';
import { freePort, startPlatform, waitUntil, type Platform } from './platform';
import { grantToken, type TestUser } from './principals';

jest.setTimeout(300_000);

type Samples = Map<string, number>;

// The Prometheus text format, sample lines only: `name{labels} value` keyed by `name{labels}`.
function parseMetrics(text: string): Samples {
  const out: Samples = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

// The sum of the samples of one metric whose labels contain every given label.
function sum(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const [key, value] of samples) {
    const brace = key.indexOf('{');
    if ((brace < 0 ? key : key.slice(0, brace)) !== name) continue;
    if (Object.entries(labels).every(([k, v]) => key.includes(`${k}="${v}"`))) total += value;
  }
  return total;
}

// Issue 13, observability: /metrics (prom-client) on the API for an admin's or an auditor's token,
// and the worker's on a loopback port; scraped through a fan-out, the counters move.
describe('Prometheus metrics', () => {
  let platform: Platform;
  let db: Client;
  let operator: TestUser;
  let approver: TestUser;
  let auditor: TestUser;
  let workerMetrics: string;

  beforeAll(async () => {
    const port = await freePort();
    // A slower simulated uplink: the fan-out lasts long enough to be scraped in flight. Its gateways
    // drop half the submissions (uplink/transient), so the fan-out meets uplink errors: batches of
    // 100 cells make about 13 submissions, none dropped 0.5^13 of the time; a batch is tried up to
    // 16 times, 10 ms apart at first, so that none fails for good (0.5^16 a batch).
    platform = await startPlatform({
      WORKER_METRICS_PORT: String(port),
      UPLINK_SIM_CAPACITY_FACTOR: '0.2',
      UPLINK_SIM_FAILURE_RATE: '0.5',
      UPLINK_SIM_SEED: '13',
      FANOUT_BATCH_SIZE: '100',
      UPLINK_ATTEMPTS: '16',
      UPLINK_BACKOFF_MS: '10',
    });
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
    auditor = await grantToken(platform.databaseUrl, ['auditor'], 'IT-R19');
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const scrapeApi = async () => parseMetrics(await (await fetch(`${platform.baseUrl}/metrics`, { headers: auditor.headers })).text());
  const scrapeWorker = async () => parseMetrics(await (await fetch(workerMetrics)).text());

  it('refuses the API metrics to an anonymous caller and an operator, and serves them to an auditor', async () => {
    expect((await fetch(`${platform.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${platform.baseUrl}/metrics`, { headers: operator.headers })).status).toBe(403);
    const r = await fetch(`${platform.baseUrl}/metrics`, { headers: auditor.headers });
    expect([r.status, r.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/plain; version=0\.0\.4/)]);
    expect(await r.text()).toMatch(/^# HELP faro_/m);
  });

  it('moves the delivery, job, uplink error and release-to-air figures through a fan-out that meets uplink errors', async () => {
    const apiBefore = await scrapeApi();
    const workerBefore = await scrapeWorker();
    const created = await fetch(`${platform.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { ...operator.headers, 'content-type': 'application/json' }, body: JSON.stringify(cataniaFlood({ status: 'Actual' })) });
    const alertId = ((await created.json()) as { alertId: string }).alertId;
    expect((await fetch(`${platform.baseUrl}/api/v1/alerts/${alertId}/release`, { method: 'POST', headers: approver.headers })).status).toBe(200);

    // Scraped while the alert is on its way: the worker's cell counter only ever grows.
    const inFlight: number[] = [];
    await waitUntil('the alert active', async () => {
      const state = (await db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0].state;
      if (state === 'broadcasting') inFlight.push(sum(await scrapeWorker(), 'faro_cell_deliveries_total'));
      return state === 'active';
    }, 180_000, platform.logs);
    const workerAfter = await scrapeWorker();
    const apiAfter = await scrapeApi();
    expect(inFlight.length).toBeGreaterThan(0);
    expect([...inFlight].sort((a, b) => a - b)).toEqual(inFlight);

    const cells = Number((await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1`, [alertId])).rows[0].n);
    expect(cells).toBeGreaterThan(0);
    expect(sum(workerAfter, 'faro_cell_deliveries_total') - sum(workerBefore, 'faro_cell_deliveries_total')).toBeGreaterThanOrEqual(cells);
    expect(sum(workerAfter, 'faro_job_duration_seconds_count', { queue: 'faro-fanout', outcome: 'completed' })).toBeGreaterThan(sum(workerBefore, 'faro_job_duration_seconds_count', { queue: 'faro-fanout', outcome: 'completed' }));
    expect(sum(workerAfter, 'faro_job_duration_seconds_count', { queue: 'faro-uplink' })).toBeGreaterThan(sum(workerBefore, 'faro_job_duration_seconds_count', { queue: 'faro-uplink' }));
    expect(sum(workerAfter, 'faro_job_wait_seconds_count', { queue: 'faro-uplink' })).toBeGreaterThan(0);
    expect(sum(workerAfter, 'faro_release_to_on_air_seconds_count') - sum(workerBefore, 'faro_release_to_on_air_seconds_count')).toBe(1);
    expect(workerAfter.has('faro_queue_depth{queue="faro-uplink",state="waiting"}')).toBe(true);

    // Deliveries by route and receipt state: exactly the cells' receipts as PostgreSQL holds them.
    const byState = (await db.query(`SELECT route_id, status, count(*)::int AS n FROM deliveries WHERE alert_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [alertId])).rows;
    expect(byState.filter((r) => r.status === 'broadcasting').length).toBeGreaterThan(0);
    for (const r of byState) {
      expect([r.route_id, r.status, sum(workerAfter, 'faro_cell_deliveries_total', { route: r.route_id, state: r.status }) - sum(workerBefore, 'faro_cell_deliveries_total', { route: r.route_id, state: r.status })]).toEqual([r.route_id, r.status, r.n]);
    }
    // Uplink errors per gateway: one per failed attempt of a batch, which PostgreSQL records as the
    // attempts a batch took before it was done.
    const retries = (await db.query(`SELECT gateway_id, sum(attempts - 1)::int AS failed, count(*) FILTER (WHERE status <> 'done')::int AS undone FROM fanout_batches WHERE alert_id = $1 GROUP BY 1 ORDER BY 1`, [alertId])).rows;
    expect(retries.every((r) => r.undone === 0)).toBe(true);
    expect(retries.reduce((n, r) => n + r.failed, 0)).toBeGreaterThan(0);
    for (const r of retries) {
      expect([r.gateway_id, sum(workerAfter, 'faro_uplink_errors_total', { gateway: r.gateway_id }) - sum(workerBefore, 'faro_uplink_errors_total', { gateway: r.gateway_id })]).toEqual([r.gateway_id, r.failed]);
    }
    expect(sum(workerAfter, 'faro_uplink_errors_total', { code: 'uplink/transient' }) - sum(workerBefore, 'faro_uplink_errors_total', { code: 'uplink/transient' })).toBe(retries.reduce((n, r) => n + r.failed, 0));

    expect(sum(apiAfter, 'faro_deliveries') - sum(apiBefore, 'faro_deliveries')).toBe(cells);
    expect(sum(apiAfter, 'faro_http_request_duration_seconds_count', { route: '/api/v1/alerts/:id/release', status: '200' })).toBe(1);
    expect(apiAfter.has('faro_outbox_oldest_age_seconds')).toBe(true);
    expect(sum(apiAfter, 'faro_gateway_batches', { state: 'pending' })).toBe(0);
  });

  it('is ready with an uplink route, and the worker answers its liveness on the metrics port', async () => {
    const ready = await (await fetch(`${platform.baseUrl}/health/ready`)).json();
    expect(ready).toMatchObject({ status: 'ok', info: { uplink: { status: 'up', failingLastHour: [] } } });
    expect((await fetch(workerMetrics.replace('/metrics', '/health/live'))).status).toBe(200);
  });
});
