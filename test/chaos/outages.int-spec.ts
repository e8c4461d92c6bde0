import { Client } from 'pg';
import { callApi } from '../auth-client';
import { startPlatform, type Platform } from '../platform';
import { grantToken } from '../principals';
import { useProxiedPlatform } from '../proxied-platform';
import { expectExactlyOnce, firstTransmission, releaseRegionalAlert, SLOW } from './regional-alert';

jest.setTimeout(600_000);

describe('chaos: PostgreSQL stopped for 30 s mid-fan-out', () => {
  // API and worker reach PostgreSQL through the proxy; the spec's own client does not.
  const env = useProxiedPlatform({ ...SLOW, DATABASE_CONNECT_TIMEOUT_MS: '3000' });

  it('answers 503 with Retry-After meanwhile, and completes the alert exactly once after it returns', async () => {
    const id = await releaseRegionalAlert(env.platform, env.url, 'Esercitazione: il database si ferma durante l invio.');
    await firstTransmission(env.db, id, env.platform.logs);
    await env.proxy.refuse();
    const auditor = await grantToken(env.url, ['auditor'], 'IT');
    const during = await callApi(env.platform.baseUrl, 'GET', `/api/v1/alerts/${id}`, { headers: auditor.headers });
    expect([during.status, during.headers.get('retry-after')]).toEqual([503, '5']);
    await new Promise((r) => setTimeout(r, 30_000));
    await env.proxy.resume();
    await expectExactlyOnce(env.db, id, env.platform.logs);
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
    const id = await releaseRegionalAlert(platform, platform.databaseUrl, 'Esercitazione: due worker insieme.');
    await expectExactlyOnce(db, id, platform.logs);
    const { rows: [{ n }] } = await db.query(`SELECT count(*)::int AS n FROM worker_heartbeats`);
    expect(n).toBe(2);
  });
});
