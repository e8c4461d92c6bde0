import { RFC6238_SHA1_SEED_ASCII, RFC6238_SHA1_SEED_BASE32, RFC6238_SHA1_VECTORS } from './rfc6238-totp-vectors';
import { generateTotpSecret, hotp, totpCode, totpStep, totpUri, verifyTotp } from './totp';

const at = (s: number) => new Date(s * 1000);

describe('TOTP (RFC 6238)', () => {
  it.each(RFC6238_SHA1_VECTORS)('computes the 8-digit SHA-1 vector at T = $unixSeconds s from the ASCII seed', (v) => {
    expect(hotp(new TextEncoder().encode(RFC6238_SHA1_SEED_ASCII), totpStep(at(v.unixSeconds)), 8)).toBe(v.totp8);
  });

  it.each(RFC6238_SHA1_VECTORS)('gives the last six digits of the vector at T = $unixSeconds s for the base32 seed', (v) => {
    expect(totpCode(RFC6238_SHA1_SEED_BASE32, at(v.unixSeconds))).toBe(v.totp8.slice(2));
    expect(totpStep(at(v.unixSeconds))).toBe(v.step);
  });

  it.each(RFC6238_SHA1_VECTORS)('accepts the vector code at T = $unixSeconds s and returns its time step', (v) => {
    expect(verifyTotp(RFC6238_SHA1_SEED_BASE32, v.totp8.slice(2), null, at(v.unixSeconds))).toEqual({ ok: true, step: v.step });
  });

  it('refuses a code the second time it is presented', () => {
    const now = at(1234567890);
    const code = totpCode(RFC6238_SHA1_SEED_BASE32, now);
    const first = verifyTotp(RFC6238_SHA1_SEED_BASE32, code, null, now);
    expect(first).toEqual({ ok: true, step: 0x273ef07 });
    const again = verifyTotp(RFC6238_SHA1_SEED_BASE32, code, first.ok ? first.step : null, at(1234567890 + 5));
    expect(again).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses the code of an earlier step once a later one was accepted', () => {
    const now = at(2000000000);
    const previous = totpCode(RFC6238_SHA1_SEED_BASE32, at(2000000000 - 30));
    expect(verifyTotp(RFC6238_SHA1_SEED_BASE32, previous, totpStep(now), now)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('accepts the next code after the last accepted step', () => {
    const lastStep = totpStep(at(2000000000));
    const next = at(2000000000 + 30);
    const code = totpCode(RFC6238_SHA1_SEED_BASE32, next);
    expect(verifyTotp(RFC6238_SHA1_SEED_BASE32, code, lastStep, next)).toEqual({ ok: true, step: lastStep + 1 });
  });

  it('tolerates one step of clock drift either way, and not two', () => {
    const now = at(1111111111);
    for (const drift of [-30, 30]) {
      const code = totpCode(RFC6238_SHA1_SEED_BASE32, at(1111111111 + drift));
      expect((verifyTotp(RFC6238_SHA1_SEED_BASE32, code, null, now)).ok).toBe(true);
    }
    for (const drift of [-90, 90]) {
      const code = totpCode(RFC6238_SHA1_SEED_BASE32, at(1111111111 + drift));
      expect(verifyTotp(RFC6238_SHA1_SEED_BASE32, code, null, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses a wrong code, and anything but six digits, as invalid', () => {
    const now = at(1234567890);
    expect(verifyTotp(RFC6238_SHA1_SEED_BASE32, '000000', null, now)).toEqual({ ok: false, reason: 'invalid' });
    for (const bad of ['', '12345', '1234567', '89005924', 'abcdef', ' 005924']) {
      expect(verifyTotp(RFC6238_SHA1_SEED_BASE32, bad, null, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('generates 160-bit base32 secrets, a different one each time', () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(a);
  });

  it('writes an otpauth URI naming the issuer, the account and the secret', () => {
    const uri = new URL(totpUri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'anna@faro.test'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.toString()).toMatch(/^otpauth:\/\/totp\/Faro:anna%40faro\.test\?/);
    expect(uri.searchParams.get('secret')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(uri.searchParams.get('issuer')).toBe('Faro');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});
