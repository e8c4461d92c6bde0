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

  it('refuses a Redis URL with the wrong scheme', () => {
    expect(() => loadConfig({ ...valid, REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL must be a redis/);
  });

  it('never shows a secret when the configuration is logged', () => {
    const shown = JSON.stringify(redactConfig(loadConfig({ ...valid, REDIS_URL: 'redis://:hunter2@127.0.0.1:6379' })));
    expect(shown).not.toContain('pw');
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain(kek);
    expect(shown).toContain('127.0.0.1:5432');
  });
});
