import Redis from 'ioredis';

export type ProbeResult = { up: true; detail: string } | { up: false; detail: string };

// Whether the queue backend answers, for the API's readiness. One connection, kept; no offline
// queue, so a ping while Redis is away fails at once instead of waiting for a reconnect.
export class QueueBackendProbe {
  private redis?: Redis;

  constructor(private readonly redisUrl: string | undefined) {}

  async probe(postgresUp: boolean, timeoutMs = 1000): Promise<ProbeResult> {
    // BullMQ's PostgreSQL backend lives in the database itself.
    if (!this.redisUrl) return postgresUp ? { up: true, detail: 'BullMQ on PostgreSQL' } : { up: false, detail: 'BullMQ on PostgreSQL: the database is down' };
    this.redis ??= new Redis(this.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: timeoutMs });
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      const pong = await Promise.race([this.redis.ping(), new Promise<never>((_, no) => setTimeout(() => no(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
      return pong === 'PONG' ? { up: true, detail: 'BullMQ on Redis' } : { up: false, detail: `Redis answered ${pong}` };
    } catch (e) {
      return { up: false, detail: `Redis: ${(e as Error).message}` };
    }
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }
}
