import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecurityError } from './security-error';

// A restricted-audience ("group") message: the text is sealed with AES-256-GCM under the group's
// current content key and goes on air as 8-bit data pages, followed by the ordinary FS1 signature
// page, which signs the ciphertext pages exactly as it signs a public message's text pages.
// docs/broadcast-format.md, "Restricted-audience (group) messages".
//
// DCS 0x44 = 0100 0100, TS 23.038 §5 coding group 01xx "general data coding indication":
//   bit 5 = 0  uncompressed
//   bit 4 = 0  bits 1..0 are reserved and carry no message class
//   bits 3..2 = 01  8-bit data
//   bits 1..0 = 00
// so a receiver treats the pages as opaque octets, never as GSM 7 bit or UCS-2 text.
export const GROUP_MESSAGE_DCS = 0x44;

// The stream across the text pages (offsets into the concatenated 82-octet page contents):
//   0   3   'F' 'G' '1'                 46 47 31
//   3   2   stream length L, big-endian, counting every octet from offset 0 to the end of the tag
//   5   4   group key id, big-endian
//   9  12   nonce (GCM IV)
//  21   c   ciphertext of: language (2 ASCII octets) ‖ UTF-8 text (NFC)
//  21+c 16  GCM tag
// then zero octets up to the end of the last page. L = 37 + c, and the pages used are ⌈L / 82⌉.
export const GROUP_STREAM_MAGIC: readonly number[] = [0x46, 0x47, 0x31];
export const GROUP_KEY_OCTETS = 32;
export const GROUP_NONCE_OCTETS = 12;
export const GROUP_TAG_OCTETS = 16;
const PAGE_CONTENT_OCTETS = 82;
// TS 23.041 §9.4.1.2.4 allows 15 pages; one is the FS1 signature page.
export const MAX_GROUP_TEXT_PAGES = 14;
const LENGTH_OFFSET = 3;
const KEY_ID_OFFSET = 5;
const NONCE_OFFSET = 9;
const CIPHERTEXT_OFFSET = NONCE_OFFSET + GROUP_NONCE_OCTETS; // 21
export const GROUP_STREAM_OVERHEAD = CIPHERTEXT_OFFSET + GROUP_TAG_OCTETS; // 37
const LANGUAGE_OCTETS = 2;
// 14 × 82 = 1148 octets of stream; less 37 of overhead and 2 of language: 1109 octets of UTF-8 text.
export const MAX_GROUP_TEXT_OCTETS = MAX_GROUP_TEXT_PAGES * PAGE_CONTENT_OCTETS - GROUP_STREAM_OVERHEAD - LANGUAGE_OCTETS;

const LANGUAGE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['nb', 'no'],
  ['nn', 'no'],
]);

export interface GroupMessageFields {
  groupKey: Uint8Array;
  groupKeyId: number;
  messageIdentifier: number;
  serialNumber: number;
  issueTime: number;
  // The FS1 key id the broadcast will be signed with.
  signingKeyId: number;
}

export interface SealGroupTextInput extends GroupMessageFields {
  text: string;
  // BCP 47; the two-letter primary subtag goes into the plaintext, as cell-broadcast's broadcastLanguage does.
  language: string;
  // Only for tests: a fresh random nonce is drawn for every message otherwise. Never reuse one.
  nonce?: Uint8Array;
}

export interface SealedGroupText {
  dcs: number;
  // 82-octet page contents, 1..14 of them, to go ahead of the FS1 page.
  pages: Uint8Array[];
  nonce: Uint8Array;
}

export interface OpenGroupTextInput extends GroupMessageFields {
  dcs: number;
  pages: Uint8Array[];
}

export interface OpenedGroupText {
  language: string;
  text: string;
}

// AAD = message identifier (2 BE) ‖ serial number (2 BE) ‖ DCS (1) ‖ group key id (4 BE) ‖
// signing key id (4 BE) ‖ issue time (4 BE): 17 octets.
export function groupMessageAad(f: {
  messageIdentifier: number;
  serialNumber: number;
  dcs: number;
  groupKeyId: number;
  signingKeyId: number;
  issueTime: number;
}): Uint8Array {
  const aad = Buffer.alloc(17);
  aad.writeUInt16BE(f.messageIdentifier, 0);
  aad.writeUInt16BE(f.serialNumber, 2);
  aad.writeUInt8(f.dcs, 4);
  aad.writeUInt32BE(f.groupKeyId, 5);
  aad.writeUInt32BE(f.signingKeyId, 9);
  aad.writeUInt32BE(f.issueTime, 13);
  return new Uint8Array(aad);
}

