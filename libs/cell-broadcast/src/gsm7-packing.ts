import { CellBroadcastError } from './cell-broadcast-error';

// TS 23.038 §6.1.2.1.1: septets are packed least significant bit first, the first septet in
// the low seven bits of the first octet. Spare bits in the last octet are zero.
export function packGsm7(septets: number[]): Uint8Array {
  const out = new Uint8Array(Math.ceil((septets.length * 7) / 8));
  septets.forEach((septet, i) => {
    if (!Number.isInteger(septet) || septet < 0 || septet > 0x7f) {
      throw new CellBroadcastError('cell-broadcast/invalid-field', `septet ${i} is not 0..127: ${septet}`);
    }
    const bit = i * 7;
    const octet = bit >> 3;
    const shift = bit & 7;
    out[octet] |= (septet << shift) & 0xff;
    if (shift > 1) out[octet + 1] |= septet >> (8 - shift);
  });
  return out;
}

export function unpackGsm7(bytes: Uint8Array, septetCount: number): number[] {
  if (!Number.isInteger(septetCount) || septetCount < 0 || septetCount * 7 > bytes.length * 8) {
    throw new CellBroadcastError(
      'cell-broadcast/invalid-field',
      `${bytes.length} octets cannot hold ${septetCount} septets`,
    );
  }
  const septets: number[] = [];
  for (let i = 0; i < septetCount; i++) {
    const bit = i * 7;
    const octet = bit >> 3;
    const shift = bit & 7;
    let value = bytes[octet] >> shift;
    if (shift > 1) value |= bytes[octet + 1] << (8 - shift);
    septets.push(value & 0x7f);
  }
  return septets;
}
