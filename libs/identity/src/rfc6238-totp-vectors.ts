// RFC 6238 Appendix B, the HMAC-SHA1 rows: seed "12345678901234567890" (ASCII, 20 bytes),
// T0 = 0, X = 30 s, 8 digits. A 6-digit code is the same HOTP value mod 10^6 (RFC 4226 §5.3),
// i.e. the last six digits. The SHA-256 and SHA-512 rows use other seeds and are not used by Faro.
export const RFC6238_SHA1_SEED_ASCII = '12345678901234567890';
// The seed in base32 (RFC 4648), as an authenticator app would be given it.
export const RFC6238_SHA1_SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

export const RFC6238_SHA1_VECTORS: { unixSeconds: number; step: number; totp8: string }[] = [
  { unixSeconds: 59, step: 0x1, totp8: '94287082' },
  { unixSeconds: 1111111109, step: 0x23523ec, totp8: '07081804' },
  { unixSeconds: 1111111111, step: 0x23523ed, totp8: '14050471' },
  { unixSeconds: 1234567890, step: 0x273ef07, totp8: '89005924' },
  { unixSeconds: 2000000000, step: 0x3f940aa, totp8: '69279037' },
  { unixSeconds: 20000000000, step: 0x27bc86aa, totp8: '65353130' },
];
