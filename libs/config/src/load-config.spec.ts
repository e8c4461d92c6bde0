import { ConfigError, loadConfig, redactConfig } from './load-config';

const kek = Buffer.alloc(32, 7).toString('base64');
const valid = { DATABASE_URL: 'postgres://u:pw@127.0.0.1:5432/faro', FARO_KEK: kek };

describe('loadConfig', () => {
  it('applies defaults and freezes the result', () => {
    const c = loadConfig(valid);
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.REDIS_URL).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every missing or malformed variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', FARO_KEK: 'short' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.code).toBe('config/invalid');
    expect(err.variables.sort()).toEqual(['DATABASE_URL', 'FARO_KEK', 'PORT']);
    expect(err.message).toContain('DATABASE_URL is required');
    expect(err.message).toContain('FARO_KEK must be 32 bytes');
  });

  it('reaches the gateways over the network by default, and reads a latency range or one figure', () => {
    const c = loadConfig(valid);
    expect([c.UPLINK_MODE, c.UPLINK_URL, c.UPLINK_SIM_LATENCY_MS]).toEqual(['network', 'http://127.0.0.1:8090', undefined]);
    expect(c.UPLINK_HEARTBEAT_MS + c.UPLINK_LIVENESS_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
    expect(loadConfig({ ...valid, UPLINK_SIM_LATENCY_MS: '30-120' }).UPLINK_SIM_LATENCY_MS).toEqual({ min: 30, max: 120 });
    expect(loadConfig({ ...valid, UPLINK_SIM_LATENCY_MS: '5' }).UPLINK_SIM_LATENCY_MS).toEqual({ min: 5, max: 5 });
  });

  it('refuses an uplink setting that cannot work, naming it', () => {
    for (const [name, value] of [['UPLINK_SIM_LATENCY_MS', '120-30'], ['UPLINK_SIM_LATENCY_MS', 'fast'], ['UPLINK_MODE', 'carrier-pigeon'], ['UPLINK_URL', 'ftp://gateway'], ['UPLINK_TOKEN', 'short']]) {
      expect(() => loadConfig({ ...valid, [name]: value })).toThrow(expect.objectContaining({ variables: [name] }));
    }
  });

  it('limits no gateway unless told, and reads per-gateway rates and a default for the others', () => {
    const c = loadConfig(valid);
    expect([c.UPLINK_GATEWAY_RATE_LIMITS, c.UPLINK_GATEWAY_RATE_LIMIT_DEFAULT]).toEqual([{}, 0]);
    const set = loadConfig({ ...valid, UPLINK_GATEWAY_RATE_LIMITS: 'sat-nord=20, cbc-tim=0.5', UPLINK_GATEWAY_RATE_LIMIT_DEFAULT: '50' });
    expect([set.UPLINK_GATEWAY_RATE_LIMITS, set.UPLINK_GATEWAY_RATE_LIMIT_DEFAULT]).toEqual([{ 'sat-nord': 20, 'cbc-tim': 0.5 }, 50]);
  });

  it('refuses a rate limit that is not gateway=number, or names a gateway twice, naming the variable', () => {
    for (const value of ['sat-nord', 'sat-nord=fast', 'sat-nord=-1', 'sat-nord=2,sat-nord=3', '=5']) {
      expect(() => loadConfig({ ...valid, UPLINK_GATEWAY_RATE_LIMITS: value })).toThrow(expect.objectContaining({ variables: ['UPLINK_GATEWAY_RATE_LIMITS'] }));
    }
    expect(() => loadConfig({ ...valid, UPLINK_GATEWAY_RATE_LIMITS: 'sat-nord=fast' })).toThrow(/UPLINK_GATEWAY_RATE_LIMITS must be gateway=submissions-per-second pairs.*'sat-nord=fast' is not one/);
    expect(() => loadConfig({ ...valid, UPLINK_GATEWAY_RATE_LIMIT_DEFAULT: '-1' })).toThrow(expect.objectContaining({ variables: ['UPLINK_GATEWAY_RATE_LIMIT_DEFAULT'] }));
  });

  it('refuses a Redis URL with the wrong scheme', () => {
    expect(() => loadConfig({ ...valid, REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL must be a redis/);
  });

  it('takes previous KEKs as a comma-separated list and refuses one that is not 32 bytes', () => {
    const other = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ ...valid, FARO_KEK_PREVIOUS: `${other},${kek}` }).FARO_KEK_PREVIOUS).toBe(`${other},${kek}`);
    expect(loadConfig(valid).FARO_KEK_PREVIOUS).toBeUndefined();
    expect(() => loadConfig({ ...valid, FARO_KEK_PREVIOUS: `${other},short` })).toThrow(/FARO_KEK_PREVIOUS must be comma-separated keys of 32 bytes/);
  });

  it('rotates the signing key after 30 days unless told otherwise', () => {
    expect(loadConfig(valid).SIGNING_KEY_MAX_AGE_DAYS).toBe(30);
    expect(loadConfig({ ...valid, SIGNING_KEY_MAX_AGE_DAYS: '7' }).SIGNING_KEY_MAX_AGE_DAYS).toBe(7);
    expect(() => loadConfig({ ...valid, SIGNING_KEY_MAX_AGE_DAYS: '0' })).toThrow(/SIGNING_KEY_MAX_AGE_DAYS/);
  });

  it('rotates gateway sealing keys after 90 days unless told otherwise, and refuses an age outside 1..3650', () => {
    expect(loadConfig(valid).GATEWAY_KEY_MAX_AGE_DAYS).toBe(90);
    expect(loadConfig({ ...valid, GATEWAY_KEY_MAX_AGE_DAYS: '30' }).GATEWAY_KEY_MAX_AGE_DAYS).toBe(30);
    for (const bad of ['0', '-1', '1.5', '3651', 'ninety']) {
      expect(() => loadConfig({ ...valid, GATEWAY_KEY_MAX_AGE_DAYS: bad })).toThrow(/GATEWAY_KEY_MAX_AGE_DAYS/);
    }
  });

  it('rotates group content keys after 30 days unless told otherwise', () => {
    expect(loadConfig(valid).GROUP_KEY_MAX_AGE_DAYS).toBe(30);
    expect(loadConfig({ ...valid, GROUP_KEY_MAX_AGE_DAYS: '1' }).GROUP_KEY_MAX_AGE_DAYS).toBe(1);
    for (const bad of ['0', '3651', 'monthly']) {
      expect(() => loadConfig({ ...valid, GROUP_KEY_MAX_AGE_DAYS: bad })).toThrow(/GROUP_KEY_MAX_AGE_DAYS/);
    }
  });

  it('puts signature companions on 0xA000 and 0xA001 unless told otherwise, and only within 0xA000..0xAFFF', () => {
    expect([loadConfig(valid).COMPANION_MESSAGE_IDENTIFIER, loadConfig(valid).COMPANION_MESSAGE_IDENTIFIER_ADDITIONAL]).toEqual([0xa000, 0xa001]);
    expect(loadConfig({ ...valid, COMPANION_MESSAGE_IDENTIFIER: '0xa100' }).COMPANION_MESSAGE_IDENTIFIER).toBe(0xa100);
    expect(loadConfig({ ...valid, COMPANION_MESSAGE_IDENTIFIER_ADDITIONAL: '45055' }).COMPANION_MESSAGE_IDENTIFIER_ADDITIONAL).toBe(0xafff);
    for (const bad of ['40959', '45056', '4371', 'a000']) {
      expect(() => loadConfig({ ...valid, COMPANION_MESSAGE_IDENTIFIER: bad })).toThrow(/COMPANION_MESSAGE_IDENTIFIER/);
    }
  });

  it('warns of a broadcast covering more than 3 times its area unless told otherwise, and refuses a factor below 1', () => {
    expect(loadConfig(valid).OVERSHOOT_WARN_FACTOR).toBe(3);
    expect(loadConfig({ ...valid, OVERSHOOT_WARN_FACTOR: '7.5' }).OVERSHOOT_WARN_FACTOR).toBe(7.5);
    for (const bad of ['0.5', 'much']) {
      expect(() => loadConfig({ ...valid, OVERSHOOT_WARN_FACTOR: bad })).toThrow(/OVERSHOOT_WARN_FACTOR/);
    }
  });

  it('never shows a previous KEK when the configuration is logged', () => {
    const other = Buffer.alloc(32, 9).toString('base64');
    expect(JSON.stringify(redactConfig(loadConfig({ ...valid, FARO_KEK_PREVIOUS: other })))).not.toContain(other);
  });

  it('never shows a secret when the configuration is logged', () => {
    const shown = JSON.stringify(redactConfig(loadConfig({ ...valid, REDIS_URL: 'redis://:hunter2@127.0.0.1:6379' })));
    expect(shown).not.toContain('pw');
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain(kek);
    expect(shown).toContain('127.0.0.1:5432');
  });
});
