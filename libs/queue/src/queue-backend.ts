import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueBackend {
  kind: QueueBackendKind;
  // Redis key prefix; the PostgreSQL backend namespaces by database and schema instead.
  prefix: string;
  // What BullMQ's `connection` option takes for this backend.
  connection: unknown;
  describe: string;
}

// BullMQ on Redis when REDIS_URL is set, else on its own PostgreSQL backend: the same
// Queue and Worker code either way. The PostgreSQL backend keeps its tables in its own
// schema and sets its own search_path, so its connection string carries no options.
// `pgTimeouts` (node-postgres pool options: connect, statement and idle-in-transaction timeouts)
// bound the PostgreSQL backend's calls as every other pool of Faro is bounded.
export function selectQueueBackend(cfg: { REDIS_URL?: string; DATABASE_URL: string; QUEUE_PREFIX: string }, pgTimeouts: Record<string, number> = {}): QueueBackend {
  if (cfg.REDIS_URL) {
    setDefaultBackendFactory(undefined);
    const u = new URL(cfg.REDIS_URL);
    return {
      kind: 'redis',
      prefix: cfg.QUEUE_PREFIX,
      connection: { url: cfg.REDIS_URL, maxRetriesPerRequest: null },
      describe: `BullMQ on Redis ${u.hostname}:${u.port || 6379}`,
    };
  }
  setDefaultBackendFactory(createPostgresBackend as never);
  const u = new URL(cfg.DATABASE_URL);
  return {
    kind: 'postgres',
    prefix: cfg.QUEUE_PREFIX,
    connection: { connectionString: cfg.DATABASE_URL, migrate: true, max: 10, ...pgTimeouts },
    describe: `BullMQ on its PostgreSQL backend (${u.hostname}:${u.port || 5432}${u.pathname})`,
  };
}
