import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeBase32, encodeBase32 } from './base32';

// RFC 6238 TOTP as every authenticator app does it: HMAC-SHA-1, 6 digits, 30 s steps, T0 = 0.
// On node:crypto rather than otplib: otplib 13 loads ESM-only modules (@scure/base), which
// jest cannot require on Node 20; the algorithm is a few lines, held to the RFC's vectors.
export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
// RFC 6238 §5.2: accept one step either side for clock drift and the time a person takes to type.
const DRIFT_STEPS = 1;

export type TotpVerification = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

// 160 random bits (RFC 4226 §4 R6 asks at least 128, recommends 160), base32 as apps take it.
export function generateTotpSecret(): string {
  return encodeBase32(randomBytes(20));
}

// The otpauth:// URI an authenticator app reads from a QR code (Google Authenticator Key Uri Format).
export function totpUri(secret: string, account: string, issuer = 'Faro'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(DIGITS), period: String(TOTP_PERIOD_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

// RFC 4226 §5.3 HOTP: HMAC over the 8-byte big-endian counter, dynamic truncation, mod 10^digits.
export function hotp(key: Uint8Array, counter: number, digits = DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

// The code for the step containing `at` (tests and the test clients use it).
export function totpCode(secret: string, at: Date): string {
  return hotp(secretKey(secret), totpStep(at));
}

// RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the same OTP after the
// successful validation has been issued for the first OTP". A code whose step is at or before
// the last accepted one is refused, so a code is used at most once, and never an older one.
export function verifyTotp(secret: string, code: string, lastStep: number | null, now: Date): TotpVerification {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
  const key = secretKey(secret);
  const current = totpStep(now);
  const presented = Buffer.from(code);
  let matched: number | null = null;
  // Every step in the window is computed and compared in constant time, matched or not.
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), presented) && matched === null) matched = step;
  }
  if (matched === null) return { ok: false, reason: 'invalid' };
  if (lastStep !== null && matched <= lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: matched };
}

function secretKey(secret: string): Uint8Array {
  const key = decodeBase32(secret);
  // RFC 4226 §4 R6: at least 128 bits.
  if (!key || key.length < 16) throw new Error('a TOTP secret is base32 of at least 16 bytes');
  return key;
}
