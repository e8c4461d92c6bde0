import {
  decodeBroadcastPages,
  DEFAULT_COMPANION_MESSAGE_IDENTIFIERS,
  isAdditionalLanguageIdentifier,
  PAGE_OCTETS,
  parsePage,
  readCompanionPage,
  type CompanionContent,
  type CompanionIdentifiers,
  type ParsedPage,
} from '@faro/cell-broadcast';
import type { ReplayMemory } from './replay-memory';
import {
  acceptOnce,
  checkSignature,
  collectPages,
  DEFAULT_COMPANION_WAIT_SECONDS,
  describe,
  refuse,
  type BroadcastJwks,
  type RefusedBroadcast,
  type SignedPages,
} from './signed-pages';

// A page as the modem handed it over, with when: the companion wait runs from an alert's last page.
export interface ReceivedPage {
  page: Uint8Array;
  receivedAt: Date;
}

export interface VerifyBroadcastInput {
  // 88 octets each, in any order: an alert's pages and its FS2 companion, and for
  // verifyBroadcasts other messages' pages among them. A bare page has no time: the handset has
  // everything it will get, so an alert without its companion is unsigned at once.
  pages: Array<Uint8Array | ReceivedPage>;
  jwks: BroadcastJwks;
  now: Date;
  maxAgeSeconds?: number;
  // Its maxAgeSeconds must be at least this maxAgeSeconds, or it forgets broadcasts still fresh.
  seen?: ReplayMemory;
  // How long after an alert's last page its companion may still arrive (default 30 s).
  companionWaitSeconds?: number;
  // The companion channels the handset listens to (default 0xA000, 0xA001): the first for an alert
  // on a primary identifier, the second for one on an additional-language identifier.
  companionIdentifiers?: CompanionIdentifiers;
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

type Companion = CompanionContent & { serialNumber: number; companionIdentifier: number };

// The handset's side of docs/broadcast-format.md for one public alert: its pages and its FS2
// companion, in any order. More than one alert among the pages is `malformed`: verifyBroadcasts
// takes a stream of several.
export function verifyBroadcast(input: VerifyBroadcastInput): BroadcastVerification {
  if (input.pages.length === 0) return refuse('malformed', 'no pages');
  const all = verifyBroadcasts(input);
  if (all.length === 0) return refuse('malformed', 'no alert message among the pages, only FS2 companions');
  if (all.length > 1) {
    const bad = all.find((r) => !r.ok && r.reason === 'malformed');
    return bad ?? refuse('malformed', `the pages hold ${all.length} messages, not one alert and its companion`);
  }
  return all[0];
}

// Every alert among the pages, in the order its first page came: each paired with its FS2
// companion by (message identifier, serial number), the companion's signature checked over the
// alert's text pages with a generic Ed25519 verifier (node:crypto), then freshness, text and
// replay. Nothing is remembered unless an alert is accepted. A companion with no alert waits.
export function verifyBroadcasts(input: VerifyBroadcastInput): BroadcastVerification[] {
  const parsed: Array<{ page: ParsedPage; raw: Uint8Array; at: number }> = [];
  for (const [i, given] of input.pages.entries()) {
    const raw = given instanceof Uint8Array ? given : given.page;
    const at = given instanceof Uint8Array ? Number.NEGATIVE_INFINITY : given.receivedAt.getTime();
    if (raw.length !== PAGE_OCTETS) return [refuse('malformed', `page ${i + 1} given is ${raw.length} octets, not ${PAGE_OCTETS}`)];
    try {
      parsed.push({ page: parsePage(raw), raw, at });
    } catch (e) {
      return [refuse('malformed', `page ${i + 1} given: ${describe(e)}`)];
    }
  }

  const companions: Companion[] = [];
  const messages = new Map<string, typeof parsed>();
  for (const p of parsed) {
    let companion: Companion | null;
    try {
      companion = readCompanionPage(p.page);
    } catch (e) {
      return [refuse('malformed', `companion page: ${describe(e)}`)];
    }
    if (companion) {
      companions.push(companion);
      continue;
    }
    const key = `${p.page.messageIdentifier}:${p.page.serialNumber}`;
    messages.set(key, [...(messages.get(key) ?? []), p]);
  }

  const slots = input.companionIdentifiers ?? DEFAULT_COMPANION_MESSAGE_IDENTIFIERS;
  const wait = (input.companionWaitSeconds ?? DEFAULT_COMPANION_WAIT_SECONDS) * 1000;
  return [...messages.values()].map((pages) => verifyOne(pages, companions, slots, wait, input));
}

function verifyOne(
  given: Array<{ page: ParsedPage; raw: Uint8Array; at: number }>,
  companions: Companion[],
  slots: CompanionIdentifiers,
  waitMs: number,
  input: VerifyBroadcastInput,
): BroadcastVerification {
  const collected = collectPages(given.map((g) => g.raw));
  if (!collected.ok) return collected;
  const { pages } = collected;
  const first = pages[0];
  const textPages = pages.map((p) => p.content);

  // The companion of this alert: on the handset's companion channel for the alert's language slot,
  // the same serial number, naming the alert's identifier. Its own identifier is not signed, so the
  // channel is what ties it to a slot.
  const slot = isAdditionalLanguageIdentifier(first.messageIdentifier) ? slots.additionalLanguage : slots.primary;
  const candidates = companions.filter(
    (c) => c.companionIdentifier === slot && c.serialNumber === first.serialNumber && c.signedMessageIdentifier === first.messageIdentifier,
  );

  let decoded;
  try {
    decoded = decodeBroadcastPages(first.dcs, textPages);
  } catch (e) {
    return refuse('malformed', `text: ${describe(e)}`);
  }
  const unverified = { messageIdentifier: first.messageIdentifier, serialNumber: first.serialNumber, language: decoded.language, text: decoded.text };

  if (candidates.length === 0) {
    const lastPageAt = Math.max(...given.map((g) => g.at));
    const where = `no FS2 companion on message identifier ${slot} with serial number ${first.serialNumber} naming message identifier ${first.messageIdentifier}`;
    if (input.now.getTime() - lastPageAt < waitMs) return { ...refuse('awaiting-companion', `${where} yet`), unverified };
    return { ...refuse('unsigned', where), unverified };
  }

  // A companion for another text does not verify; one that does wins (a network may air a stale
  // companion beside the right one).
  let signed: SignedPages | RefusedBroadcast | undefined;
  for (const c of candidates) {
    const r = checkSignature({ first, textPages, keyId: c.keyId, issueTime: c.issueTime, signature: c.signature }, input);
    if (r.ok || !signed) signed = r;
    if (r.ok) break;
  }
  if (!signed!.ok) return signed!;

  const once = acceptOnce(signed!, input.seen, input.now);
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
    keyId: signed!.kid,
    issueTime: new Date(signed!.issueTime * 1000),
  };
}
