import { isKek, kekSource } from './dev-kek';

describe('kekSource', () => {
  it('takes FARO_KEK from the environment when it is set', () => {
    expect(kekSource({ FARO_KEK: 'x', NODE_ENV: 'production' })).toBe('environment');
  });

  it('falls back to the development file outside production', () => {
    expect(kekSource({})).toBe('development-file');
    expect(kekSource({ NODE_ENV: 'test', FARO_KEK: '' })).toBe('development-file');
  });

  it('never generates a key in production', () => {
    expect(kekSource({ NODE_ENV: 'production' })).toBe('none');
  });
});

describe('isKek', () => {
  it('accepts 32 bytes in base64', () => {
    expect(isKek(Buffer.alloc(32, 9).toString('base64'))).toBe(true);
  });

  it('refuses 31 or 33 bytes', () => {
    expect(isKek(Buffer.alloc(31).toString('base64'))).toBe(false);
    expect(isKek(Buffer.alloc(33).toString('base64'))).toBe(false);
  });

  it('refuses text that is not base64, which Buffer.from would partly decode', () => {
    expect(isKek(`${Buffer.alloc(32).toString('base64')}!`)).toBe(false);
  });
});
