import type { ProbeResult } from './service-probe';

// Where `npm start` and `npm test` look when nothing is configured: a developer's own servers.
export const LOCAL_POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

export function localPostgresUrl(database: string): string {
  return `postgres://postgres@127.0.0.1:5432/${database}`;
}

export interface LauncherEnv {
  NODE_ENV?: string;
  DATABASE_URL?: string;
  REDIS_URL?: string;
  FARO_EMBEDDED?: string;
}

export interface ServiceProbes {
  postgres?: ProbeResult;
  redis?: ProbeResult;
}

export type PostgresChoice =
  | { kind: 'configured'; url: string }
  | { kind: 'local'; url: string }
  | { kind: 'embedded'; reason: string }
  | { kind: 'missing'; reason: string };

export type RedisChoice =
  | { kind: 'configured'; url: string }
  | { kind: 'local'; url: string }
  | { kind: 'postgres-backend'; reason: string };

export interface ServiceChoice {
  postgres: PostgresChoice;
  redis: RedisChoice;
}

// Which local servers are worth probing: none that the environment already names, none when
// FARO_EMBEDDED asks for a self-contained start, and none in production, where a database found
// by chance or started on the side would hide a missing setting.
export function probesNeeded(env: LauncherEnv): { postgres: boolean; redis: boolean } {
  if (isProduction(env)) return { postgres: false, redis: false };
  const embedded = wantsEmbedded(env);
  return {
    postgres: !embedded && !present(env.DATABASE_URL),
    redis: !embedded && !present(env.REDIS_URL),
  };
}

// A probe the environment made unnecessary may be absent; one that was needed and is absent counts
// as "did not answer".
export function chooseServices(env: LauncherEnv, probes: ServiceProbes, database = 'faro'): ServiceChoice {
  return { postgres: choosePostgres(env, probes.postgres, database), redis: chooseRedis(env, probes.redis) };
}

function choosePostgres(env: LauncherEnv, probe: ProbeResult | undefined, database: string): PostgresChoice {
  if (present(env.DATABASE_URL)) return { kind: 'configured', url: env.DATABASE_URL };
  if (isProduction(env)) return { kind: 'missing', reason: 'DATABASE_URL is required in production' };
  if (wantsEmbedded(env)) return { kind: 'embedded', reason: 'FARO_EMBEDDED=1' };
  if (probe?.ok) return { kind: 'local', url: localPostgresUrl(database) };
  return { kind: 'embedded', reason: `nothing usable at 127.0.0.1:5432 (${probe ? probe.reason : 'not probed'})` };
}

function chooseRedis(env: LauncherEnv, probe: ProbeResult | undefined): RedisChoice {
  if (present(env.REDIS_URL)) return { kind: 'configured', url: env.REDIS_URL };
  if (isProduction(env)) return { kind: 'postgres-backend', reason: 'REDIS_URL is unset' };
  if (wantsEmbedded(env)) return { kind: 'postgres-backend', reason: 'FARO_EMBEDDED=1' };
  if (probe?.ok) return { kind: 'local', url: LOCAL_REDIS_URL };
  return { kind: 'postgres-backend', reason: `no Redis at 127.0.0.1:6379 (${probe ? probe.reason : 'not probed'})` };
}

// loadConfig treats an empty variable as unset; so does the launcher.
function present(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function isProduction(env: LauncherEnv): boolean {
  return env.NODE_ENV === 'production';
}

function wantsEmbedded(env: LauncherEnv): boolean {
  return env.FARO_EMBEDDED === '1' || env.FARO_EMBEDDED === 'true';
}
