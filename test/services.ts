import path from 'node:path';

// What integration specs connect to. `npm test` (scripts/test.sh) sets FARO_TEST_DATABASE_URL to a
// database it created empty, REDIS_URL when a Redis answers, and runs the integration project once
// per queue backend with FARO_QUEUE_BACKEND naming it.

export type QueueBackend = 'redis' | 'postgres';

// 32 bytes of 0x01: a key for tests only, used when FARO_KEK is not set.
const TEST_KEK = Buffer.alloc(32, 1).toString('base64');

export function testDatabaseUrl(): string {
  const url = process.env.FARO_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'FARO_TEST_DATABASE_URL is unset: run the integration specs through `npm test`, ' +
        'or point it at a PostgreSQL database the specs may fill',
    );
  }
  return url;
}

export function queueBackend(): QueueBackend {
  const chosen = process.env.FARO_QUEUE_BACKEND || (process.env.REDIS_URL ? 'redis' : 'postgres');
  if (chosen !== 'redis' && chosen !== 'postgres') {
    throw new Error(`FARO_QUEUE_BACKEND must be redis or postgres, not ${chosen}`);
  }
  if (chosen === 'redis' && !process.env.REDIS_URL) {
    throw new Error('FARO_QUEUE_BACKEND=redis but REDIS_URL is unset');
  }
  return chosen;
}

export function testRedisUrl(): string | undefined {
  return queueBackend() === 'redis' ? process.env.REDIS_URL : undefined;
}

// The environment to hand loadConfig in a spec: the test database, the chosen queue backend (no
// REDIS_URL means BullMQ on PostgreSQL), quiet logs, and the repository's data directory.
export function testConfig(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: testRedisUrl(),
    FARO_KEK: process.env.FARO_KEK || TEST_KEK,
    FARO_DATA_DIR: path.resolve(__dirname, '..', 'data'),
    ...overrides,
  };
}
