import { CapError } from './cap-error';

// xs:decimal lexical space: optional sign, digits, optional fraction; no exponent, no
// 'NaN'/'INF', no blanks. Number() alone would take '', ' 1', '1e3', '0x10' and 'Infinity'.
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const INTEGER = /^[+-]?[0-9]+$/;

export function parseCapDecimal(text: string, pointer: string, what: string): number {
  if (!DECIMAL.test(text)) throw new CapError('cap/invalid', `${what} '${text}' is not a decimal number`, pointer);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new CapError('cap/invalid', `${what} '${text}' is out of range`, pointer);
  return value === 0 ? 0 : value; // no -0: it would not survive a round trip
}

export function parseCapInteger(text: string, pointer: string, what: string): number {
  const value = INTEGER.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) throw new CapError('cap/invalid', `${what} '${text}' is not an integer`, pointer);
  return value === 0 ? 0 : value;
}

// The shortest text that reads back as the same double, in decimal notation: String(n)
// switches to exponent form below 1e-6 and from 1e21, which xs:decimal does not allow.
export function formatCapDecimal(value: number): string {
  const shortest = String(value === 0 ? 0 : value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!match) return shortest;
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponentText); // position of the decimal point within digits
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
