import Redis from 'ioredis';

export type EvictionCheck =
  | { ok: true; policy: 'noeviction' }
  | { ok: false; policy: string; message: string }
  | { ok: 'unknown'; message: string };

// BullMQ keeps a job's data and its bookkeeping in separate keys: a Redis that evicts keys under
// memory pressure leaves half-jobs that run with no data and block their ids. Only
// `noeviction` is safe (BullMQ's own guidance). A managed Redis may refuse CONFIG: then we cannot
// tell, and say so.
export async function checkRedisEvictionPolicy(url: string): Promise<EvictionCheck> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  try {
    await redis.connect();
    const reply = (await redis.config('GET', 'maxmemory-policy')) as unknown as string[];
    const policy = reply?.[1];
    if (policy === undefined) return { ok: 'unknown', message: 'Redis did not report maxmemory-policy' };
    if (policy === 'noeviction') return { ok: true, policy };
    return {
      ok: false,
      policy,
      message: `Redis maxmemory-policy is ${policy}: under memory pressure it would evict queued jobs (half-jobs that run with no data). Set maxmemory-policy noeviction`,
    };
  } catch (e) {
    return { ok: 'unknown', message: `could not read Redis maxmemory-policy (${(e as Error).message}); make sure it is noeviction` };
  } finally {
    redis.disconnect();
  }
}
