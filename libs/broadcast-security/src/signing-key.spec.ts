import { createPrivateKey, createPublicKey } from 'node:crypto';
import { RFC8032_ED25519_VECTORS } from './rfc8032-ed25519-vectors';
import { SecurityError } from './security-error';
import { generateSigningKey, keyIdHex, signingJwk } from './signing-key';

describe('signing keys', () => {
  it('generates a non-zero uint32 key id, a raw 32-byte public key and a PKCS#8 private key', () => {
    const key = generateSigningKey();
    expect(Number.isInteger(key.keyId)).toBe(true);
    expect(key.keyId).toBeGreaterThan(0);
    expect(key.keyId).toBeLessThanOrEqual(0xffffffff);
    expect(key.publicKey).toHaveLength(32);
    const derived = createPublicKey(createPrivateKey({ key: Buffer.from(key.privateKey), format: 'der', type: 'pkcs8' }));
    expect(derived.asymmetricKeyType).toBe('ed25519');
    expect(Buffer.from(derived.export({ format: 'jwk' }).x!, 'base64url')).toEqual(Buffer.from(key.publicKey));
  });

  it('writes a key id as eight lower-case hex digits', () => {
    expect(keyIdHex(42)).toBe('0000002a');
    expect(keyIdHex(0xdeadbeef)).toBe('deadbeef');
    expect(keyIdHex(1)).toBe('00000001');
  });

  it.each([0, -1, 0x100000000, 1.5, Number.NaN])('refuses %p as a key id', (keyId) => {
    const call = () => keyIdHex(keyId);
    expect(call).toThrow(SecurityError);
    expect(call).toThrow(expect.objectContaining({ code: 'security/invalid-key', message: `a key id is a non-zero uint32, got ${keyId}` }));
  });

  // RFC 8037 Appendix A.2 publishes this x for RFC 8032 TEST 1's public key.
  it('publishes the public key as an RFC 8037 OKP JWK', () => {
    const publicKey = Buffer.from(RFC8032_ED25519_VECTORS[0].publicKey, 'hex');
    expect(signingJwk(42, publicKey)).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
      kid: '0000002a',
      use: 'sig',
      alg: 'EdDSA',
    });
  });

  it('publishes a JWK that node:crypto imports as the same key after a trip through JSON', () => {
    const key = generateSigningKey();
    const published = JSON.parse(JSON.stringify(signingJwk(key.keyId, key.publicKey)));
    const imported = createPublicKey({ key: published, format: 'jwk' });
    expect(imported.asymmetricKeyType).toBe('ed25519');
    expect(new Uint8Array(imported.export({ format: 'der', type: 'spki' }).subarray(12))).toEqual(key.publicKey);
  });

  it('refuses to publish a public key that is not 32 bytes', () => {
    expect(() => signingJwk(1, new Uint8Array(33))).toThrow(
      expect.objectContaining({ code: 'security/invalid-key', message: 'an Ed25519 public key is 32 bytes, got 33' }),
    );
  });
});
