import { CellBroadcastError } from './cell-broadcast-error';
import { EncodedText } from './encode-broadcast-text';
import { buildPage, MAX_PAGES_PER_MESSAGE } from './page';
import { buildSignaturePageContent } from './signature-page';

export interface AssembleBroadcastInput {
  messageIdentifier: number;
  serialNumber: number;
  // Text pages (82 octets each) and their DCS: encoded text, or a group message's sealed stream.
  encoded: Pick<EncodedText, 'dcs' | 'pages'>;
  keyId: number;
  issueTime: number;
  signature: Uint8Array;
}

// A restricted-audience (group) message's 88-octet pages: text pages 1..n, then the FS1 signature
// page n+1, all under one serial number, message identifier and DCS so a receiver collects them as
// one message. A public alert carries no FS1 page: see assembleTextMessage.
export function assembleBroadcast(p: AssembleBroadcastInput): Uint8Array[] {
  if (p.encoded.pages.length === 0) {
    throw new CellBroadcastError('cell-broadcast/invalid-field', 'a broadcast needs at least one text page');
  }
  const totalPages = p.encoded.pages.length + 1;
  if (totalPages > MAX_PAGES_PER_MESSAGE) {
    throw new CellBroadcastError(
      'cell-broadcast/too-long',
      `${p.encoded.pages.length} text pages and a signature page make ${totalPages} pages, at most ${MAX_PAGES_PER_MESSAGE} allowed`,
    );
  }
  const header = { serialNumber: p.serialNumber, messageIdentifier: p.messageIdentifier, dcs: p.encoded.dcs, totalPages };
  const signaturePage = buildSignaturePageContent({ keyId: p.keyId, issueTime: p.issueTime, signature: p.signature });
  return [...p.encoded.pages, signaturePage].map((content, i) => buildPage({ ...header, pageNumber: i + 1 }, content));
}

// A public alert's 88-octet pages: exactly its text pages 1..n of n, so a stock handset shows the
// text and nothing else. Its signature travels in the FS2 companion message (companion-message.ts).
export function assembleTextMessage(p: Pick<AssembleBroadcastInput, 'messageIdentifier' | 'serialNumber' | 'encoded'>): Uint8Array[] {
  const n = p.encoded.pages.length;
  if (n === 0) throw new CellBroadcastError('cell-broadcast/invalid-field', 'a broadcast needs at least one text page');
  if (n > MAX_PAGES_PER_MESSAGE) {
    throw new CellBroadcastError('cell-broadcast/too-long', `${n} text pages, at most ${MAX_PAGES_PER_MESSAGE} allowed`);
  }
  const header = { serialNumber: p.serialNumber, messageIdentifier: p.messageIdentifier, dcs: p.encoded.dcs, totalPages: n };
  return p.encoded.pages.map((content, i) => buildPage({ ...header, pageNumber: i + 1 }, content));
}
