import { randomBytes } from 'node:crypto';
import { fromBase64Url, toBase64Url } from './base64url';
import { GATEWAY_SUITE_NAME, gatewaySuite, hpkeOpen, hpkeSeal } from './gateway-seal';
import { GROUP_KEY_OCTETS } from './group-message';
import { SecurityError } from './security-error';

// A group content key on its way to one member handset: RFC 9180 base mode with the suite the
// gateways use (DHKEM X25519 / HKDF-SHA256 / AES-256-GCM), sealed to the handset's X25519 key.
// The header is the AAD, so a bundle re-labelled for another handset, group or key id does not
// open. docs/broadcast-format.md, "Group key bundles".
export const GROUP_KEY_BUNDLE_VERSION = 1;
const BUNDLE_INFO = new Uint8Array(Buffer.from('faro/group-key-bundle/v1', 'ascii'));

export interface GroupKeyBundle {
  v: typeof GROUP_KEY_BUNDLE_VERSION;
  suite: typeof GATEWAY_SUITE_NAME;
  handsetId: string;
  groupId: string;
  keyId: number;
  issuedAt: string; // ISO 8601
  enc: string; // base64url, 32 octets
  ciphertext: string; // base64url, 32 + 16 octets
}

export type GroupKeyBundleHeader = Pick<GroupKeyBundle, 'v' | 'suite' | 'handsetId' | 'groupId' | 'keyId' | 'issuedAt'>;

export interface HandsetKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

// AAD: the header fields as a JSON array in this order, UTF-8. A JSON array, not an object, so
// that every implementation serialises it the same way.
export function groupKeyBundleAad(h: GroupKeyBundleHeader): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify([h.v, h.suite, h.handsetId, h.groupId, h.keyId, h.issuedAt]), 'utf8'));
}

export async function generateHandsetKeyPair(): Promise<HandsetKeyPair> {
  const pair = await gatewaySuite.kem.generateKeyPair();
  return {
    publicKey: new Uint8Array(await gatewaySuite.kem.serializePublicKey(pair.publicKey)),
    privateKey: new Uint8Array(await gatewaySuite.kem.serializePrivateKey(pair.privateKey)),
  };
}

export async function sealGroupKeyBundle(input: {
  handsetId: string;
  handsetPublicKey: Uint8Array;
  groupId: string;
  keyId: number;
  key: Uint8Array;
  issuedAt: Date;
}): Promise<GroupKeyBundle> {
  if (!(input.key instanceof Uint8Array) || input.key.length !== GROUP_KEY_OCTETS) {
    throw new SecurityError('security/invalid-input', `a group key is ${GROUP_KEY_OCTETS} octets`);
  }
  if (!Number.isInteger(input.keyId) || input.keyId < 1 || input.keyId > 0xffffffff) {
    throw new SecurityError('security/invalid-input', `a group key id is an integer in 1..4294967295, got ${input.keyId}`);
  }
  const header: GroupKeyBundleHeader = {
    v: GROUP_KEY_BUNDLE_VERSION,
    suite: GATEWAY_SUITE_NAME,
    handsetId: input.handsetId,
    groupId: input.groupId,
    keyId: input.keyId,
    issuedAt: input.issuedAt.toISOString(),
  };
  const { enc, ciphertext } = await hpkeSeal(input.handsetPublicKey, input.key, groupKeyBundleAad(header), BUNDLE_INFO);
  return { ...header, enc: toBase64Url(enc), ciphertext: toBase64Url(ciphertext) };
}

// Faro's own check of what it sealed (tests); a handset uses @faro/handset's openKeyBundle.
export async function openGroupKeyBundle(bundle: GroupKeyBundle, handsetPrivateKey: Uint8Array): Promise<Uint8Array> {
  const enc = fromBase64Url(bundle?.enc);
  const ciphertext = fromBase64Url(bundle?.ciphertext);
  if (bundle?.v !== GROUP_KEY_BUNDLE_VERSION || bundle.suite !== GATEWAY_SUITE_NAME || !enc || !ciphertext) {
    throw new SecurityError('security/open-failed', 'not a version 1 group key bundle');
  }
  const key = await hpkeOpen(handsetPrivateKey, enc, ciphertext, groupKeyBundleAad(bundle), BUNDLE_INFO);
  if (key.length !== GROUP_KEY_OCTETS) throw new SecurityError('security/open-failed', 'the bundle does not hold a 32-octet key');
  return key;
}

export function generateGroupKey(): { key: Uint8Array; keyId: number } {
  // 1..2^32-1: zero is never a key id.
  return { key: new Uint8Array(randomBytes(GROUP_KEY_OCTETS)), keyId: (randomBytes(4).readUInt32BE(0) % 0xffffffff) + 1 };
}
