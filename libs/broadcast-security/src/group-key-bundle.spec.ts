import { generateGroupKey, generateHandsetKeyPair, openGroupKeyBundle, sealGroupKeyBundle, type GroupKeyBundle } from './group-key-bundle';
import { SecurityError } from './security-error';

describe('group key bundles', () => {
  const issuedAt = new Date('2026-11-25T08:00:00Z');

  async function sealed() {
    const handset = await generateHandsetKeyPair();
    const { key, keyId } = generateGroupKey();
    const bundle = await sealGroupKeyBundle({ handsetId: 'vvf-mi-07', handsetPublicKey: handset.publicKey, groupId: 'vvf-lombardia', keyId, key, issuedAt });
    return { handset, key, keyId, bundle };
  }

  it('opens with the handset private key to the group key it was sealed with', async () => {
    const { handset, key, keyId, bundle } = await sealed();
    expect(bundle).toMatchObject({ v: 1, suite: 'X25519-HKDF-SHA256-AES256GCM', handsetId: 'vvf-mi-07', groupId: 'vvf-lombardia', keyId, issuedAt: issuedAt.toISOString() });
    expect(Buffer.from(await openGroupKeyBundle(bundle, handset.privateKey))).toEqual(Buffer.from(key));
    // The key never appears in the bundle.
    expect(JSON.stringify(bundle)).not.toContain(Buffer.from(key).toString('base64url'));
  });

  it('does not open with another handset key', async () => {
    const { bundle } = await sealed();
    const other = await generateHandsetKeyPair();
    await expect(openGroupKeyBundle(bundle, other.privateKey)).rejects.toMatchObject({ code: 'security/open-failed' });
  });

  it.each<[string, (b: GroupKeyBundle) => GroupKeyBundle]>([
    ['another handset id', (b) => ({ ...b, handsetId: 'vvf-mi-08' })],
    ['another group id', (b) => ({ ...b, groupId: 'vvf-piemonte' })],
    ['another key id', (b) => ({ ...b, keyId: b.keyId === 1 ? 2 : b.keyId - 1 })],
    ['another issue time', (b) => ({ ...b, issuedAt: '2026-11-25T08:00:01.000Z' })],
  ])('refuses a bundle relabelled with %s (the header is the AAD)', async (_what, relabel) => {
    const { handset, bundle } = await sealed();
    await expect(openGroupKeyBundle(relabel(bundle), handset.privateKey)).rejects.toBeInstanceOf(SecurityError);
  });

  it('refuses a bundle with any ciphertext bit flipped', async () => {
    const { handset, bundle } = await sealed();
    const ct = Buffer.from(bundle.ciphertext, 'base64url');
    for (let bit = 0; bit < ct.length * 8; bit += 37) {
      const flipped = Buffer.from(ct);
      flipped[bit >> 3] ^= 1 << (bit & 7);
      await expect(openGroupKeyBundle({ ...bundle, ciphertext: flipped.toString('base64url') }, handset.privateKey)).rejects.toMatchObject({
        code: 'security/open-failed',
      });
    }
  });

  it('refuses to seal a key of the wrong length or a key id of 0', async () => {
    const handset = await generateHandsetKeyPair();
    const base = { handsetId: 'h1', handsetPublicKey: handset.publicKey, groupId: 'g1', issuedAt };
    await expect(sealGroupKeyBundle({ ...base, keyId: 5, key: new Uint8Array(16) })).rejects.toMatchObject({ code: 'security/invalid-input' });
    await expect(sealGroupKeyBundle({ ...base, keyId: 0, key: new Uint8Array(32) })).rejects.toMatchObject({ code: 'security/invalid-input' });
  });

  it('draws key ids in 1..2^32-1', () => {
    for (let i = 0; i < 200; i++) {
      const { keyId, key } = generateGroupKey();
      expect(keyId).toBeGreaterThanOrEqual(1);
      expect(keyId).toBeLessThanOrEqual(0xffffffff);
      expect(key).toHaveLength(32);
    }
  });
});
