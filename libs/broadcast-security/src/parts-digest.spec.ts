import { createHash } from 'node:crypto';
import { partsDigest } from './parts-digest';

describe('partsDigest', () => {
  it('is SHA-256 over each part behind its 4-octet big-endian length, text as UTF-8', () => {
    const expected = createHash('sha256').update(Buffer.from([0, 0, 0, 2])).update('à', 'utf8').update(Buffer.from([0, 0, 0, 1, 7])).digest('base64url');
    expect(partsDigest(['à', new Uint8Array([7])])).toBe(expected);
  });

  it('tells apart parts whose bytes run into each other, and their order', () => {
    expect(partsDigest(['ab', 'c'])).not.toBe(partsDigest(['a', 'bc']));
    expect(partsDigest(['a', 'b'])).not.toBe(partsDigest(['b', 'a']));
    expect(partsDigest(['', 'a'])).not.toBe(partsDigest(['a']));
    expect(partsDigest(['x', new Uint8Array([0x79])])).toBe(partsDigest(['x', 'y']));
  });
});
