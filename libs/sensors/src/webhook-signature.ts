import { createHmac, timingSafeEqual } from 'node:crypto';
import { SensorError } from './sensor-error';
import type { SensorSecret } from './sensor';

export const TIMESTAMP_HEADER = 'x-faro-timestamp';
export const SIGNATURE_HEADER = 'x-faro-signature';
// How far a signed timestamp may be from the receiver's clock, either way: bounds how long a
// captured request could be replayed, and so how long its signature must be remembered.
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

export interface WebhookHeaders {
  timestamp: string | undefined;
  signature: string | undefined;
}

export interface VerifiedWebhook {
  timestamp: number;
  // The signature as lower-case hex: what the replay record remembers.
  signature: string;
  secretId: string;
}

// HMAC-SHA256(secret, timestamp + "." + body), as a sensor computes it; the timestamp is
// signed as sent, so "0123" and "123" are different messages.
export function webhookSignature(secret: Uint8Array, timestamp: string | number, body: Uint8Array): string {
  return `sha256=${hmac(secret, String(timestamp), body).toString('hex')}`;
}

// Checks the signature against every secret still valid at `now` (during a rotation the old
// one stays valid until its overlap ends), then the timestamp. The signature is checked first
// so that stale-timestamp is said only of a genuine request, which makes the audit telling.
export function verifyWebhookSignature(headers: WebhookHeaders, body: Uint8Array, secrets: readonly SensorSecret[], now: Date): VerifiedWebhook {
  const ts = headers.timestamp?.trim();
  if (!ts || !TIMESTAMP.test(ts)) {
    throw new SensorError('sensor/bad-signature', 'X-Faro-Timestamp is missing or not Unix seconds');
  }
  const m = SIGNATURE.exec(headers.signature?.trim() ?? '');
  if (!m) {
    throw new SensorError('sensor/bad-signature', 'X-Faro-Signature is missing or not sha256=<64 hex digits>');
  }
  const given = Buffer.from(m[1], 'hex');
  let matched: SensorSecret | undefined;
  // Every valid secret is tried, with no early exit, so the time taken does not say which one matched.
  for (const s of secrets) {
    if (s.validUntil !== null && s.validUntil.getTime() <= now.getTime()) continue;
    if (timingSafeEqual(hmac(s.secret, ts, body), given) && !matched) matched = s;
  }
  if (!matched) throw new SensorError('sensor/bad-signature', 'The signature does not match any current secret of the sensor');
  const timestamp = Number(ts);
  const skew = Math.floor(now.getTime() / 1000) - timestamp;
  if (Math.abs(skew) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new SensorError(
      'sensor/stale-timestamp',
      `X-Faro-Timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'in the future'}; at most ${SIGNATURE_TOLERANCE_SECONDS} s either way is accepted`,
    );
  }
  return { timestamp, signature: m[1].toLowerCase(), secretId: matched.id };
}

function hmac(secret: Uint8Array, timestamp: string, body: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(timestamp).update('.').update(body).digest();
}
