import { createECDH, randomBytes } from 'node:crypto';
import { checkPushSubscription } from './push-subscription';

const p256dh = () => {
  const e = createECDH('prime256v1');
  e.generateKeys();
  return e.getPublicKey().toString('base64url');
};
const auth = randomBytes(16).toString('base64url');
const strict = { allowHttpLoopback: false };

describe('push subscription check', () => {
  it('accepts an https endpoint with a P-256 key and a 16-octet secret', () => {
    const s = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', p256dh: p256dh(), auth };
    expect(checkPushSubscription(s, strict)).toEqual(s);
  });

  it('refuses plain http unless loopback http is allowed, and then only to the loopback', () => {
    const s = { endpoint: 'http://127.0.0.1:8080/push/1', p256dh: p256dh(), auth };
    expect(() => checkPushSubscription(s, strict)).toThrow(expect.objectContaining({ code: 'push/invalid-subscription', pointer: '/endpoint' }));
    expect(checkPushSubscription(s, { allowHttpLoopback: true }).endpoint).toBe(s.endpoint);
    expect(() => checkPushSubscription({ ...s, endpoint: 'http://10.0.0.5/push' }, { allowHttpLoopback: true })).toThrow(/https/);
  });

  it('refuses a key that is not a point on P-256', () => {
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url');
    expect(() => checkPushSubscription({ endpoint: 'https://push.example/x', p256dh: notOnCurve, auth }, strict)).toThrow(expect.objectContaining({ code: 'push/invalid-subscription', message: 'keys.p256dh: not a point on P-256' }));
  });

  it('refuses a compressed key and a secret of the wrong length', () => {
    const compressed = Buffer.concat([Buffer.from([2]), randomBytes(32)]).toString('base64url');
    expect(() => checkPushSubscription({ endpoint: 'https://push.example/x', p256dh: compressed, auth }, strict)).toThrow(/uncompressed P-256 point/);
    expect(() => checkPushSubscription({ endpoint: 'https://push.example/x', p256dh: p256dh(), auth: randomBytes(8).toString('base64url') }, strict)).toThrow(expect.objectContaining({ pointer: '/keys/auth' }));
  });
});
