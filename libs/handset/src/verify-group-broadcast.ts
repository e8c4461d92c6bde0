import { createDecipheriv } from 'node:crypto';
import type { ReplayMemory } from './replay-memory';
import { acceptOnce, verifySignedPages, type BroadcastJwks, type BroadcastRefusalReason } from './signed-pages';

// The handset's side of docs/broadcast-format.md, "Restricted-audience (group) messages". The
// signature steps are verifyBroadcast's (verifySignedPages), in the same order and with the same
// reasons. The group stream is parsed and opened here from the documented layout with node:crypto,
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
const FG1_MAGIC = [0x46, 0x47, 0x31];
const CONTENT_OCTETS = 82;
// 'FG1' (3) ‖ length (2) ‖ group key id (4) ‖ nonce (12) ‖ ciphertext ‖ tag (16)
const HEADER_OCTETS = 21;
const TAG_OCTETS = 16;

const refuse = (reason: GroupBroadcastRefusalReason, detail: string): RefusedGroupBroadcast => ({ ok: false, reason, detail });

export function verifyGroupBroadcast(input: VerifyGroupBroadcastInput): GroupBroadcastVerification {
  const signed = verifySignedPages(input);
  if (!signed.ok) return signed;
  const { first, textPages } = signed;

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
    aad.writeUInt32BE(signed.keyId, 9);
    aad.writeUInt32BE(signed.issueTime, 13);
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

  const once = acceptOnce(signed, input.seen, input.now);
  if (!once.ok) return once;

  return {
    ok: true,
    messageIdentifier: first.messageIdentifier,
    serialNumber: first.serialNumber,
    updateNumber: once.updateNumber,
    messageCode: once.messageCode,
    dcs: first.dcs,
    groupKeyId,
    language,
    text,
    keyId: signed.kid,
    issueTime: new Date(signed.issueTime * 1000),
  };
}

