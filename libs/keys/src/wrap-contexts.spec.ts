import { gatewayKeyContext, signingKeyContext, wrapContextOf } from './wrap-contexts';

// Stored secrets are bound to these strings: one that changed would leave every row unopenable.
describe('wrap contexts', () => {
  it('names a signing key by its id in eight hex digits', () => {
    expect(signingKeyContext(42)).toBe('signing-key:0000002a');
  });

  it("keeps a gateway key made before rotation under the gateway's name alone", () => {
    expect(gatewayKeyContext({ gatewayId: 'sat-1', kid: 'aa11', legacyContext: true })).toBe('gateway-key:sat-1');
    expect(gatewayKeyContext({ gatewayId: 'sat-1', kid: 'aa11' })).toBe('gateway-key:sat-1:aa11');
  });

  it('names every other kind of secret as the stores always have', () => {
    expect(wrapContextOf({ kind: 'sensorSecrets', secretId: 's1', sensorId: 'sensor-1' })).toBe('sensor-secret:sensor-1');
    expect(wrapContextOf({ kind: 'totpSecrets', userId: 'u1' })).toBe('totp:u1');
    expect(wrapContextOf({ kind: 'groupKeys', keyId: 7 })).toBe('group-key:7');
    expect(wrapContextOf({ kind: 'vapidKeys', id: 1 })).toBe('vapid-key');
  });
});
