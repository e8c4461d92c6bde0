import { CellBroadcastError } from './cell-broadcast-error';
import { assertIntegerInRange } from './field-range';

// TS 23.041 §9.4.1.2: a GSM CBS page is 88 octets, a 6-octet header and 82 octets of content.
export const PAGE_OCTETS = 88;
export const PAGE_HEADER_OCTETS = 6;
export const PAGE_CONTENT_OCTETS = 82;
// 82 octets hold floor(82 * 8 / 7) = 93 septets; the 5 bits left over are zero.
export const SEPTETS_PER_PAGE = 93;
// TS 23.041 §9.4.1.2.4: the page parameter's low nibble counts at most 15 pages.
export const MAX_PAGES_PER_MESSAGE = 15;

export interface PageHeader {
  serialNumber: number;
  messageIdentifier: number;
  dcs: number;
  pageNumber: number;
  totalPages: number;
}

export interface ParsedPage extends PageHeader {
  content: Uint8Array;
}

function assertPageHeader(h: PageHeader): void {
  assertIntegerInRange('serialNumber', h.serialNumber, 0, 0xffff);
  assertIntegerInRange('messageIdentifier', h.messageIdentifier, 0, 0xffff);
  assertIntegerInRange('dcs', h.dcs, 0, 0xff);
  assertIntegerInRange('totalPages', h.totalPages, 1, MAX_PAGES_PER_MESSAGE);
  assertIntegerInRange('pageNumber', h.pageNumber, 1, h.totalPages);
}

export function buildPage(h: PageHeader, content: Uint8Array): Uint8Array {
  assertPageHeader(h);
  if (content.length !== PAGE_CONTENT_OCTETS) {
    throw new CellBroadcastError(
      'cell-broadcast/invalid-field',
      `page content must be ${PAGE_CONTENT_OCTETS} octets, got ${content.length}`,
    );
  }
  const page = new Uint8Array(PAGE_OCTETS);
  // TS 23.041 §9.4.1.2.1–.4: serial number and message identifier big-endian, then DCS,
  // then the page parameter: page number in the high nibble, total pages in the low one.
  page[0] = h.serialNumber >> 8;
  page[1] = h.serialNumber & 0xff;
  page[2] = h.messageIdentifier >> 8;
  page[3] = h.messageIdentifier & 0xff;
  page[4] = h.dcs;
  page[5] = (h.pageNumber << 4) | h.totalPages;
  page.set(content, PAGE_HEADER_OCTETS);
  return page;
}

export function parsePage(page: Uint8Array): ParsedPage {
  if (page.length !== PAGE_OCTETS) {
    throw new CellBroadcastError(
      'cell-broadcast/malformed-page',
      `a CBS page is ${PAGE_OCTETS} octets, got ${page.length}`,
    );
  }
  const pageNumber = page[5] >> 4;
  const totalPages = page[5] & 0x0f;
  // TS 23.041 §9.4.1.2.4 forbids 0000 in either nibble; Faro never sends it, so reading it back
  // means the bytes are not ours.
  if (pageNumber === 0 || totalPages === 0 || pageNumber > totalPages) {
    throw new CellBroadcastError(
      'cell-broadcast/malformed-page',
      `page parameter 0x${page[5].toString(16).padStart(2, '0')} is not page n of m`,
    );
  }
  return {
    serialNumber: (page[0] << 8) | page[1],
    messageIdentifier: (page[2] << 8) | page[3],
    dcs: page[4],
    pageNumber,
    totalPages,
    content: page.slice(PAGE_HEADER_OCTETS),
  };
}
