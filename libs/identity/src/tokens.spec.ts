import { createHash } from 'node:crypto';
import { csrfTokenFor, generatePassword, hashToken, newOpaqueToken, tokenMatchesHash } from './tokens';

describe('opaque tokens', () => {
  it('makes 32 random bytes, base64url without padding, never the same twice', () => {
    const t = newOpaqueToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(new Set(Array.from({ length: 100 }, newOpaqueToken)).size).toBe(100);
  });

  it('stores a token as the lower-case hex SHA-256 of its text', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const t = newOpaqueToken();
    expect(hashToken(t)).toBe(createHash('sha256').update(t).digest('hex'));
  });

  it('matches a presented token against its stored hash, and nothing else', () => {
    const t = newOpaqueToken();
    expect(tokenMatchesHash(t, hashToken(t))).toBe(true);
    expect(tokenMatchesHash(newOpaqueToken(), hashToken(t))).toBe(false);
    expect(tokenMatchesHash(t, 'not hex')).toBe(false);
  });

  it('derives the same CSRF token from the same session token, and another from another', () => {
    const s = newOpaqueToken();
    expect(csrfTokenFor(s)).toBe(csrfTokenFor(s));
    expect(csrfTokenFor(s)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor(newOpaqueToken())).not.toBe(csrfTokenFor(s));
    expect(csrfTokenFor(s)).not.toBe(s);
  });

  it('generates passwords of 24 base64url characters', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
