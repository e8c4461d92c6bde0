import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Aes256Gcm,
  CipherSuite,
  DecapError,
  DeserializeError,
  DhkemX25519HkdfSha256,
  EncapError,
  HkdfSha256,
  OpenError,
} from '@hpke/core';
import { fromBase64Url, toBase64Url } from './base64url';
import { SecurityError } from './security-error';

// RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256) 0x0020 + HKDF-SHA256 0x0001 + AES-256-GCM 0x0002.
// @hpke/core runs X25519 on WebCrypto, which Node 20 provides.
export const gatewaySuite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes256Gcm(),
});

export const GATEWAY_SUITE_NAME = 'X25519-HKDF-SHA256-AES256GCM';

// RFC 9180 §8.1: info binds the key schedule to the application, so a ciphertext sealed by another
// protocol to the same gateway key never opens as a Faro broadcast.
const SEAL_INFO = new Uint8Array(Buffer.from('faro/broadcast-seal/v1', 'ascii'));
const X25519_KEY_LENGTH = 32;

// Both keys are raw 32 bytes: the public key is RFC 7748's u-coordinate, the private key the
// scalar as RFC 9180 §7.1.2 SerializePrivateKey writes it (what @hpke/core deserializes).
export interface GatewayKeyPair extends GatewayPublicKey {
  privateKey: Uint8Array;
}

// A gateway holds several keys while one is rotated out: kid tells it which one a seal is for.
export interface GatewayPublicKey {
  kid: string;
  publicKey: Uint8Array;
}

export interface SealedBroadcast {
  suite: typeof GATEWAY_SUITE_NAME;
  // The gateway key the broadcast is sealed to (gatewayKeyId of its public key). Not bound by the
  // AEAD: naming another key of the gateway only makes the seal fail to open.
  kid: string;
  enc: string;
  ciphertext: string;
  aad: string;
}

// The first 8 bytes of SHA-256 over the raw public key, in hex: unique per key, derivable by the
// gateway from its own key, and by SQL (migrations/1764600000000-gateway-key-rotation.ts).
export function gatewayKeyId(publicKey: Uint8Array): string {
  assertKeyLength(publicKey, 'public');
  return createHash('sha256').update(publicKey).digest().subarray(0, 8).toString('hex');
}

export async function generateGatewayKeyPair(): Promise<GatewayKeyPair> {
  const pair = await gatewaySuite.kem.generateKeyPair();
  const publicKey = new Uint8Array(await gatewaySuite.kem.serializePublicKey(pair.publicKey));
  return {
    kid: gatewayKeyId(publicKey),
    publicKey,
    privateKey: new Uint8Array(await gatewaySuite.kem.serializePrivateKey(pair.privateKey)),
  };
}

export async function sealForGateway(gatewayKey: GatewayPublicKey, plaintext: Uint8Array, aad: Uint8Array): Promise<SealedBroadcast> {
  if (typeof gatewayKey?.kid !== 'string' || gatewayKey.kid.length === 0) {
    throw new SecurityError('security/invalid-key', 'a gateway key needs a key id the gateway knows it by');
  }
  const { enc, ciphertext } = await hpkeSeal(gatewayKey.publicKey, plaintext, aad, SEAL_INFO);
  return { suite: GATEWAY_SUITE_NAME, kid: gatewayKey.kid, enc: toBase64Url(enc), ciphertext: toBase64Url(ciphertext), aad: toBase64Url(aad) };
}

// The gateway rebuilds the AAD from the identifiers it is asked to broadcast under; a sealed
// broadcast that carries other AAD, or does not authenticate under the expected one, is refused
// with one code so that a caller learns nothing about which check failed.
export async function openAsGateway(
  gatewayPrivateKey: Uint8Array,
  sealed: SealedBroadcast,
  expectedAad: Uint8Array,
): Promise<Uint8Array> {
  assertKeyLength(gatewayPrivateKey, 'private');
  const enc = fromBase64Url(sealed?.enc);
  const ciphertext = fromBase64Url(sealed?.ciphertext);
  const aad = fromBase64Url(sealed?.aad);
  if (sealed?.suite !== GATEWAY_SUITE_NAME || enc?.length !== X25519_KEY_LENGTH || !ciphertext || !aad) {
    throw new SecurityError('security/open-failed', `the sealed broadcast is not a well-formed ${GATEWAY_SUITE_NAME} seal`);
  }
  if (aad.length !== expectedAad.length || !timingSafeEqual(aad, expectedAad)) {
    throw new SecurityError('security/open-failed', 'the sealed broadcast is bound to another broadcast');
  }
  return hpkeOpen(gatewayPrivateKey, enc, ciphertext, expectedAad, SEAL_INFO);
}

export async function hpkeSeal(
  publicKeyRaw: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  info: Uint8Array,
): Promise<{ enc: Uint8Array; ciphertext: Uint8Array }> {
  assertKeyLength(publicKeyRaw, 'public');
  try {
    const recipientPublicKey = await gatewaySuite.kem.deserializePublicKey(publicKeyRaw);
    const sealed = await gatewaySuite.seal({ recipientPublicKey, info }, plaintext, aad);
    return { enc: new Uint8Array(sealed.enc), ciphertext: new Uint8Array(sealed.ct) };
  } catch (cause) {
    // A low-order X25519 point makes the DH output all zero; RFC 9180 §7.1.4 says to abort.
    if (cause instanceof DeserializeError || cause instanceof EncapError) {
      throw new SecurityError('security/invalid-key', 'the gateway public key is not usable for X25519', { cause });
    }
    throw cause;
  }
}

export async function hpkeOpen(
  privateKeyRaw: Uint8Array,
  enc: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
  info: Uint8Array,
): Promise<Uint8Array> {
  assertKeyLength(privateKeyRaw, 'private');
  const recipientKey = await gatewaySuite.kem.deserializePrivateKey(privateKeyRaw).catch((cause: unknown) => {
    throw new SecurityError('security/invalid-key', 'the gateway private key is not an X25519 key', { cause });
  });
  try {
    return new Uint8Array(await gatewaySuite.open({ recipientKey, enc, info }, ciphertext, aad));
  } catch (cause) {
    // DecapError: enc is not a usable X25519 point; OpenError: the AEAD tag does not verify.
    if (cause instanceof DecapError || cause instanceof DeserializeError || cause instanceof OpenError) {
      throw new SecurityError('security/open-failed', 'the sealed broadcast does not open with this gateway key', { cause });
    }
    throw cause;
  }
}

function assertKeyLength(key: Uint8Array, which: 'public' | 'private'): void {
  if (!(key instanceof Uint8Array) || key.length !== X25519_KEY_LENGTH) {
    throw new SecurityError('security/invalid-key', `an X25519 ${which} key is 32 raw bytes, got ${key?.length}`);
  }
}
