import { IdentityError } from './identity-error';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with argon2id and a fresh salt, and verifies the right password only', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(h);
    expect(await verifyPassword(h, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery stapler')).toBe(false);
  });

  it('answers false, not an exception, for a stored value that is no argon2 hash', async () => {
    expect(await verifyPassword('not-for-login', 'anything at all')).toBe(false);
    expect(await verifyPassword('$argon2id$garbage', 'anything at all')).toBe(false);
  });

  it('refuses a password shorter than 12 characters with a coded error naming the field', () => {
    let thrown: unknown;
    try {
      assertPasswordPolicy('short-pass1');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(IdentityError);
    expect(thrown).toMatchObject({ code: 'auth/invalid-user', pointer: '/password', message: 'A password has at least 12 characters' });
  });

  it('counts characters, not bytes, towards the minimum length', () => {
    expect(() => assertPasswordPolicy('àèìòùàèìòù')).toThrow('at least 12 characters');
    expect(() => assertPasswordPolicy('àèìòùàèìòùàè')).not.toThrow();
  });

  it('refuses a long password made of a few repeated characters', () => {
    expect(() => assertPasswordPolicy('aaaaaaaaaaaaaaaa')).toThrow('too easy to guess');
    expect(() => assertPasswordPolicy('abababababababab')).toThrow('too easy to guess');
  });

  it('refuses a password that contains the account name of the email', () => {
    expect(() => assertPasswordPolicy('mario.rossi-2026!', 'Mario.Rossi@faro.test')).toThrow('must not contain the account name');
    expect(() => assertPasswordPolicy('a long and unrelated phrase', 'mario.rossi@faro.test')).not.toThrow();
  });

  it('refuses a password over 1024 characters', () => {
    expect(() => assertPasswordPolicy('x1y2z3'.repeat(200))).toThrow('at most 1024 characters');
  });
});
