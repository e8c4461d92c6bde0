import { UplinkError } from './uplink-error';

// The broadcast as the gateway must put it on air, sealed end to end: everything a gateway needs
// and nothing it could rewrite without breaking the seal or the signature.
export interface BroadcastEnvelope {
  alertId: string;
  messageIdentifier: number;
  serialNumber: number;
  dcs: number;
  language: string;
  keyId: number;
  // Seconds since the Unix epoch.
  issueTime: number;
  // Ed25519 over the message, hex.
  signature: string;
  // TS 23.041 §9.4.1.2: whole CBS pages, 6-octet header + 82 octets of content, hex.
  pages: string[];
  warningAreaCoordinates: string;
  // A public alert's FS2 signature companion (docs/broadcast-format.md): one page on its own
  // message identifier, same serial number, put on air with the alert in the same cells.
  companion?: CompanionEnvelope;
}

export interface CompanionEnvelope {
  messageIdentifier: number;
  dcs: number;
  pages: string[];
}

export const CBS_PAGE_OCTETS = 88;
// TS 23.041 §9.4.1.2.4: the page parameter holds the page count in four bits.
export const MAX_CBS_PAGES = 15;
const ED25519_SIGNATURE_OCTETS = 64;
const MAX_LANGUAGE_LENGTH = 35;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

// JSON in UTF-8 with the fields in a fixed order. Both directions validate, so an envelope that a
// gateway would refuse is never sealed in the first place.
export function encodeBroadcastEnvelope(envelope: BroadcastEnvelope): Uint8Array {
  const valid = validateEnvelope(envelope);
  return new Uint8Array(Buffer.from(JSON.stringify(valid), 'utf8'));
}

export function decodeBroadcastEnvelope(bytes: Uint8Array): BroadcastEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new UplinkError('uplink/rejected', 'the broadcast envelope is not JSON in UTF-8', false, { cause });
  }
  return validateEnvelope(value);
}

function validateEnvelope(value: unknown): BroadcastEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) reject('it is not an object');
  const e = value as Record<string, unknown>;
  if (typeof e.alertId !== 'string' || e.alertId.length === 0) reject('alertId must be a non-empty string');
  const messageIdentifier = integerIn(e, 'messageIdentifier', 0, 0xffff);
  const serialNumber = integerIn(e, 'serialNumber', 0, 0xffff);
  const dcs = integerIn(e, 'dcs', 0, 0xff);
  if (typeof e.language !== 'string' || e.language.length > MAX_LANGUAGE_LENGTH) {
    reject(`language must be a string of at most ${MAX_LANGUAGE_LENGTH} characters`);
  }
  const keyId = integerIn(e, 'keyId', 1, 0xffffffff);
  const issueTime = integerIn(e, 'issueTime', 0, Number.MAX_SAFE_INTEGER);
  if (!isHex(e.signature) || e.signature.length !== ED25519_SIGNATURE_OCTETS * 2) {
    reject(`signature must be ${ED25519_SIGNATURE_OCTETS} octets in hex`);
  }
  if (!Array.isArray(e.pages) || e.pages.length < 1 || e.pages.length > MAX_CBS_PAGES) {
    reject(`pages must hold 1 to ${MAX_CBS_PAGES} pages`);
  }
  e.pages.forEach((page: unknown, index: number) => {
    if (!isHex(page) || page.length !== CBS_PAGE_OCTETS * 2) {
      reject(`page ${index + 1} must be ${CBS_PAGE_OCTETS} octets in hex`);
    }
  });
  if (!isHex(e.warningAreaCoordinates)) reject('warningAreaCoordinates must be hex');
  const companion = e.companion === undefined ? undefined : validateCompanion(e.companion);
  return {
    alertId: e.alertId,
    messageIdentifier,
    serialNumber,
    dcs,
    language: e.language,
    keyId,
    issueTime,
    signature: e.signature,
    pages: [...e.pages],
    warningAreaCoordinates: e.warningAreaCoordinates,
    ...(companion ? { companion } : {}),
  };
}

function validateCompanion(value: unknown): CompanionEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) reject('companion must be an object');
  const c = value as Record<string, unknown>;
  const messageIdentifier = integerIn(c, 'messageIdentifier', 0, 0xffff);
  const dcs = integerIn(c, 'dcs', 0, 0xff);
  if (!Array.isArray(c.pages) || c.pages.length !== 1 || !isHex(c.pages[0]) || c.pages[0].length !== CBS_PAGE_OCTETS * 2) {
    reject(`companion pages must be one page of ${CBS_PAGE_OCTETS} octets in hex`);
  }
  return { messageIdentifier, dcs, pages: [c.pages[0]] };
}

function integerIn(e: Record<string, unknown>, field: string, min: number, max: number): number {
  const value = e[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    reject(`${field} must be an integer in ${min}..${max}`);
  }
  return value;
}

function isHex(value: unknown): value is string {
  return typeof value === 'string' && HEX.test(value);
}

function reject(problem: string): never {
  throw new UplinkError('uplink/rejected', `malformed broadcast envelope: ${problem}`, false);
}
