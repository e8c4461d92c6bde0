import { createHmac } from 'node:crypto';
import type { SensorSecret } from './sensor';
import { SensorError } from './sensor-error';
import { SIGNATURE_TOLERANCE_SECONDS, verifyWebhookSignature, webhookSignature } from './webhook-signature';

const now = new Date('2026-03-01T10:00:00Z');
const nowSeconds = now.getTime() / 1000;
const body = Buffer.from('{"hazard":"earthquake","magnitude":5.9}');
const current: SensorSecret = { id: 's2', secret: Buffer.alloc(32, 2), createdAt: now, validUntil: null };

function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof SensorError)) throw e;
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a refusal');
}

const signed = (secret: SensorSecret, ts: number | string = nowSeconds, b: Uint8Array = body) => ({ timestamp: String(ts), signature: webhookSignature(secret.secret, ts, b) });

describe('webhookSignature', () => {
  it('is sha256= and the hex HMAC-SHA256 of timestamp, a dot and the body', () => {
    const expected = createHmac('sha256', Buffer.alloc(32, 2)).update(`${nowSeconds}.${body.toString()}`).digest('hex');
    expect(webhookSignature(current.secret, nowSeconds, body)).toBe(`sha256=${expected}`);
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts a request signed with the current secret and names the secret', () => {
    const v = verifyWebhookSignature(signed(current), body, [current], now);
    expect(v).toEqual({ timestamp: nowSeconds, signature: signed(current).signature.slice(7), secretId: 's2' });
  });

  it('accepts an upper-case hex signature and remembers it in lower case', () => {
    const h = signed(current);
    const v = verifyWebhookSignature({ ...h, signature: 'sha256=' + h.signature.slice(7).toUpperCase() }, body, [current], now);
    expect(v.signature).toBe(h.signature.slice(7));
  });

  it('refuses a signature made with another secret', () => {
    const other: SensorSecret = { ...current, id: 'x', secret: Buffer.alloc(32, 9) };
    expect(refusal(() => verifyWebhookSignature(signed(other), body, [current], now))).toEqual({
      code: 'sensor/bad-signature',
      message: 'The signature does not match any current secret of the sensor',
    });
  });

  it('refuses a body changed after signing', () => {
    const h = signed(current);
    expect(refusal(() => verifyWebhookSignature(h, Buffer.from('{"hazard":"earthquake","magnitude":9.9}'), [current], now)).code).toBe('sensor/bad-signature');
  });

  it('refuses a signature moved onto another timestamp', () => {
    const h = signed(current);
    expect(refusal(() => verifyWebhookSignature({ ...h, timestamp: String(nowSeconds - 1) }, body, [current], now)).code).toBe('sensor/bad-signature');
  });

  it('refuses missing or malformed headers as a bad signature', () => {
    const h = signed(current);
    expect(refusal(() => verifyWebhookSignature({ ...h, timestamp: undefined }, body, [current], now)).message).toBe('X-Faro-Timestamp is missing or not Unix seconds');
    expect(refusal(() => verifyWebhookSignature({ ...h, timestamp: '2026-03-01T10:00:00Z' }, body, [current], now)).code).toBe('sensor/bad-signature');
    expect(refusal(() => verifyWebhookSignature({ ...h, signature: h.signature.slice(7) }, body, [current], now)).message).toBe('X-Faro-Signature is missing or not sha256=<64 hex digits>');
    expect(refusal(() => verifyWebhookSignature({ ...h, signature: h.signature.slice(0, -2) }, body, [current], now)).code).toBe('sensor/bad-signature');
  });

  it('refuses every request when the sensor has no secret', () => {
    expect(refusal(() => verifyWebhookSignature(signed(current), body, [], now)).code).toBe('sensor/bad-signature');
  });

  it('accepts a timestamp exactly at the tolerance and refuses one a second older', () => {
    const edge = nowSeconds - SIGNATURE_TOLERANCE_SECONDS;
    expect(verifyWebhookSignature(signed(current, edge), body, [current], now).timestamp).toBe(edge);
    expect(refusal(() => verifyWebhookSignature(signed(current, edge - 1), body, [current], now))).toEqual({
      code: 'sensor/stale-timestamp',
      message: 'X-Faro-Timestamp is 301 s old; at most 300 s either way is accepted',
    });
  });

  it('refuses a timestamp more than the tolerance in the future', () => {
    expect(refusal(() => verifyWebhookSignature(signed(current, nowSeconds + 301), body, [current], now))).toEqual({
      code: 'sensor/stale-timestamp',
      message: 'X-Faro-Timestamp is 301 s in the future; at most 300 s either way is accepted',
    });
  });

  it('says bad-signature, not stale, of an old request with a wrong signature', () => {
    const old = signed({ ...current, secret: Buffer.alloc(32, 7) }, nowSeconds - 3600);
    expect(refusal(() => verifyWebhookSignature(old, body, [current], now)).code).toBe('sensor/bad-signature');
  });

  it('accepts the old secret of a rotation while its overlap lasts', () => {
    const old: SensorSecret = { id: 's1', secret: Buffer.alloc(32, 1), createdAt: now, validUntil: new Date(now.getTime() + 60_000) };
    expect(verifyWebhookSignature(signed(old), body, [current, old], now).secretId).toBe('s1');
    expect(verifyWebhookSignature(signed(current), body, [current, old], now).secretId).toBe('s2');
  });

  it('refuses the old secret of a rotation once its overlap has ended', () => {
    const old: SensorSecret = { id: 's1', secret: Buffer.alloc(32, 1), createdAt: now, validUntil: new Date(now.getTime()) };
    expect(refusal(() => verifyWebhookSignature(signed(old), body, [current, old], now)).code).toBe('sensor/bad-signature');
    expect(verifyWebhookSignature(signed(current), body, [current, old], now).secretId).toBe('s2');
  });
});
