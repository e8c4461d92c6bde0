import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { selectQueueBackend } from '@faro/queue';

// The floors Faro is measured against, taken in the same run on the same machine
// (YARDSTICK.md): BullMQ with no-op jobs of `batch` cells each, the same jobs each COPYing
// their rows into PostgreSQL, and one COPY of every row.

async function copyN(client: Client, table: string, from: number, n: number): Promise<void> {
  async function* rows() {
    const chunk: string[] = [];
    for (let i = from; i < from + n; i++) chunk.push(`${i}\tcell-${i}\tbroadcasting`);
    yield chunk.join('\n') + '\n';
  }
  await pipeline(Readable.from(rows()), client.query(copyFrom(`COPY ${table} (n, cell_id, status) FROM STDIN`)));
}

export interface YardstickResult {
  rows: number;
  jobs: number;
  bullmqNoopMs: number;
  bullmqCopyMs: number;
  copyOnlyMs: number;
  copyRowsPerSecond: number;
}

export async function measureYardstick(databaseUrl: string, redisUrl: string | undefined, rows: number, batch: number): Promise<YardstickResult> {
  const backend = selectQueueBackend({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: 'yardstick' });
  const connection = backend.connection as ConnectionOptions;
  const jobs = Math.ceil(rows / batch);
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP TABLE IF EXISTS yardstick_rows; CREATE TABLE yardstick_rows (n bigint PRIMARY KEY, cell_id text NOT NULL, status text NOT NULL)`);

  const run = async (name: string, work: (i: number) => Promise<void>) => {
    const queue = new Queue(name, { connection, ...(backend.kind === 'redis' ? { prefix: backend.prefix } : {}) });
    await queue.obliterate({ force: true }).catch(() => undefined);
    let done = 0;
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    const worker = new Worker(name, async (job) => work(job.data.i as number), {
      connection,
      concurrency: 16,
      ...(backend.kind === 'redis' ? { prefix: backend.prefix } : {}),
    });
    worker.on('completed', () => ++done === jobs && finish());
    await worker.waitUntilReady();
    const t0 = performance.now();
    for (let i = 0; i < jobs; i += 500) {
      await queue.addBulk(Array.from({ length: Math.min(500, jobs - i) }, (_, k) => ({ name: 'j', data: { i: i + k }, opts: { removeOnComplete: true } })));
    }
    await finished;
    const ms = performance.now() - t0;
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    return ms;
  };

  const bullmqNoopMs = await run('yardstick-noop', async () => undefined);
  const pool: Client[] = [];
  const clients = await Promise.all(Array.from({ length: 16 }, async () => {
    const c = new Client({ connectionString: databaseUrl });
    await c.connect();
    return c;
  }));
  pool.push(...clients);
  const bullmqCopyMs = await run('yardstick-copy', async (i) => {
    const c = pool.pop()!;
    try {
      await copyN(c, 'yardstick_rows', i * batch, Math.min(batch, rows - i * batch));
    } finally {
      pool.push(c);
    }
  });
  await admin.query(`TRUNCATE yardstick_rows`);
  const t0 = performance.now();
  await copyN(admin, 'yardstick_rows', 0, rows);
  const copyOnlyMs = performance.now() - t0;
  await admin.query(`DROP TABLE yardstick_rows`);
  await admin.end();
  await Promise.all(clients.map((c) => c.end()));
  return { rows, jobs, bullmqNoopMs, bullmqCopyMs, copyOnlyMs, copyRowsPerSecond: Math.round(rows / (copyOnlyMs / 1000)) };
}
