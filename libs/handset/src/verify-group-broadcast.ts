import { createDecipheriv, verify } from 'node:crypto';
import { decodeSerialNumber, parseSignaturePageContent, signedPayload } from '@faro/cell-broadcast';
import type { ReplayMemory } from './replay-memory';
import {
  collectPages,
  DEFAULT_MAX_AGE_SECONDS,
  describe,
  MAX_CLOCK_SKEW_SECONDS,
  publicKeyFor,
  type BroadcastJwks,
  type BroadcastRefusalReason,
} from './verify-broadcast';

// The handset's side of docs/broadcast-format.md, "Restricted-audience (group) messages". The
// signature steps are verifyBroadcast's, in the same order and with the same reasons, sharing its
// page collection and key lookup. The group stream is parsed and opened here from the documented layout with node:crypto,
// not with broadcast-security's openGroupText, so the two sides cannot share a layout mistake.

export interface VerifyGroupBroadcastInput {
  // 88 octets each, in any order.
  pages: Uint8Array[];
  jwks: BroadcastJwks;
  // group key id → the 32-octet AES-256 content key this handset holds for it.
  groupKeys: ReadonlyMap<number, Uint8Array>;
  now: Date;
  maxAgeSeconds?: number;
  seen?: ReplayMemory;
}

export type GroupBroadcastRefusalReason = BroadcastRefusalReason | 'not-a-member' | 'undecryptable';

export interface VerifiedGroupBroadcast {
  ok: true;
  messageIdentifier: number;
  serialNumber: number;
  updateNumber: number;
  messageCode: number;
  dcs: number;
  groupKeyId: number;
  language: string;
  text: string;
  // The JWK kid: the signing key id in 8 lower-case hex digits.
  keyId: string;
  issueTime: Date;
}

export interface RefusedGroupBroadcast {
  ok: false;
  reason: GroupBroadcastRefusalReason;
  detail: string;
}

export type GroupBroadcastVerification = VerifiedGroupBroadcast | RefusedGroupBroadcast;

// TS 23.038 §5: 0100 0100, general data coding, uncompressed, no message class, 8-bit data.
const GROUP_DCS = 0x44;
const FS1_MAGIC = [0x46, 0x53, 0x31];
const FG1_MAGIC = [0x46, 0x47, 0x31];
const CONTENT_OCTETS = 82;
// 'FG1' (3) ‖ length (2) ‖ group key id (4) ‖ nonce (12) ‖ ciphertext ‖ tag (16)
const HEADER_OCTETS = 21;
const TAG_OCTETS = 16;

const refuse = (reason: GroupBroadcastRefusalReason, detail: string): RefusedGroupBroadcast => ({ ok: false, reason, detail });

export function verifyGroupBroadcast(input: VerifyGroupBroadcastInput): GroupBroadcastVerification {
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

  const kid = signature.keyId.toString(16).padStart(8, '0');
  const key = publicKeyFor(input.jwks, kid);
  if (!key.ok) return key;

  const textPages = pages.slice(0, -1).map((p) => p.content);
  const payload = signedPayload({
    messageIdentifier: first.messageIdentifier,
    serialNumber: first.serialNumber,
    dcs: first.dcs,
    issueTime: signature.issueTime,
    keyId: signature.keyId,
    textPages,
  });
  if (!verify(null, payload, key.key, signature.signature)) {
    return refuse('bad-signature', `the Ed25519 signature does not verify with key ${kid}`);
  }

  const maxAge = input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const issueTime = new Date(signature.issueTime * 1000);
  if (nowSeconds - signature.issueTime > maxAge) {
    return refuse('expired', `issued ${issueTime.toISOString()}, more than ${maxAge} s before ${input.now.toISOString()}`);
  }
  if (signature.issueTime - nowSeconds > MAX_CLOCK_SKEW_SECONDS) {
    return refuse(
      'from-the-future',
      `issued ${issueTime.toISOString()}, more than ${MAX_CLOCK_SKEW_SECONDS} s after ${input.now.toISOString()}`,
    );
  }

  if (first.dcs !== GROUP_DCS) {
    return refuse('malformed', `DCS 0x${first.dcs.toString(16).padStart(2, '0')} is not a group message (0x44)`);
  }
  const stream = Buffer.concat(textPages);
  if (!FG1_MAGIC.every((octet, i) => stream[i] === octet)) return refuse('malformed', 'the text pages do not start with FG1');
  const length = stream.readUInt16BE(3);
  if (length < HEADER_OCTETS + TAG_OCTETS + 2 || Math.ceil(length / CONTENT_OCTETS) !== textPages.length) {
    return refuse('malformed', `FG1 stream length ${length} does not fit ${textPages.length} text pages`);
  }
  if (stream.subarray(length).some((octet) => octet !== 0)) return refuse('malformed', 'the FG1 padding is not zero');
  const groupKeyId = stream.readUInt32BE(5);
  const groupKey = input.groupKeys.get(groupKeyId);
  if (!groupKey) return refuse('not-a-member', `this handset holds no key for group key id ${groupKeyId}`);

  let language: string;
  let text: string;
  try {
    const aad = Buffer.alloc(17);
    aad.writeUInt16BE(first.messageIdentifier, 0);
    aad.writeUInt16BE(first.serialNumber, 2);
    aad.writeUInt8(first.dcs, 4);
    aad.writeUInt32BE(groupKeyId, 5);
    aad.writeUInt32BE(signature.keyId, 9);
    aad.writeUInt32BE(signature.issueTime, 13);
    const decipher = createDecipheriv('aes-256-gcm', groupKey, stream.subarray(9, HEADER_OCTETS), { authTagLength: TAG_OCTETS });
    decipher.setAAD(aad);
    decipher.setAuthTag(stream.subarray(length - TAG_OCTETS, length));
    const plaintext = Buffer.concat([decipher.update(stream.subarray(HEADER_OCTETS, length - TAG_OCTETS)), decipher.final()]);
    language = plaintext.subarray(0, 2).toString('latin1');
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(plaintext.subarray(2));
  } catch {
    return refuse('undecryptable', `the message does not open with the key held for group key id ${groupKeyId}`);
  }
  if (!/^[a-z]{2}$/.test(language)) return refuse('malformed', 'the plaintext does not start with a two-letter language');

  const { messageCode, updateNumber } = decodeSerialNumber(first.serialNumber);
  const accepted = { messageIdentifier: first.messageIdentifier, messageCode, updateNumber, issueTime: signature.issueTime };
  if (input.seen?.hasAccepted(accepted, input.now)) {
    return refuse(
      'replay',
      `message identifier ${accepted.messageIdentifier}, message code ${messageCode}, update ${updateNumber} was already accepted`,
    );
  }
  input.seen?.remember(accepted, input.now);

  return {
    ok: true,
    messageIdentifier: first.messageIdentifier,
    serialNumber: first.serialNumber,
    updateNumber,
    messageCode,
    dcs: first.dcs,
    groupKeyId,
    language,
    text,
    keyId: kid,
    issueTime,
  };
}

