import { CellBroadcastError, parsePage } from '@faro/cell-broadcast';
import type { BroadcastEnvelope } from './broadcast-envelope';
import { UplinkError } from './uplink-error';

// TS 23.041 §9.4.1.2: each CBS page opens with the same 6 octets,
//   1-2 Serial Number, 3-4 Message Identifier, 5 Data Coding Scheme,
//   6 Page Parameter: bits 7-4 this page's number, bits 3-0 the number of pages, both from 1.
// A gateway that puts pages on air as given must not air one that disagrees with the envelope
// it was sealed in, or a page out of sequence.
export function checkCbsPages(envelope: BroadcastEnvelope): void {
  const count = envelope.pages.length;
  envelope.pages.forEach((pageHex, index) => {
    const where = `page ${index + 1} of ${count}`;
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
