import { gsm7Septets } from './gsm7-alphabet';
import { packGsm7, unpackGsm7 } from './gsm7-packing';
import vectors from './gsm7-packing.vectors.json';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('packGsm7 against libosmocore sms_test vectors', () => {
  it.each(vectors.vectors.map((v) => [v.name, v] as const))('packs %s to the published octets', (_name, v) => {
    const septets = gsm7Septets(v.text);
    expect(septets).toHaveLength(v.septets);
    expect(hex(packGsm7(septets ?? []))).toBe(v.packed);
  });

  it.each(vectors.vectors.map((v) => [v.name, v] as const))('unpacks %s back to the text', (_name, v) => {
    const septets = unpackGsm7(Buffer.from(v.packed, 'hex'), v.septets);
    expect(septets).toEqual(gsm7Septets(v.text));
  });
});

describe('packGsm7', () => {
  it('packs "test text" into f4f29c0ea297f174', () => {
    expect(hex(packGsm7(gsm7Septets('test text') ?? []))).toBe('f4f29c0ea297f174');
  });

  it('packs 93 septets into exactly 82 octets', () => {
    expect(packGsm7(new Array(93).fill(0x7f))).toHaveLength(82);
  });

  it('leaves the spare bits of the last octet zero', () => {
    // 93 × 7 = 651 bits: the last octet carries 3 bits of the last septet and 5 zero bits.
    expect(packGsm7(new Array(93).fill(0x7f))[81]).toBe(0x07);
  });

  it('rejects a value that is not a septet', () => {
    expect(() => packGsm7([0x41, 128])).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'septet 1 is not 0..127: 128' }),
    );
  });
});

describe('unpackGsm7', () => {
  it('round-trips every septet value at every bit offset', () => {
    const septets = Array.from({ length: 128 * 8 }, (_, i) => (i * 37) % 128);
    expect(unpackGsm7(packGsm7(septets), septets.length)).toEqual(septets);
  });

  it('reads 93 septets out of 82 octets', () => {
    expect(unpackGsm7(new Uint8Array(82), 93)).toHaveLength(93);
  });

  it('refuses to read more septets than the octets hold', () => {
    expect(() => unpackGsm7(new Uint8Array(82), 94)).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: '82 octets cannot hold 94 septets' }),
    );
  });
});
