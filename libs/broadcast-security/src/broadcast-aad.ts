import { SecurityError } from './security-error';

const LABEL = Buffer.from('faro/broadcast-aad/v1\0', 'ascii');
const LONE_SURROGATE = /\p{Cs}/u;

export interface BroadcastAadFields {
  alertId: string;
  messageIdentifier: number;
  serialNumber: number;
}

// The associated data a sealed broadcast is bound to, so a gateway cannot be made to put one
// alert's ciphertext on air under another alert's identifiers:
//
//   "faro/broadcast-aad/v1" 0x00            22 octets, names and versions the format
//   uint16 BE  byte length of alertId        alertId is the only variable-length field
//   alertId    UTF-8
//   uint16 BE  messageIdentifier             TS 23.041 §9.4.1.2.2, 0..65535
//   uint16 BE  serialNumber                  TS 23.041 §9.4.1.2.1, 0..65535
//
// Unambiguous: the label is fixed, the one variable field is length-prefixed, the rest is fixed width.
// Lone surrogates are refused because UTF-8 would encode them all as U+FFFD, merging distinct ids.
export function broadcastAad(fields: BroadcastAadFields): Uint8Array {
  const { alertId, messageIdentifier, serialNumber } = fields;
  if (typeof alertId !== 'string' || alertId.length === 0 || LONE_SURROGATE.test(alertId)) {
    throw new SecurityError('security/invalid-input', 'alertId must be a non-empty, well-formed string');
  }
  const id = Buffer.from(alertId, 'utf8');
  if (id.length > 0xffff) {
    throw new SecurityError('security/invalid-input', `alertId is ${id.length} bytes; at most 65535 fit`);
  }
  assertUint16('messageIdentifier', messageIdentifier);
  assertUint16('serialNumber', serialNumber);

  const aad = Buffer.alloc(LABEL.length + 2 + id.length + 4);
  let offset = LABEL.copy(aad, 0);
  offset = aad.writeUInt16BE(id.length, offset);
  offset += id.copy(aad, offset);
  offset = aad.writeUInt16BE(messageIdentifier, offset);
  aad.writeUInt16BE(serialNumber, offset);
  return new Uint8Array(aad.buffer, aad.byteOffset, aad.byteLength);
}

function assertUint16(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new SecurityError('security/invalid-input', `${name} must be an integer in 0..65535, got ${value}`);
  }
}
