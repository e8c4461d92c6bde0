import { CellBroadcastError } from './cell-broadcast-error';

// Every bit field is range-checked before it is shifted in: osmo-cbc accepted msg_code 1024
// and masked it to 0; here a value that does not fit is an error, never a silent wrap.
export function assertIntegerInRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CellBroadcastError(
      'cell-broadcast/invalid-field',
      `${field} must be an integer in ${min}..${max}, got ${value}`,
    );
  }
}
