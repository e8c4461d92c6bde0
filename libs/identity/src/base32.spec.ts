import { decodeBase32, encodeBase32 } from './base32';

// RFC 4648 §10 test vectors, without the '=' padding Faro leaves off.
const VECTORS: [string, string][] = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
];

describe('base32 (RFC 4648)', () => {
  it.each(VECTORS)('encodes %j as %j', (text, b32) => {
    expect(encodeBase32(new TextEncoder().encode(text))).toBe(b32);
  });

  it.each(VECTORS)('decodes the encoding of %j back', (text, b32) => {
    expect(new TextDecoder().decode(decodeBase32(b32)!)).toBe(text);
  });

  it('decodes padded, spaced and lower-case input the way authenticator apps show it', () => {
    expect(new TextDecoder().decode(decodeBase32('mzxw 6ytb oi======')!)).toBe('foobar');
  });

  it('answers null for characters outside the alphabet', () => {
    expect(decodeBase32('MZXW1')).toBeNull();
    expect(decodeBase32('MZXW8')).toBeNull();
  });
});
