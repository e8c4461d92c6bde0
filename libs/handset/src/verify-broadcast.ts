import { decodeBroadcastPages } from '@faro/cell-broadcast';
import type { ReplayMemory } from './replay-memory';
import { acceptOnce, describe, verifySignedPages, type BroadcastJwks, type RefusedBroadcast } from './signed-pages';

export interface VerifyBroadcastInput {
  // 88 octets each, in any order.
  pages: Uint8Array[];
  jwks: BroadcastJwks;
  now: Date;
  maxAgeSeconds?: number;
  // Its maxAgeSeconds must be at least this maxAgeSeconds, or it forgets broadcasts still fresh.
  seen?: ReplayMemory;
}

export interface VerifiedBroadcast {
  ok: true;
  messageIdentifier: number;
  serialNumber: number;
  updateNumber: number;
  messageCode: number;
  dcs: number;
  language: string | null;
  text: string;
  // The JWK kid: the key id in 8 lower-case hex digits.
  keyId: string;
  issueTime: Date;
}

export type BroadcastVerification = VerifiedBroadcast | RefusedBroadcast;

// The handset's side of docs/broadcast-format.md: collect the pages of one CBS message, check the
// FS1 signature against a published JWKS with a generic Ed25519 verifier, then freshness, then the
// text, then replay. Nothing is remembered unless the broadcast is accepted.
export function verifyBroadcast(input: VerifyBroadcastInput): BroadcastVerification {
  const signed = verifySignedPages(input);
  if (!signed.ok) return signed;
  const { first } = signed;

  let decoded;
  try {
    decoded = decodeBroadcastPages(first.dcs, signed.textPages);
  } catch (e) {
    return { ok: false, reason: 'malformed', detail: `text: ${describe(e)}` };
  }

  const once = acceptOnce(signed, input.seen, input.now);
  if (!once.ok) return once;

  return {
    ok: true,
    messageIdentifier: first.messageIdentifier,
    serialNumber: first.serialNumber,
    updateNumber: once.updateNumber,
    messageCode: once.messageCode,
    dcs: first.dcs,
    language: decoded.language,
    text: decoded.text,
    keyId: signed.kid,
    issueTime: new Date(signed.issueTime * 1000),
  };
}
