import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { Client } from 'pg';
import { callApi } from '../auth-client';
import { cataniaFlood } from '../fixtures/catania-flood';
import { PgFaultProxy } from '../pg-fault-proxy';
import { cloneTestDatabase, dropDatabase, freePort, startPlatform, waitUntil, type Platform } from '../platform';
import { grantToken } from '../principals';

jest.setTimeout(600_000);

// Slow gateways and small batches, so that there is a "during" for the fault.
const SLOW = { FANOUT_BATCH_SIZE: '150', UPLINK_SIM_CAPACITY_FACTOR: '0.1', UPLINK_SIM_FAILURE_RATE: '0', WORKER_CONCURRENCY: '4', OUTBOX_STALE_MS: '2000' };

async function releaseProvincialAlert(platform: Platform, databaseUrl: string, text: string): Promise<string> {
  const operator = await grantToken(databaseUrl, ['operator'], 'IT-R19');
  const approver = await grantToken(databaseUrl, ['approver'], 'IT-R19');
  const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', {
    headers: operator.headers,
    body: cataniaFlood({ areas: [{ type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '087', description: 'Provincia di Catania' }], languages: [{ language: 'it-IT', text }] }),
  });
  expect(created.status).toBe(201);
  const id = created.body.alertId as string;
  expect((await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/release`, { headers: approver.headers })).status).toBe(200);
  return id;
}

// Every targeted cell on air once per message, counted from the gateways' own append-only record.
async function expectExactlyOnce(db: Client, id: string, logs: () => string): Promise<void> {
  await waitUntil(`alert ${id} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state === 'active', 300_000, logs);
  const { rows: perCell } = await db.query(
    `SELECT cell, message_identifier, count(*)::int AS n FROM gateway_transmissions, unnest(cell_ids) AS cell WHERE alert_id = $1 GROUP BY cell, message_identifier`,
    [id],
  );
  const { rows: [{ n: targeted }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1`, [id]);
  const { rows: [{ n: onAir }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting'`, [id]);
  expect(targeted).toBeGreaterThan(150);
  expect(onAir).toBe(targeted);
  expect(perCell.filter((c) => c.n > 1)).toEqual([]);
  expect(perCell.length).toBe(targeted);
}

const firstTransmission = (db: Client, id: string, logs: () => string) =>
  waitUntil('a first transmission', async () => (await db.query(`SELECT 1 FROM gateway_transmissions WHERE alert_id = $1 LIMIT 1`, [id])).rows.length > 0, 120_000, logs);

describe('chaos: PostgreSQL stopped for 30 s mid-fan-out', () => {
  let url: string;
  let proxy: PgFaultProxy;
  let platform: Platform;
  let db: Client;

  beforeAll(async () => {
    url = await cloneTestDatabase();
    proxy = PgFaultProxy.forUrl(url);
    await proxy.start();
    // API and worker reach PostgreSQL through the proxy; the spec's own client does not.
    platform = await startPlatform({ ...SLOW, DATABASE_URL: proxy.urlFor(url), DATABASE_CONNECT_TIMEOUT_MS: '3000' });
    db = new Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await proxy?.resume();
    await platform?.stop();
    await db?.end();
    await proxy?.close();
    if (url) await dropDatabase(url);
  });

  it('answers 503 with Retry-After meanwhile, and completes the alert exactly once after it returns', async () => {
    const id = await releaseProvincialAlert(platform, url, 'Esercitazione: il database si ferma durante l invio.');
    await firstTransmission(db, id, platform.logs);
    await proxy.refuse();
    const auditor = await grantToken(url, ['auditor'], 'IT');
    const during = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${id}`, { headers: auditor.headers });
    expect([during.status, during.headers.get('retry-after')]).toEqual([503, '5']);
    await new Promise((r) => setTimeout(r, 30_000));
    await proxy.resume();
    await expectExactlyOnce(db, id, platform.logs);
  });
});

describe('chaos: Redis restarted empty mid-fan-out', () => {
  let platform: Platform;
  let db: Client;
  let redis: ChildProcess | undefined;
  let port: number;
  const startRedis = async () => {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    await waitUntil('Redis answers', () => new Promise<boolean>((ok) => {
      const s = connect(port, '127.0.0.1', () => (s.end(), ok(true)));
      s.on('error', () => ok(false));
    }), 10_000);
  };

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    platform = await startPlatform({ ...SLOW, REDIS_URL: `redis://127.0.0.1:${port}` });
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
    redis?.kill('SIGKILL');
  });

  it('rebuilds the lost queue from PostgreSQL and completes the alert exactly once', async () => {
    const id = await releaseProvincialAlert(platform, platform.databaseUrl, 'Esercitazione: Redis riparte vuoto durante l invio.');
    await firstTransmission(db, id, platform.logs);
    redis?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1_000));
    await startRedis();
    await expectExactlyOnce(db, id, platform.logs);
  });
});

describe('chaos: two workers at once', () => {
  let platform: Platform;
  let db: Client;

  beforeAll(async () => {
    platform = await startPlatform(SLOW);
    await platform.startWorker(SLOW);
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  it('puts every cell on air exactly once with two worker processes sharing the queue', async () => {
    const id = await releaseProvincialAlert(platform, platform.databaseUrl, 'Esercitazione: due worker insieme.');
    await expectExactlyOnce(db, id, platform.logs);
    const { rows: [{ n }] } = await db.query(`SELECT count(*)::int AS n FROM worker_heartbeats`);
    expect(n).toBe(2);
  });
});
