import { broadcastAad } from './broadcast-aad';
import { createHash } from 'node:crypto';
import {
  gatewayKeyId,
  gatewaySuite,
  generateGatewayKeyPair,
  hpkeOpen,
  openAsGateway,
  sealForGateway,
  type GatewayKeyPair,
  type SealedBroadcast,
} from './gateway-seal';
import { RFC9180_X25519_SHA256_AES256GCM_BASE as VECTOR } from './rfc9180-x25519-aes256gcm-vector';
import { SecurityError } from './security-error';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const toHex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes as Uint8Array).toString('hex');

function tamper(sealed: SealedBroadcast, field: 'enc' | 'ciphertext', index: number): SealedBroadcast {
  const bytes = Buffer.from(sealed[field], 'base64url');
  bytes[index < 0 ? bytes.length + index : index] ^= 0x80;
  return { ...sealed, [field]: bytes.toString('base64url') };
}

describe('sealing a broadcast to a gateway', () => {
  const plaintext = new TextEncoder().encode('{"alertId":"it-2026-0001","pages":[]}');
  const aad = broadcastAad({ alertId: 'it-2026-0001', messageIdentifier: 0x1112, serialNumber: 0x3001 });
  let gateway: GatewayKeyPair;

  beforeAll(async () => {
    gateway = await generateGatewayKeyPair();
  });

  it('generates raw 32-byte X25519 keys', () => {
    expect(gateway.publicKey).toHaveLength(32);
    expect(gateway.privateKey).toHaveLength(32);
  });

  it('names a generated key by the first 8 bytes of SHA-256 over its public key', () => {
    const digest = createHash('sha256').update(gateway.publicKey).digest('hex');
    expect(gateway.kid).toBe(digest.slice(0, 16));
    expect(gatewayKeyId(gateway.publicKey)).toBe(gateway.kid);
  });

  it('names the gateway key a broadcast is sealed to', async () => {
    const sealed = await sealForGateway(gateway, plaintext, aad);
    expect(sealed.kid).toBe(gateway.kid);
    const next = await generateGatewayKeyPair();
    expect((await sealForGateway(next, plaintext, aad)).kid).toBe(next.kid);
    expect(next.kid).not.toBe(gateway.kid);
  });

  it('refuses to seal to a key given without a key id', async () => {
    await expect(sealForGateway({ kid: '', publicKey: gateway.publicKey }, plaintext, aad)).rejects.toMatchObject({
      code: 'security/invalid-key',
      message: 'a gateway key needs a key id the gateway knows it by',
    });
  });

  it('opens what was sealed to the gateway, with the same AAD', async () => {
    const sealed = await sealForGateway(gateway, plaintext, aad);
    expect(await openAsGateway(gateway.privateKey, sealed, aad)).toEqual(plaintext);
  });

  it('produces a JSON-serialisable seal that survives a job queue', async () => {
    const sealed = await sealForGateway(gateway, plaintext, aad);
    expect(sealed).toEqual({
      suite: 'X25519-HKDF-SHA256-AES256GCM',
      kid: gateway.kid,
      enc: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      ciphertext: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      aad: Buffer.from(aad).toString('base64url'),
    });
    // AES-256-GCM adds a 16-byte tag to the plaintext.
    expect(Buffer.from(sealed.ciphertext, 'base64url')).toHaveLength(plaintext.length + 16);
    const roundTripped = JSON.parse(JSON.stringify(sealed)) as SealedBroadcast;
    expect(await openAsGateway(gateway.privateKey, roundTripped, aad)).toEqual(plaintext);
  });

  it('seals the same plaintext differently each time', async () => {
    const first = await sealForGateway(gateway, plaintext, aad);
    const second = await sealForGateway(gateway, plaintext, aad);
    expect(first.enc).not.toBe(second.enc);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('refuses to open for another broadcast even when the seal names that broadcast', async () => {
    const sealed = await sealForGateway(gateway, plaintext, aad);
    const otherAad = broadcastAad({ alertId: 'it-2026-0001', messageIdentifier: 0x1112, serialNumber: 0x3002 });
    await expect(openAsGateway(gateway.privateKey, sealed, otherAad)).rejects.toMatchObject({
      code: 'security/open-failed',
      message: 'the sealed broadcast is bound to another broadcast',
    });
    const relabelled = { ...sealed, aad: Buffer.from(otherAad).toString('base64url') };
    await expect(openAsGateway(gateway.privateKey, relabelled, otherAad)).rejects.toMatchObject({
      code: 'security/open-failed',
      message: 'the sealed broadcast does not open with this gateway key',
    });
  });

  it.each([
    ['the first ciphertext byte', 'ciphertext', 0],
    ['the last tag byte', 'ciphertext', -1],
    ['the encapsulated key', 'enc', 5],
  ] as const)('refuses a seal with %s changed', async (_what, field, index) => {
    const sealed = await sealForGateway(gateway, plaintext, aad);
    const opening = openAsGateway(gateway.privateKey, tamper(sealed, field, index), aad);
    await expect(opening).rejects.toBeInstanceOf(SecurityError);
    await expect(openAsGateway(gateway.privateKey, tamper(sealed, field, index), aad)).rejects.toMatchObject({
      code: 'security/open-failed',
      message: 'the sealed broadcast does not open with this gateway key',
    });
  });

  it('refuses to open with another gateway private key', async () => {
    const sealed = await sealForGateway(gateway, plaintext, aad);
    const other = await generateGatewayKeyPair();
    await expect(openAsGateway(other.privateKey, sealed, aad)).rejects.toMatchObject({
      code: 'security/open-failed',
      message: 'the sealed broadcast does not open with this gateway key',
    });
  });

  it.each([
    ['another suite', { suite: 'P256-HKDF-SHA256-AES128GCM' }],
    ['an enc of the wrong length', { enc: 'AAAA' }],
    ['a non-canonical base64url field', { ciphertext: 'not base64url!' }],
  ])('refuses a malformed seal with %s', async (_what, change) => {
    const sealed = await sealForGateway(gateway, plaintext, aad);
    await expect(openAsGateway(gateway.privateKey, { ...sealed, ...change } as SealedBroadcast, aad)).rejects.toMatchObject({
      code: 'security/open-failed',
      message: 'the sealed broadcast is not a well-formed X25519-HKDF-SHA256-AES256GCM seal',
    });
  });

  it('refuses a gateway key that is not 32 raw bytes', async () => {
    await expect(sealForGateway({ kid: 'k', publicKey: new Uint8Array(65) }, plaintext, aad)).rejects.toMatchObject({
      code: 'security/invalid-key',
      message: 'an X25519 public key is 32 raw bytes, got 65',
    });
    const sealed = await sealForGateway(gateway, plaintext, aad);
    await expect(openAsGateway(new Uint8Array(31), sealed, aad)).rejects.toMatchObject({
      code: 'security/invalid-key',
      message: 'an X25519 private key is 32 raw bytes, got 31',
    });
  });

  it('refuses to seal to a low-order public key', async () => {
    // RFC 7748 §6.1: the all-zero u-coordinate gives an all-zero shared secret.
    await expect(sealForGateway({ kid: 'k', publicKey: new Uint8Array(32) }, plaintext, aad)).rejects.toMatchObject({
      code: 'security/invalid-key',
      message: 'the gateway public key is not usable for X25519',
    });
  });
});

describe('RFC 9180 test vector, base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM', () => {
  it('is the suite the gateway seal uses', () => {
    expect(gatewaySuite.kem.id).toBe(VECTOR.kemId);
    expect(gatewaySuite.kdf.id).toBe(VECTOR.kdfId);
    expect(gatewaySuite.aead.id).toBe(VECTOR.aeadId);
  });

  it('derives the recipient and ephemeral key pairs from ikmR and ikmE', async () => {
    const recipient = await gatewaySuite.kem.deriveKeyPair(hex(VECTOR.ikmR));
    expect(toHex(await gatewaySuite.kem.serializePrivateKey(recipient.privateKey))).toBe(VECTOR.skRm);
    expect(toHex(await gatewaySuite.kem.serializePublicKey(recipient.publicKey))).toBe(VECTOR.pkRm);
    const ephemeral = await gatewaySuite.kem.deriveKeyPair(hex(VECTOR.ikmE));
    expect(toHex(await gatewaySuite.kem.serializePrivateKey(ephemeral.privateKey))).toBe(VECTOR.skEm);
    expect(toHex(await gatewaySuite.kem.serializePublicKey(ephemeral.publicKey))).toBe(VECTOR.pkEm);
  });

  it('seals the published encryptions from the ephemeral key derived from ikmE', async () => {
    const sender = await gatewaySuite.createSenderContext({
      recipientPublicKey: await gatewaySuite.kem.deserializePublicKey(hex(VECTOR.pkRm)),
      info: hex(VECTOR.info),
      ekm: hex(VECTOR.ikmE),
    });
    expect(toHex(sender.enc)).toBe(VECTOR.enc);
    for (const encryption of VECTOR.encryptions) {
      expect(toHex(await sender.seal(hex(encryption.plaintext), hex(encryption.aad)))).toBe(encryption.ciphertext);
    }
  });

  it('opens the published encryptions in sequence with skRm', async () => {
    const recipient = await gatewaySuite.createRecipientContext({
      recipientKey: await gatewaySuite.kem.deserializePrivateKey(hex(VECTOR.skRm)),
      enc: hex(VECTOR.enc),
      info: hex(VECTOR.info),
    });
    for (const encryption of VECTOR.encryptions) {
      expect(toHex(await recipient.open(hex(encryption.ciphertext), hex(encryption.aad)))).toBe(encryption.plaintext);
    }
  });

  it('opens the first published encryption through the path openAsGateway takes', async () => {
    const [first] = VECTOR.encryptions;
    const opened = await hpkeOpen(hex(VECTOR.skRm), hex(VECTOR.enc), hex(first.ciphertext), hex(first.aad), hex(VECTOR.info));
    expect(toHex(opened)).toBe(first.plaintext);
  });
});
