import Redis from 'ioredis';
import { Client } from 'pg';

export type ProbeResult = { ok: true } | { ok: false; reason: string };

// Short enough that a start with nothing installed does not feel stuck; long enough for a local server.
export const PROBE_TIMEOUT_MS = 1000;

// Answers whether a PostgreSQL at `url` accepts this login and runs a query.
export async function probePostgres(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: describeError(e) };
  } finally {
    await settleWithin(client.end(), timeoutMs);
  }
}

// Answers whether a Redis at `url` replies PONG. No retries and no offline queue, so a closed port
// fails once, quietly, instead of ioredis reconnecting and logging in the background.
export async function probeRedis(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    // After a failed handshake ioredis waits this long for the socket to close before destroying it.
    disconnectTimeout: 100,
  });
  // connect() rejects with "Connection is closed."; the cause (ECONNREFUSED, NOAUTH) came as an event.
  let cause: unknown;
  redis.on('error', (e) => {
    cause ??= e;
  });
  try {
    await redis.connect();
    const reply = await redis.ping();
    return reply === 'PONG' ? { ok: true } : { ok: false, reason: `PING answered ${reply}` };
  } catch (e) {
    return { ok: false, reason: describeError(cause ?? e) };
  } finally {
    redis.disconnect();
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    // Node reports a refused "localhost" as an AggregateError with an empty message and a code.
    return code && !e.message.includes(code) ? `${code}${e.message ? `: ${e.message}` : ''}` : e.message || e.name;
  }
  return String(e);
}

async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
