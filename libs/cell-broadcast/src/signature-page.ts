import { CellBroadcastError } from './cell-broadcast-error';
import { assertIntegerInRange } from './field-range';
import { MAX_PAGES_PER_MESSAGE, PAGE_CONTENT_OCTETS } from './page';

// Faro's signature page, "FS1": the last page of every broadcast.
//   offset  0  'F' 'S' '1'             3 octets ASCII
//   offset  3  key id                  4 octets big-endian
//   offset  7  issue time              4 octets big-endian, unix seconds
//   offset 11  Ed25519 signature      64 octets
//   offset 75  zero                    7 octets
export const SIGNATURE_PAGE_MAGIC: readonly number[] = [0x46, 0x53, 0x31];
export const ED25519_SIGNATURE_OCTETS = 64;
const KEY_ID_OFFSET = 3;
const ISSUE_TIME_OFFSET = 7;
const SIGNATURE_OFFSET = 11;
const PADDING_OFFSET = SIGNATURE_OFFSET + ED25519_SIGNATURE_OCTETS;

export interface SignedPayloadInput {
  messageIdentifier: number;
  serialNumber: number;
  dcs: number;
  issueTime: number;
  keyId: number;
  textPages: Uint8Array[];
}

export interface SignaturePage {
  keyId: number;
  issueTime: number;
  signature: Uint8Array;
}

// msgId (2 BE) ‖ serial (2 BE) ‖ DCS (1) ‖ issue time (4 BE) ‖ key id (4 BE) ‖ each text page's
// 82 content octets in order. The page parameters are left out: the number of text pages is
// fixed by the payload's length, and page n is the n-th block of 82.
export function signedPayload(p: SignedPayloadInput): Uint8Array {
  assertIntegerInRange('messageIdentifier', p.messageIdentifier, 0, 0xffff);
  assertIntegerInRange('serialNumber', p.serialNumber, 0, 0xffff);
  assertIntegerInRange('dcs', p.dcs, 0, 0xff);
  assertIntegerInRange('issueTime', p.issueTime, 0, 0xffffffff);
  assertIntegerInRange('keyId', p.keyId, 0, 0xffffffff);
  assertIntegerInRange('textPages.length', p.textPages.length, 1, MAX_PAGES_PER_MESSAGE - 1);
  p.textPages.forEach((page, i) => {
    if (page.length !== PAGE_CONTENT_OCTETS) {
      throw new CellBroadcastError(
        'cell-broadcast/invalid-field',
        `text page ${i + 1} must be ${PAGE_CONTENT_OCTETS} octets of content, got ${page.length}`,
      );
    }
  });
  const out = new Uint8Array(13 + PAGE_CONTENT_OCTETS * p.textPages.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, p.messageIdentifier);
  view.setUint16(2, p.serialNumber);
  view.setUint8(4, p.dcs);
  view.setUint32(5, p.issueTime);
  view.setUint32(9, p.keyId);
  p.textPages.forEach((page, i) => out.set(page, 13 + PAGE_CONTENT_OCTETS * i));
  return out;
}

export function buildSignaturePageContent(p: SignaturePage): Uint8Array {
  assertIntegerInRange('keyId', p.keyId, 0, 0xffffffff);
  assertIntegerInRange('issueTime', p.issueTime, 0, 0xffffffff);
  if (p.signature.length !== ED25519_SIGNATURE_OCTETS) {
    throw new CellBroadcastError(
      'cell-broadcast/invalid-field',
      `an Ed25519 signature is ${ED25519_SIGNATURE_OCTETS} octets, got ${p.signature.length}`,
    );
  }
  const content = new Uint8Array(PAGE_CONTENT_OCTETS);
  const view = new DataView(content.buffer);
  content.set(SIGNATURE_PAGE_MAGIC, 0);
  view.setUint32(KEY_ID_OFFSET, p.keyId);
  view.setUint32(ISSUE_TIME_OFFSET, p.issueTime);
  content.set(p.signature, SIGNATURE_OFFSET);
  return content;
}

export function parseSignaturePageContent(c: Uint8Array): SignaturePage {
  if (c.length !== PAGE_CONTENT_OCTETS) {
    throw new CellBroadcastError(
      'cell-broadcast/malformed-page',
      `signature page content must be ${PAGE_CONTENT_OCTETS} octets, got ${c.length}`,
    );
  }
  if (SIGNATURE_PAGE_MAGIC.some((octet, i) => c[i] !== octet)) {
    throw new CellBroadcastError('cell-broadcast/malformed-page', 'page content does not start with "FS1"');
  }
  // Non-zero padding would be octets nobody signed and nobody checks: refuse them.
  if (c.subarray(PADDING_OFFSET).some((octet) => octet !== 0)) {
    throw new CellBroadcastError(
      'cell-broadcast/malformed-page',
      `signature page octets ${PADDING_OFFSET}..${PAGE_CONTENT_OCTETS - 1} must be zero`,
    );
  }
  const view = new DataView(c.buffer, c.byteOffset, c.byteLength);
  return {
    keyId: view.getUint32(KEY_ID_OFFSET),
    issueTime: view.getUint32(ISSUE_TIME_OFFSET),
    signature: c.slice(SIGNATURE_OFFSET, PADDING_OFFSET),
  };
}
