import { CellBroadcastError, isCompanionMessageIdentifier, parsePage, readCompanionPage } from '@faro/cell-broadcast';
import type { BroadcastEnvelope } from './broadcast-envelope';
import { UplinkError } from './uplink-error';

// TS 23.041 §9.4.1.2: each CBS page opens with the same 6 octets,
//   1-2 Serial Number, 3-4 Message Identifier, 5 Data Coding Scheme,
//   6 Page Parameter: bits 7-4 this page's number, bits 3-0 the number of pages, both from 1.
// A gateway that puts pages on air as given must not air one that disagrees with the envelope
// it was sealed in, or a page out of sequence.
export function checkCbsPages(envelope: BroadcastEnvelope): void {
  checkMessagePages(envelope);
  if (envelope.companion) checkCompanion(envelope);
}

// The companion must be what the alert's signature travels in: same serial number, its own
// identifier in the operator range, and an FS2 page naming the alert's identifier. A gateway would
// otherwise air a companion that pairs with another message, or with none.
function checkCompanion(envelope: BroadcastEnvelope): void {
  const c = envelope.companion!;
  if (!isCompanionMessageIdentifier(c.messageIdentifier)) {
    reject(`the companion's message identifier ${hex16(c.messageIdentifier)} is outside 0xa000..0xafff`);
  }
  checkMessagePages({ ...envelope, messageIdentifier: c.messageIdentifier, dcs: c.dcs, pages: c.pages }, 'companion ');
  let fs2;
  try {
    fs2 = readCompanionPage(parsePage(Uint8Array.from(Buffer.from(c.pages[0], 'hex'))));
  } catch (e) {
    if (e instanceof CellBroadcastError) reject(`companion page: ${e.message}`);
    throw e;
  }
  if (!fs2) reject('the companion page is not an FS2 page');
  if (fs2.signedMessageIdentifier !== envelope.messageIdentifier) {
    reject(`the companion signs message identifier ${hex16(fs2.signedMessageIdentifier)}, the envelope is ${hex16(envelope.messageIdentifier)}`);
  }
}

function checkMessagePages(envelope: Pick<BroadcastEnvelope, 'pages' | 'serialNumber' | 'messageIdentifier' | 'dcs'>, what = ''): void {
  const count = envelope.pages.length;
  envelope.pages.forEach((pageHex, index) => {
    const where = `${what}page ${index + 1} of ${count}`;
    const { serialNumber, messageIdentifier, dcs, pageNumber, totalPages: pageCount } = parseOrReject(pageHex, where);
    if (serialNumber !== envelope.serialNumber) {
      reject(`${where} carries serial number ${hex16(serialNumber)}, the envelope ${hex16(envelope.serialNumber)}`);
    }
    if (messageIdentifier !== envelope.messageIdentifier) {
      reject(`${where} carries message identifier ${hex16(messageIdentifier)}, the envelope ${hex16(envelope.messageIdentifier)}`);
    }
    if (dcs !== envelope.dcs) {
      reject(`${where} carries DCS 0x${dcs.toString(16).padStart(2, '0')}, the envelope 0x${envelope.dcs.toString(16).padStart(2, '0')}`);
    }
    if (pageNumber !== index + 1 || pageCount !== count) {
      reject(`${where} is numbered ${pageNumber}/${pageCount}`);
    }
  });
}

// The header layout is cell-broadcast's; a page it cannot read is refused, not aired.
function parseOrReject(pageHex: string, where: string) {
  try {
    return parsePage(Uint8Array.from(Buffer.from(pageHex, 'hex')));
  } catch (e) {
    if (e instanceof CellBroadcastError) reject(`${where}: ${e.message}`);
    throw e;
  }
}

function hex16(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}

function reject(problem: string): never {
  throw new UplinkError('uplink/rejected', `inconsistent CBS pages: ${problem}`, false);
}