export function sealGroupText(input: SealGroupTextInput): SealedGroupText {
  assertFields(input, 'security/invalid-input');
  const language = groupLanguage(input.language);
  if (typeof input.text !== 'string' || /\p{Cs}/u.test(input.text)) {
    throw new SecurityError('security/invalid-input', 'text must be a well-formed string');
  }
  const text = Buffer.from(input.text.normalize('NFC'), 'utf8');
  if (text.length > MAX_GROUP_TEXT_OCTETS) {
    const pages = Math.ceil((text.length + LANGUAGE_OCTETS + GROUP_STREAM_OVERHEAD) / PAGE_CONTENT_OCTETS);
    throw new SecurityError(
      'security/invalid-input',
      `group text is ${text.length} UTF-8 octets and needs ${pages} pages; at most ${MAX_GROUP_TEXT_OCTETS} octets fit ${MAX_GROUP_TEXT_PAGES} pages`,
    );
  }
  const nonce = input.nonce === undefined ? randomBytes(GROUP_NONCE_OCTETS) : Buffer.from(input.nonce);
  if (nonce.length !== GROUP_NONCE_OCTETS) {
    throw new SecurityError('security/invalid-input', `nonce must be ${GROUP_NONCE_OCTETS} octets, got ${nonce.length}`);
  }
  const plaintext = Buffer.concat([Buffer.from(language, 'ascii'), text]);
  const cipher = createCipheriv('aes-256-gcm', input.groupKey, nonce, { authTagLength: GROUP_TAG_OCTETS });
  cipher.setAAD(groupMessageAad({ ...input, dcs: GROUP_MESSAGE_DCS }));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();

  const length = GROUP_STREAM_OVERHEAD + ciphertext.length;
  const pageCount = Math.ceil(length / PAGE_CONTENT_OCTETS);
  const stream = Buffer.alloc(pageCount * PAGE_CONTENT_OCTETS);
  stream.set(GROUP_STREAM_MAGIC, 0);
  stream.writeUInt16BE(length, LENGTH_OFFSET);
  stream.writeUInt32BE(input.groupKeyId, KEY_ID_OFFSET);
  nonce.copy(stream, NONCE_OFFSET);
  ciphertext.copy(stream, CIPHERTEXT_OFFSET);
  tag.copy(stream, CIPHERTEXT_OFFSET + ciphertext.length);
  const pages = Array.from({ length: pageCount }, (_, i) =>
    new Uint8Array(stream.subarray(i * PAGE_CONTENT_OCTETS, (i + 1) * PAGE_CONTENT_OCTETS)),
  );
  return { dcs: GROUP_MESSAGE_DCS, pages, nonce: new Uint8Array(nonce) };
}

// Every failure, whatever its cause (wrong key, wrong key id, a changed octet anywhere, a changed
// header field in the AAD, a malformed stream), is the one error 'security/open-failed'.
export function openGroupText(input: OpenGroupTextInput): OpenedGroupText {
  try {
    return openOrThrow(input);
  } catch (e) {
    if (e instanceof SecurityError && e.code === 'security/open-failed') throw e;
    throw new SecurityError('security/open-failed', 'the group message does not open', { cause: e });
  }
}

function openOrThrow(input: OpenGroupTextInput): OpenedGroupText {
  const fail = (why: string): never => {
    throw new SecurityError('security/open-failed', `the group message does not open: ${why}`);
  };
  assertFields(input, 'security/open-failed');
  if (input.dcs !== GROUP_MESSAGE_DCS) fail(`DCS 0x${Number(input.dcs).toString(16)} is not 0x44`);
  const { pages } = input;
  if (!Array.isArray(pages) || pages.length < 1 || pages.length > MAX_GROUP_TEXT_PAGES) fail('wrong number of pages');
  if (pages.some((p) => !(p instanceof Uint8Array) || p.length !== PAGE_CONTENT_OCTETS)) fail('a page is not 82 octets');
  const stream = Buffer.concat(pages);
  if (GROUP_STREAM_MAGIC.some((octet, i) => stream[i] !== octet)) fail('no FG1 header');
  const length = stream.readUInt16BE(LENGTH_OFFSET);
  // The length must need exactly the pages given: no page of only padding, none cut short.
  if (length < GROUP_STREAM_OVERHEAD + LANGUAGE_OCTETS || Math.ceil(length / PAGE_CONTENT_OCTETS) !== pages.length) {
    fail(`stream length ${length} does not fit ${pages.length} pages`);
  }
  if (stream.subarray(length).some((octet) => octet !== 0)) fail('non-zero padding');
  if (stream.readUInt32BE(KEY_ID_OFFSET) !== input.groupKeyId) fail('sealed under another group key id');
  const nonce = stream.subarray(NONCE_OFFSET, CIPHERTEXT_OFFSET);
  const ciphertext = stream.subarray(CIPHERTEXT_OFFSET, length - GROUP_TAG_OCTETS);
  const tag = stream.subarray(length - GROUP_TAG_OCTETS, length);
  const decipher = createDecipheriv('aes-256-gcm', input.groupKey, nonce, { authTagLength: GROUP_TAG_OCTETS });
  decipher.setAAD(groupMessageAad(input));
  decipher.setAuthTag(tag);
  const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  const language = plaintext.subarray(0, LANGUAGE_OCTETS).toString('latin1');
  if (!/^[a-z]{2}$/.test(language)) fail('no two-letter language');
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(plaintext.subarray(LANGUAGE_OCTETS));
  return { language, text };
}

function groupLanguage(tag: string): string {
  const primary = typeof tag === 'string' ? (tag.split(/[-_]/)[0]?.toLowerCase() ?? '') : '';
  if (!/^[a-z]{2}$/.test(primary)) {
    throw new SecurityError('security/invalid-input', `language "${tag}" has no two-letter ISO 639-1 code`);
  }
  return LANGUAGE_ALIASES.get(primary) ?? primary;
}

function assertFields(f: GroupMessageFields, code: 'security/invalid-input' | 'security/open-failed'): void {
  const check = (name: string, value: number, max: number) => {
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new SecurityError(code, `${name} must be an integer in 0..${max}, got ${value}`);
    }
  };
  check('messageIdentifier', f.messageIdentifier, 0xffff);
  check('serialNumber', f.serialNumber, 0xffff);
  check('groupKeyId', f.groupKeyId, 0xffffffff);
  check('signingKeyId', f.signingKeyId, 0xffffffff);
  check('issueTime', f.issueTime, 0xffffffff);
  if (!(f.groupKey instanceof Uint8Array) || f.groupKey.length !== GROUP_KEY_OCTETS) {
    throw new SecurityError(code, `a group key is ${GROUP_KEY_OCTETS} octets`);
  }
}
