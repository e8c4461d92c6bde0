import { createECDH } from 'node:crypto';
import { PushError } from './push-error';

// What a browser's PushSubscription.toJSON() gives (RFC 8291 §3.2: p256dh is the user agent's
// P-256 public key, uncompressed; auth the 16-octet authentication secret), checked before it is
// stored, so the worker never meets a key it cannot encrypt to.
export interface PushSubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface SubscriptionRules {
  // Plain http to 127.0.0.1, ::1 or localhost, for tests and local push services only.
  allowHttpLoopback: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export function checkPushSubscription(s: PushSubscriptionKeys, rules: SubscriptionRules): PushSubscriptionKeys {
  let url: URL;
  try {
    url = new URL(s.endpoint);
  } catch {
    throw new PushError('push/invalid-subscription', 'endpoint: not a URL', '/endpoint');
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(loopbackHttp && rules.allowHttpLoopback)) {
    throw new PushError('push/invalid-subscription', 'endpoint: a push service is reached over https', '/endpoint');
  }
  if (url.username || url.password) throw new PushError('push/invalid-subscription', 'endpoint: may not carry credentials', '/endpoint');
  const p256dh = decode(s.p256dh, '/keys/p256dh');
  if (p256dh.length !== 65 || p256dh[0] !== 0x04) {
    throw new PushError('push/invalid-subscription', 'keys.p256dh: must be an uncompressed P-256 point (65 octets, base64url)', '/keys/p256dh');
  }
  try {
    // An agreement with a throwaway key throws when the octets are not a point on the curve.
    const probe = createECDH('prime256v1');
    probe.generateKeys();
    probe.computeSecret(p256dh);
  } catch {
    throw new PushError('push/invalid-subscription', 'keys.p256dh: not a point on P-256', '/keys/p256dh');
  }
  if (decode(s.auth, '/keys/auth').length !== 16) {
    throw new PushError('push/invalid-subscription', 'keys.auth: must be 16 octets, base64url', '/keys/auth');
  }
  return { endpoint: url.toString(), p256dh: s.p256dh, auth: s.auth };
}

function decode(v: string, pointer: string): Buffer {
  if (!BASE64URL.test(v)) throw new PushError('push/invalid-subscription', `${pointer.slice(1).replace('/', '.')}: not base64url`, pointer);
  return Buffer.from(v, 'base64url');
}
