import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';

// The handset's side of docs/broadcast-format.md, "Group key bundles": RFC 9180 base mode,
// DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, info "faro/group-key-bundle/v1", AAD the
// JSON array [v, suite, handsetId, groupId, keyId, issuedAt]. Written from the document with
// @hpke/core, not with Faro's sealing code, so that the two sides cannot share a mistake.

export interface HandsetIdentity {
  id: string;
  // Raw 32-octet X25519 private key (RFC 9180 §7.1.2 SerializePrivateKey).
  privateKey: Uint8Array;
}

export interface OpenedKeyBundle {
  ok: true;
  groupId: string;
  keyId: number;
  key: Uint8Array;
  issuedAt: string;
}

export interface RefusedKeyBundle {
  ok: false;
  reason: 'malformed-bundle' | 'not-for-this-handset' | 'undecryptable-bundle';
  detail: string;
}

const SUITE = 'X25519-HKDF-SHA256-AES256GCM';
const INFO = new TextEncoder().encode('faro/group-key-bundle/v1');
const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

const refuse = (reason: RefusedKeyBundle['reason'], detail: string): RefusedKeyBundle => ({ ok: false, reason, detail });

export async function openKeyBundle(bundle: unknown, handset: HandsetIdentity): Promise<OpenedKeyBundle | RefusedKeyBundle> {
  const b = bundle as Record<string, unknown> | null;
  if (!b || typeof b !== 'object') return refuse('malformed-bundle', 'a bundle is a JSON object');
  if (b.v !== 1 || b.suite !== SUITE) return refuse('malformed-bundle', `not a version 1 ${SUITE} bundle`);
  const { handsetId, groupId, keyId, issuedAt } = b;
  if (typeof handsetId !== 'string' || typeof groupId !== 'string' || typeof issuedAt !== 'string') {
    return refuse('malformed-bundle', 'handsetId, groupId and issuedAt must be strings');
  }
  if (typeof keyId !== 'number' || !Number.isInteger(keyId) || keyId < 1 || keyId > 0xffffffff) {
    return refuse('malformed-bundle', 'keyId must be an integer in 1..4294967295');
  }
  const enc = base64url(b.enc);
  const ciphertext = base64url(b.ciphertext);
  if (!enc || enc.length !== 32 || !ciphertext || ciphertext.length !== 48) return refuse('malformed-bundle', 'enc must be 32 octets and ciphertext 48, base64url');
  if (handsetId !== handset.id) return refuse('not-for-this-handset', `the bundle is sealed to handset ${handsetId}, not ${handset.id}`);

  const aad = new TextEncoder().encode(JSON.stringify([1, SUITE, handsetId, groupId, keyId, issuedAt]));
  try {
    const recipientKey = await suite.kem.deserializePrivateKey(handset.privateKey);
    const key = new Uint8Array(await suite.open({ recipientKey, enc, info: INFO }, ciphertext, aad));
    return { ok: true, groupId, keyId, key, issuedAt };
  } catch {
    return refuse('undecryptable-bundle', `the bundle for group ${groupId}, key ${keyId} does not open with this handset's private key`);
  }
}

function base64url(v: unknown): Uint8Array | null {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]*$/.test(v)) return null;
  const bytes = Buffer.from(v, 'base64url');
  return bytes.toString('base64url') === v ? new Uint8Array(bytes) : null;
}
