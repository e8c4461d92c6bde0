import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { Client } from 'pg';
import { freePort, startPlatform, waitUntil, type Platform } from '../platform';
import { expectExactlyOnce, firstTransmission, releaseRegionalAlert, SLOW } from './regional-alert';

// Runs once, not per queue backend: the platform here always queues on a Redis of its own (the
// REDIS_URL it is given), whichever backend the pass is for, so a second run would repeat the first.

jest.setTimeout(600_000);

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
    const id = await releaseRegionalAlert(platform, platform.databaseUrl, 'Esercitazione: Redis riparte vuoto durante l invio.');
    await firstTransmission(db, id, platform.logs);
    redis?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1_000));
    await startRedis();
    await expectExactlyOnce(db, id, platform.logs);
  });
});
