import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import {
  CellBroadcastError,
  decodeSerialNumber,
  MAX_PAGES_PER_MESSAGE,
  PAGE_OCTETS,
  parsePage,
  parseSignaturePageContent,
  signedPayload,
  type ParsedPage,
} from '@faro/cell-broadcast';
import type { ReplayMemory } from './replay-memory';

// The steps every broadcast passes on a handset, public or group (docs/broadcast-format.md,
// "Verifying a broadcast on a handset", steps 1–5 and 7): one copy, so the two verifiers cannot
// drift apart on what makes a signature good.

export interface BroadcastJwk {
  kty: string;
  crv?: string;
  x?: string;
  kid?: string;
}

export interface BroadcastJwks {
  keys: BroadcastJwk[];
}

export type BroadcastRefusalReason =
  | 'malformed'
  | 'unsigned'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'from-the-future'
  | 'replay'
  // A public alert whose FS2 companion has not arrived yet, within the companion wait.
  | 'awaiting-companion';

export interface RefusedBroadcast {
  ok: false;
  reason: BroadcastRefusalReason;
  detail: string;
  // 'unsigned' and 'awaiting-companion': what the alert says, not verified. A phone still shows a
  // public warning it cannot verify, marked so (docs/broadcast-format.md).
  unverified?: UnverifiedAlert;
}

export interface UnverifiedAlert {
  messageIdentifier: number;
  serialNumber: number;
  language: string | null;
  text: string;
}

export const DEFAULT_MAX_AGE_SECONDS = 24 * 60 * 60;
// A network airs a companion with its alert; this long after the alert's last page it is unsigned.
export const DEFAULT_COMPANION_WAIT_SECONDS = 30;
// A handset clock a few minutes fast or slow is normal; more than this ahead is not our signer.
export const MAX_CLOCK_SKEW_SECONDS = 300;
// docs/broadcast-format.md, "The FS1 signature page": content starts with "FS1" in ASCII.
const FS1_MAGIC = [0x46, 0x53, 0x31];

export const refuse = (reason: BroadcastRefusalReason, detail: string): RefusedBroadcast => ({ ok: false, reason, detail });

export interface SignedPagesInput {
  // 88 octets each, in any order.
  pages: Uint8Array[];
  jwks: BroadcastJwks;
  now: Date;
  maxAgeSeconds?: number;
}

// A broadcast whose signature verified and whose issue time is fresh; its text not read yet.
export interface SignedPages {
  ok: true;
  first: ParsedPage;
  // The contents of the text pages, as signed (a group message's 1..n − 1, a public one's 1..n).
  textPages: Uint8Array[];
  keyId: number;
  // The JWK kid: the key id in 8 lower-case hex digits.
  kid: string;
  // Seconds since the epoch, as in the FS1 page.
  issueTime: number;
}

// Steps 1–5: collect the pages, read the FS1 page, find the key, verify the signature with a
// generic Ed25519 verifier (node:crypto), check freshness.
export function verifySignedPages(input: SignedPagesInput): SignedPages | RefusedBroadcast {
  const collected = collectPages(input.pages);
  if (!collected.ok) return collected;
  const { pages } = collected;
  const first = pages[0];
  const last = pages[pages.length - 1];

  if (pages.length < 2) return refuse('unsigned', 'a single page leaves no room for text and an FS1 signature page');
  if (!FS1_MAGIC.every((octet, i) => last.content[i] === octet)) {
    return refuse('unsigned', `the last page, ${last.pageNumber} of ${last.totalPages}, is not an FS1 signature page`);
  }
  let signature;
  try {
    signature = parseSignaturePageContent(last.content);
  } catch (e) {
    return refuse('malformed', `signature page: ${describe(e)}`);
  }

  return checkSignature({ first, textPages: pages.slice(0, -1).map((p) => p.content), ...signature }, input);
}

// Steps 3–5 over text pages and the signature that covers them, wherever it travelled (the FS1
// page of a group message, the FS2 companion of a public one).
export function checkSignature(
  s: { first: ParsedPage; textPages: Uint8Array[]; keyId: number; issueTime: number; signature: Uint8Array },
  input: Pick<SignedPagesInput, 'jwks' | 'now' | 'maxAgeSeconds'>,
): SignedPages | RefusedBroadcast {
  const kid = s.keyId.toString(16).padStart(8, '0');
  const key = publicKeyFor(input.jwks, kid);
  if (!key.ok) return key;

  const payload = signedPayload({
    messageIdentifier: s.first.messageIdentifier,
    serialNumber: s.first.serialNumber,
    dcs: s.first.dcs,
    issueTime: s.issueTime,
    keyId: s.keyId,
    textPages: s.textPages,
  });
  if (!verify(null, payload, key.key, s.signature)) {
    return refuse('bad-signature', `the Ed25519 signature does not verify with key ${kid}`);
  }

  const maxAge = input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const issued = new Date(s.issueTime * 1000).toISOString();
  if (nowSeconds - s.issueTime > maxAge) {
    return refuse('expired', `issued ${issued}, more than ${maxAge} s before ${input.now.toISOString()}`);
  }
  if (s.issueTime - nowSeconds > MAX_CLOCK_SKEW_SECONDS) {
    return refuse('from-the-future', `issued ${issued}, more than ${MAX_CLOCK_SKEW_SECONDS} s after ${input.now.toISOString()}`);
  }
  return { ok: true, first: s.first, textPages: s.textPages, keyId: s.keyId, kid, issueTime: s.issueTime };
}

