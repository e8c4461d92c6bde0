import { ed25519Pkcs8FromSeed, ed25519PublicKeyOf, signEd25519, verifyEd25519 } from './ed25519';
import { RFC8032_ED25519_VECTORS } from './rfc8032-ed25519-vectors';
import { SecurityError } from './security-error';
import { generateSigningKey } from './signing-key';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('Ed25519', () => {
  describe.each(RFC8032_ED25519_VECTORS)('RFC 8032 §7.1 $name', (vector) => {
    it('signs the message to the published signature', () => {
      const signature = signEd25519(ed25519Pkcs8FromSeed(hex(vector.secretKey)), hex(vector.message));
      expect(toHex(signature)).toBe(vector.signature);
    });

    it('verifies the published signature with the published public key', () => {
      expect(verifyEd25519(hex(vector.publicKey), hex(vector.message), hex(vector.signature))).toBe(true);
    });

    it('derives the published public key from the private key', () => {
      expect(toHex(ed25519PublicKeyOf(ed25519Pkcs8FromSeed(hex(vector.secretKey))))).toBe(vector.publicKey);
    });
  });

  it('verifies what it signed with a generated key', () => {
    const key = generateSigningKey();
    const payload = new TextEncoder().encode('Allerta rossa: evacuare la zona costiera');
    const signature = signEd25519(key.privateKey, payload);
    expect(signature).toHaveLength(64);
    expect(verifyEd25519(key.publicKey, payload, signature)).toBe(true);
  });

  it('refuses a signature with one bit flipped', () => {
    const key = generateSigningKey();
    const payload = new TextEncoder().encode('payload');
    const signature = signEd25519(key.privateKey, payload);
    for (const bit of [0, 255, 511]) {
      const flipped = signature.slice();
      flipped[bit >> 3] ^= 1 << (bit & 7);
      expect(verifyEd25519(key.publicKey, payload, flipped)).toBe(false);
    }
  });

  it('refuses a payload with one bit flipped', () => {
    const key = generateSigningKey();
    const payload = new TextEncoder().encode('payload');
    const signature = signEd25519(key.privateKey, payload);
    payload[3] ^= 0x01;
    expect(verifyEd25519(key.publicKey, payload, signature)).toBe(false);
  });

  it('refuses a signature made by another key', () => {
    const payload = new TextEncoder().encode('payload');
    const signature = signEd25519(generateSigningKey().privateKey, payload);
    expect(verifyEd25519(generateSigningKey().publicKey, payload, signature)).toBe(false);
  });

  it('refuses a truncated signature without throwing', () => {
    const key = generateSigningKey();
    const payload = new Uint8Array([1, 2, 3]);
    const signature = signEd25519(key.privateKey, payload);
    expect(verifyEd25519(key.publicKey, payload, signature.subarray(0, 63))).toBe(false);
  });

  it('throws invalid-key for a public key that is not 32 bytes', () => {
    const call = () => verifyEd25519(new Uint8Array(31), new Uint8Array(), new Uint8Array(64));
    expect(call).toThrow(SecurityError);
    expect(call).toThrow(expect.objectContaining({ code: 'security/invalid-key', message: 'an Ed25519 public key is 32 bytes, got 31' }));
  });

  it('throws invalid-key for a private key that is not Ed25519 PKCS#8', () => {
    const call = () => signEd25519(new Uint8Array(48), new Uint8Array([1]));
    expect(call).toThrow(
      expect.objectContaining({ code: 'security/invalid-key', message: 'the signing key is not an Ed25519 PKCS#8 private key' }),
    );
  });

  it('throws invalid-key when deriving the public half of something that is not an Ed25519 private key', () => {
    expect(() => ed25519PublicKeyOf(new Uint8Array(48))).toThrow(expect.objectContaining({ code: 'security/invalid-key' }));
  });
});
