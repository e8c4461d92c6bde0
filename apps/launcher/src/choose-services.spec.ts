import { chooseServices, probesNeeded } from './choose-services';
import type { ProbeResult } from './service-probe';

const answered: ProbeResult = { ok: true };
const refused: ProbeResult = { ok: false, reason: 'ECONNREFUSED' };
const external = 'postgres://faro:pw@db.example:5432/faro';
const externalRedis = 'redis://cache.example:6379';

describe('probesNeeded', () => {
  it('probes both local servers when nothing is configured', () => {
    expect(probesNeeded({})).toEqual({ postgres: true, redis: true });
  });

  it('skips the probe of a server the environment already names', () => {
    expect(probesNeeded({ DATABASE_URL: external })).toEqual({ postgres: false, redis: true });
    expect(probesNeeded({ REDIS_URL: externalRedis })).toEqual({ postgres: true, redis: false });
  });

  it('treats an empty variable as unset', () => {
    expect(probesNeeded({ DATABASE_URL: '', REDIS_URL: '' })).toEqual({ postgres: true, redis: true });
  });

  it('probes nothing when FARO_EMBEDDED asks for a self-contained start', () => {
    expect(probesNeeded({ FARO_EMBEDDED: '1' })).toEqual({ postgres: false, redis: false });
  });

  it('probes nothing in production', () => {
    expect(probesNeeded({ NODE_ENV: 'production' })).toEqual({ postgres: false, redis: false });
  });
});

describe('chooseServices', () => {
  it('uses DATABASE_URL and REDIS_URL when both are set, whatever answers locally', () => {
    const env = { DATABASE_URL: external, REDIS_URL: externalRedis };
    expect(chooseServices(env, { postgres: answered, redis: answered })).toEqual({
      postgres: { kind: 'configured', url: external },
      redis: { kind: 'configured', url: externalRedis },
    });
  });

  it('prefers DATABASE_URL over FARO_EMBEDDED', () => {
    expect(chooseServices({ DATABASE_URL: external, FARO_EMBEDDED: '1' }, {}).postgres).toEqual({
      kind: 'configured',
      url: external,
    });
  });

  it('prefers REDIS_URL over FARO_EMBEDDED', () => {
    expect(chooseServices({ REDIS_URL: externalRedis, FARO_EMBEDDED: '1' }, {}).redis).toEqual({
      kind: 'configured',
      url: externalRedis,
    });
  });

  it('uses the local PostgreSQL and Redis when both answer', () => {
    expect(chooseServices({}, { postgres: answered, redis: answered })).toEqual({
      postgres: { kind: 'local', url: 'postgres://postgres@127.0.0.1:5432/faro' },
      redis: { kind: 'local', url: 'redis://127.0.0.1:6379' },
    });
  });

  it('names the database it was asked for on the local PostgreSQL', () => {
    expect(chooseServices({}, { postgres: answered }, 'faro_test').postgres).toEqual({
      kind: 'local',
      url: 'postgres://postgres@127.0.0.1:5432/faro_test',
    });
  });

  it('starts an embedded PostgreSQL when the local one does not answer, saying why', () => {
    expect(chooseServices({}, { postgres: refused, redis: answered }).postgres).toEqual({
      kind: 'embedded',
      reason: 'nothing usable at 127.0.0.1:5432 (ECONNREFUSED)',
    });
  });

  it('starts an embedded PostgreSQL when FARO_EMBEDDED=1 even though one answers locally', () => {
    expect(chooseServices({ FARO_EMBEDDED: '1' }, { postgres: answered }).postgres).toEqual({
      kind: 'embedded',
      reason: 'FARO_EMBEDDED=1',
    });
  });

  it('runs BullMQ on PostgreSQL when no Redis answers, saying why', () => {
    expect(chooseServices({}, { postgres: answered, redis: refused }).redis).toEqual({
      kind: 'postgres-backend',
      reason: 'no Redis at 127.0.0.1:6379 (ECONNREFUSED)',
    });
  });

  it('runs BullMQ on PostgreSQL when FARO_EMBEDDED=1 even though a Redis answers locally', () => {
    expect(chooseServices({ FARO_EMBEDDED: '1' }, { redis: answered }).redis).toEqual({
      kind: 'postgres-backend',
      reason: 'FARO_EMBEDDED=1',
    });
  });

  it('accepts FARO_EMBEDDED=true as well as 1', () => {
    expect(chooseServices({ FARO_EMBEDDED: 'true' }, { postgres: answered }).postgres.kind).toBe('embedded');
  });

  it('counts a needed probe that is missing as a server that did not answer', () => {
    expect(chooseServices({}, {})).toEqual({
      postgres: { kind: 'embedded', reason: 'nothing usable at 127.0.0.1:5432 (not probed)' },
      redis: { kind: 'postgres-backend', reason: 'no Redis at 127.0.0.1:6379 (not probed)' },
    });
  });

  it('never picks or starts a database in production when DATABASE_URL is unset', () => {
    expect(chooseServices({ NODE_ENV: 'production' }, { postgres: answered }).postgres).toEqual({
      kind: 'missing',
      reason: 'DATABASE_URL is required in production',
    });
  });

  it('runs BullMQ on PostgreSQL in production when REDIS_URL is unset, without looking for a local Redis', () => {
    expect(chooseServices({ NODE_ENV: 'production' }, { redis: answered }).redis).toEqual({
      kind: 'postgres-backend',
      reason: 'REDIS_URL is unset',
    });
  });
});
