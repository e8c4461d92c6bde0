import { CellBroadcastError } from './cell-broadcast-error';
import { assertIntegerInRange } from './field-range';
import { buildPage, PAGE_CONTENT_OCTETS, parsePage, type ParsedPage } from './page';
import { ED25519_SIGNATURE_OCTETS } from './signature-page';

// Faro's signature companion message, "FS2": one page on its own message identifier, beside the
// public alert it signs (docs/broadcast-format.md, "The FS2 companion message").
//   offset  0  'F' 'S' '2'                    3 octets ASCII (the 2 is the layout's version)
//   offset  3  signed message identifier      2 octets big-endian
//   offset  5  key id                         4 octets big-endian
//   offset  9  issue time                     4 octets big-endian, unix seconds
//   offset 13  Ed25519 signature             64 octets
//   offset 77  zero                           5 octets
export const COMPANION_MAGIC: readonly number[] = [0x46, 0x53, 0x32];
const SIGNED_IDENTIFIER_OFFSET = 3;
const KEY_ID_OFFSET = 5;
const ISSUE_TIME_OFFSET = 9;
const SIGNATURE_OFFSET = 13;
const PADDING_OFFSET = SIGNATURE_OFFSET + ED25519_SIGNATURE_OCTETS;

// TS 23.038 §5, coding group 01xx: uncompressed, no message class, 8-bit data (the group
// channel's DCS too). A handset that knows no FS2 has no text to show from it.
export const COMPANION_DCS = 0x44;

// TS 23.041 §9.4.1.2.2 leaves 0xA000–0xAFFF to the PLMN operator: no standard handset shows a
// message there unless the operator provisions the channel. Faro's defaults, one per language slot
// as the group channel does (primary, additional language); both configurable within the range.
export const COMPANION_IDENTIFIER_RANGE = { first: 0xa000, last: 0xafff } as const;
export const DEFAULT_COMPANION_MESSAGE_IDENTIFIERS = { primary: 0xa000, additionalLanguage: 0xa001 } as const;

export interface CompanionIdentifiers {
  primary: number;
  additionalLanguage: number;
}

export interface CompanionContent {
  signedMessageIdentifier: number;
  keyId: number;
  issueTime: number;
  signature: Uint8Array;
}

export function isCompanionMessageIdentifier(id: number): boolean {
  return Number.isInteger(id) && id >= COMPANION_IDENTIFIER_RANGE.first && id <= COMPANION_IDENTIFIER_RANGE.last;
}

export function assertCompanionIdentifiers(ids: CompanionIdentifiers): CompanionIdentifiers {
  for (const [name, id] of Object.entries(ids)) {
    if (!isCompanionMessageIdentifier(id)) {
      throw new CellBroadcastError(
        'cell-broadcast/invalid-field',
        `companion message identifier ${name} must be in 0xa000..0xafff (PLMN operator specific), got ${id}`,
      );
    }
  }
  if (ids.primary === ids.additionalLanguage) {
    throw new CellBroadcastError('cell-broadcast/invalid-field', 'the two companion message identifiers must differ');
  }
  return ids;
}

export function buildCompanionContent(c: CompanionContent): Uint8Array {
  assertIntegerInRange('signedMessageIdentifier', c.signedMessageIdentifier, 0, 0xffff);
  assertIntegerInRange('keyId', c.keyId, 0, 0xffffffff);
  assertIntegerInRange('issueTime', c.issueTime, 0, 0xffffffff);
  if (c.signature.length !== ED25519_SIGNATURE_OCTETS) {
    throw new CellBroadcastError(
      'cell-broadcast/invalid-field',
      `an Ed25519 signature is ${ED25519_SIGNATURE_OCTETS} octets, got ${c.signature.length}`,
    );
  }
  const content = new Uint8Array(PAGE_CONTENT_OCTETS);
  const view = new DataView(content.buffer);
  content.set(COMPANION_MAGIC, 0);
  view.setUint16(SIGNED_IDENTIFIER_OFFSET, c.signedMessageIdentifier);
  view.setUint32(KEY_ID_OFFSET, c.keyId);
  view.setUint32(ISSUE_TIME_OFFSET, c.issueTime);
  content.set(c.signature, SIGNATURE_OFFSET);
  return content;
}

export function isCompanionContent(c: Uint8Array): boolean {
  return c.length === PAGE_CONTENT_OCTETS && COMPANION_MAGIC.every((octet, i) => c[i] === octet);
}

export function parseCompanionContent(c: Uint8Array): CompanionContent {
  if (c.length !== PAGE_CONTENT_OCTETS) {
    throw new CellBroadcastError('cell-broadcast/malformed-page', `companion content must be ${PAGE_CONTENT_OCTETS} octets, got ${c.length}`);
  }
  if (!isCompanionContent(c)) {
    throw new CellBroadcastError('cell-broadcast/malformed-page', 'page content does not start with "FS2"');
  }
  // Octets nobody signed and nobody checks: refused, as in FS1.
  if (c.subarray(PADDING_OFFSET).some((octet) => octet !== 0)) {
    throw new CellBroadcastError('cell-broadcast/malformed-page', `companion octets ${PADDING_OFFSET}..${PAGE_CONTENT_OCTETS - 1} must be zero`);
  }
  const view = new DataView(c.buffer, c.byteOffset, c.byteLength);
  return {
    signedMessageIdentifier: view.getUint16(SIGNED_IDENTIFIER_OFFSET),
    keyId: view.getUint32(KEY_ID_OFFSET),
    issueTime: view.getUint32(ISSUE_TIME_OFFSET),
    signature: c.slice(SIGNATURE_OFFSET, PADDING_OFFSET),
  };
}

export interface AssembleCompanionInput extends CompanionContent {
  // The companion's own identifier, in 0xA000–0xAFFF.
  companionIdentifier: number;
  // The signed message's serial number: the companion carries the same one.
  serialNumber: number;
}

// The one 88-octet page of a companion message: page 1 of 1, DCS 8-bit data.
export function assembleCompanionMessage(p: AssembleCompanionInput): Uint8Array {
  if (!isCompanionMessageIdentifier(p.companionIdentifier)) {
    throw new CellBroadcastError('cell-broadcast/invalid-field', `companion message identifier must be in 0xa000..0xafff, got ${p.companionIdentifier}`);
  }
  return buildPage(
    { serialNumber: p.serialNumber, messageIdentifier: p.companionIdentifier, dcs: COMPANION_DCS, pageNumber: 1, totalPages: 1 },
    buildCompanionContent(p),
  );
}

// A received page that is a companion: one page of one, 8-bit data, FS2, on the companion range.
export function readCompanionPage(page: ParsedPage): (CompanionContent & { serialNumber: number; companionIdentifier: number }) | null {
  if (!isCompanionMessageIdentifier(page.messageIdentifier) || page.dcs !== COMPANION_DCS || page.totalPages !== 1) return null;
  if (!isCompanionContent(page.content)) return null;
  return { ...parseCompanionContent(page.content), serialNumber: page.serialNumber, companionIdentifier: page.messageIdentifier };
}
