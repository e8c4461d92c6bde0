import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { Client } from 'pg';
import { callApi } from './auth-client';
import { cataniaFlood } from './fixtures/catania-flood';
import { freePort, startPlatform, waitUntil, type Platform } from './platform';
import { grantToken } from './principals';

jest.setTimeout(300_000);

// Parts of "nothing lost on Faro's worst day" (issue 9) that concern the worker's own
// connections: its LISTEN connection comes back after PostgreSQL drops it, and it never starts on
// a Redis that would evict queued jobs.
describe('worker resilience: LISTEN reconnects, evicting Redis refused', () => {
  let platform: Platform;
  let db: Client;

  beforeAll(async () => {
    // Polling every 10 minutes: within a test, only a NOTIFY moves the outbox.
    platform = await startPlatform({ OUTBOX_POLL_MS: '600000' }, { worker: false });
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  it('refuses to start on a Redis whose maxmemory-policy evicts keys, saying why', async () => {
    const port = await freePort();
    const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru'], { stdio: 'ignore' });
    try {
      await waitUntil('private Redis', () => new Promise<boolean>((ok) => {
        const s = connect(port, '127.0.0.1', () => (s.end(), ok(true)));
        s.on('error', () => ok(false));
      }), 10_000);
      await expect(platform.startWorker({ REDIS_URL: `redis://127.0.0.1:${port}` })).rejects.toThrow(/maxmemory-policy is allkeys-lru/);
      expect(platform.logs()).toContain('faro-worker refuses to start');
    } finally {
      redis.kill('SIGTERM');
    }
  });

  it('opens its LISTEN connection again after PostgreSQL terminates it, and a release is relayed by NOTIFY', async () => {
    await platform.startWorker({ OUTBOX_POLL_MS: '600000' });
    const relayPid = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'faro-relay'`)).rows[0]?.pid as number | undefined;
    const first = await waitUntil('relay LISTEN connection', relayPid, 30_000, platform.logs);
    await db.query(`SELECT pg_terminate_backend($1)`, [first]);
    const second = await waitUntil('relay LISTEN connection back', async () => {
      const pid = await relayPid();
      return pid !== undefined && pid !== first && pid;
    }, 30_000, platform.logs);
    expect(second).not.toBe(first);
    // The new connection shows in pg_stat_activity as it opens, before its LISTEN is done and said.
    await waitUntil('LISTEN restored', async () => platform.logs().includes('LISTEN connection restored'), 10_000, platform.logs);

    const operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    const approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: operator.headers, body: cataniaFlood() });
    expect(created.status).toBe(201);
    expect((await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${created.body.alertId}/release`, { headers: approver.headers })).status).toBe(200);
    await waitUntil('relayed by NOTIFY', async () => (await db.query(`SELECT dispatched_at FROM outbox WHERE alert_id = $1`, [created.body.alertId])).rows[0]?.dispatched_at, 20_000, platform.logs);
  });
});
