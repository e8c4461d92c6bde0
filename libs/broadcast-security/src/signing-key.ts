import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { toBase64Url } from './base64url';
import { ED25519_PUBLIC_KEY_LENGTH, ed25519PublicKeyRaw } from './ed25519';
import { SecurityError } from './security-error';

export interface SigningKeyMaterial {
  keyId: number;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export interface SigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

export function generateSigningKey(): SigningKeyMaterial {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    keyId: randomKeyId(),
    publicKey: ed25519PublicKeyRaw(publicKey),
    privateKey: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
  };
}

export function keyIdHex(keyId: number): string {
  assertKeyId(keyId);
  return keyId.toString(16).padStart(8, '0');
}

// RFC 8037 §2: an Ed25519 public JWK carries the raw key, base64url without padding, in x.
export function signingJwk(keyId: number, publicKeyRaw: Uint8Array): SigningJwk {
  if (publicKeyRaw.length !== ED25519_PUBLIC_KEY_LENGTH) {
    throw new SecurityError('security/invalid-key', `an Ed25519 public key is 32 bytes, got ${publicKeyRaw.length}`);
  }
  return { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(publicKeyRaw), kid: keyIdHex(keyId), use: 'sig', alg: 'EdDSA' };
}

// 0 is never issued so that a zeroed key id field reads as "no key", not as a key.
function randomKeyId(): number {
  let keyId = 0;
  while (keyId === 0) keyId = randomBytes(4).readUInt32BE(0);
  return keyId;
}

function assertKeyId(keyId: number): void {
  if (!Number.isInteger(keyId) || keyId < 1 || keyId > 0xffffffff) {
    throw new SecurityError('security/invalid-key', `a key id is a non-zero uint32, got ${keyId}`);
  }
}
