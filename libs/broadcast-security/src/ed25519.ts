import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { SecurityError } from './security-error';

// RFC 8410 §7: an Ed25519 PKCS#8 OneAsymmetricKey is this fixed prefix followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// RFC 8410 §4: a SubjectPublicKeyInfo for Ed25519 is this fixed prefix followed by the raw 32-byte key.
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const ED25519_PUBLIC_KEY_LENGTH = 32;
export const ED25519_SIGNATURE_LENGTH = 64;

export function signEd25519(privateKeyPkcs8: Uint8Array, payload: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, payload, importPrivateKey(privateKeyPkcs8)));
}

// A signature of the wrong length is a forgery like any other (false); a public key that is not a
// 32-byte Ed25519 key is a configuration error and throws.
export function verifyEd25519(publicKeyRaw: Uint8Array, payload: Uint8Array, signature: Uint8Array): boolean {
  const key = importPublicKey(publicKeyRaw);
  if (signature.length !== ED25519_SIGNATURE_LENGTH) return false;
  return verify(null, payload, key, signature);
}

// RFC 8032 publishes keys as 32-byte seeds; a KMS or an HSM export may too.
export function ed25519Pkcs8FromSeed(seed: Uint8Array): Uint8Array {
  if (seed.length !== 32) {
    throw new SecurityError('security/invalid-key', `an Ed25519 seed is 32 bytes, got ${seed.length}`);
  }
  return new Uint8Array(Buffer.concat([PKCS8_ED25519_PREFIX, seed]));
}

// The public half a PKCS#8 private key derives: a store can then prove its recorded public key is
// the one its (wrapped) private key stands for.
export function ed25519PublicKeyOf(privateKeyPkcs8: Uint8Array): Uint8Array {
  return ed25519PublicKeyRaw(createPublicKey(importPrivateKey(privateKeyPkcs8)));
}

export function ed25519PublicKeyRaw(key: KeyObject): Uint8Array {
  const spki = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_ED25519_PREFIX.length));
}

function importPrivateKey(pkcs8: Uint8Array): KeyObject {
  const der = Buffer.from(pkcs8);
  try {
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // Reported below without OpenSSL's text, which may quote the key.
  } finally {
    der.fill(0);
  }
  throw new SecurityError('security/invalid-key', 'the signing key is not an Ed25519 PKCS#8 private key');
}

function importPublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_PUBLIC_KEY_LENGTH) {
    throw new SecurityError('security/invalid-key', `an Ed25519 public key is 32 bytes, got ${raw.length}`);
  }
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new SecurityError('security/invalid-key', 'the public key is not a valid Ed25519 key', { cause });
  }
}