// Step 7: a broadcast is shown once per (message identifier, message code, update number) within
// the memory's window. Called last, so nothing is remembered of a refused broadcast.
export function acceptOnce(
  signed: SignedPages,
  seen: ReplayMemory | undefined,
  now: Date,
): { ok: true; messageCode: number; updateNumber: number } | RefusedBroadcast {
  const { messageCode, updateNumber } = decodeSerialNumber(signed.first.serialNumber);
  const accepted = { messageIdentifier: signed.first.messageIdentifier, messageCode, updateNumber, issueTime: signed.issueTime };
  if (seen?.hasAccepted(accepted, now)) {
    return refuse(
      'replay',
      `message identifier ${accepted.messageIdentifier}, message code ${messageCode}, update ${updateNumber} was already accepted`,
    );
  }
  seen?.remember(accepted, now);
  return { ok: true, messageCode, updateNumber };
}

// All pages of one CBS message, ordered 1..n by their page parameter: same serial number, message
// identifier and DCS, each "page k of n" once, n ≤ 15 (TS 23.041 §9.4.1.2.4). The page parameter
// is not signed, so it must be checked here: a flipped bit in it breaks one of these rules.
export function collectPages(raw: Uint8Array[]): { ok: true; pages: ParsedPage[] } | RefusedBroadcast {
  if (raw.length === 0) return refuse('malformed', 'no pages');
  if (raw.length > MAX_PAGES_PER_MESSAGE) {
    return refuse('malformed', `${raw.length} pages, a CBS message has at most ${MAX_PAGES_PER_MESSAGE}`);
  }
  const parsed: ParsedPage[] = [];
  for (const [i, page] of raw.entries()) {
    if (page.length !== PAGE_OCTETS) return refuse('malformed', `page ${i + 1} given is ${page.length} octets, not ${PAGE_OCTETS}`);
    try {
      parsed.push(parsePage(page));
    } catch (e) {
      return refuse('malformed', `page ${i + 1} given: ${describe(e)}`);
    }
  }
  const first = parsed[0];
  for (const p of parsed) {
    if (p.serialNumber !== first.serialNumber || p.messageIdentifier !== first.messageIdentifier || p.dcs !== first.dcs) {
      return refuse('malformed', 'the pages do not share one serial number, message identifier and DCS');
    }
    if (p.totalPages !== first.totalPages) {
      return refuse('malformed', `the pages disagree on the total: ${first.totalPages} and ${p.totalPages}`);
    }
  }
  const byNumber = new Map<number, ParsedPage>();
  for (const p of parsed) {
    if (byNumber.has(p.pageNumber)) return refuse('malformed', `page ${p.pageNumber} of ${p.totalPages} appears twice`);
    byNumber.set(p.pageNumber, p);
  }
  const pages: ParsedPage[] = [];
  for (let n = 1; n <= first.totalPages; n++) {
    const p = byNumber.get(n);
    if (!p) return refuse('malformed', `page ${n} of ${first.totalPages} is missing`);
    pages.push(p);
  }
  return { ok: true, pages };
}

// The first Ed25519 key whose kid is the FS1 key id. Anything else under that kid cannot have made
// an Ed25519 signature, so the key is as unknown as a missing one.
function publicKeyFor(jwks: BroadcastJwks, kid: string): { ok: true; key: KeyObject } | RefusedBroadcast {
  const jwk = (jwks.keys ?? []).find((k) => k.kid === kid && k.kty === 'OKP' && k.crv === 'Ed25519');
  if (!jwk || typeof jwk.x !== 'string') return refuse('unknown-key', `no Ed25519 key with kid ${kid} in the JWKS`);
  try {
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } as JsonWebKey, format: 'jwk' });
    return { ok: true, key };
  } catch {
    return refuse('unknown-key', `the JWK with kid ${kid} is not a usable Ed25519 public key`);
  }
}

export function describe(e: unknown): string {
  if (e instanceof CellBroadcastError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
