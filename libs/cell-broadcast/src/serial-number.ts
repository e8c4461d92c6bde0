import { assertIntegerInRange } from './field-range';

// TS 23.041 §9.4.1.2.1: GS (2 bits) | message code (10 bits) | update number (4 bits).
export interface SerialNumber {
  geographicalScope: 0 | 1 | 2 | 3;
  messageCode: number;
  updateNumber: number;
}

// TS 23.041 §9.4.1.2.1 geographical scope values.
export const GEOGRAPHICAL_SCOPE = {
  cellWideImmediate: 0,
  plmnWide: 1,
  locationAreaWide: 2,
  cellWide: 3,
} as const;

export function encodeSerialNumber(s: SerialNumber): number {
  assertIntegerInRange('geographicalScope', s.geographicalScope, 0, 3);
  assertIntegerInRange('messageCode', s.messageCode, 0, 0x3ff);
  assertIntegerInRange('updateNumber', s.updateNumber, 0, 0xf);
  return (s.geographicalScope << 14) | (s.messageCode << 4) | s.updateNumber;
}

export function decodeSerialNumber(n: number): SerialNumber {
  assertIntegerInRange('serialNumber', n, 0, 0xffff);
  return {
    geographicalScope: (n >> 14) as SerialNumber['geographicalScope'],
    messageCode: (n >> 4) & 0x3ff,
    updateNumber: n & 0xf,
  };
}

// TS 23.041 §9.4.1.2.1: an update keeps the message code and bumps the update number, modulo 16.
export function nextUpdate(s: SerialNumber): SerialNumber {
  encodeSerialNumber(s);
  return { ...s, updateNumber: (s.updateNumber + 1) % 16 };
}
