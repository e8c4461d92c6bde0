import { BitReader, BitWriter } from './bit-stream';

describe('BitWriter', () => {
  it('writes most significant bit first across octet boundaries', () => {
    const w = new BitWriter();
    w.write(0b0001, 4);
    w.write(3, 10);
    expect(Buffer.from(w.bytes()).toString('hex')).toBe('100c');
  });

  it('pads with zero bits to the octet boundary on align', () => {
    const w = new BitWriter();
    w.write(1, 1);
    w.align();
    w.write(0xff, 8);
    expect(Array.from(w.bytes())).toEqual([0x80, 0xff]);
  });

  it('writes fields wider than 31 bits without losing the top bits', () => {
    const w = new BitWriter();
    w.write(2 ** 40 - 1, 40);
    expect(Buffer.from(w.bytes()).toString('hex')).toBe('ffffffffff');
  });
});

describe('BitReader', () => {
  it('reads back what BitWriter wrote', () => {
    const w = new BitWriter();
    const fields = [[5, 4], [1000, 10], [0x3fffff, 22], [0, 22], [64, 20], [1, 1]] as const;
    for (const [v, bits] of fields) w.write(v, bits);
    const r = new BitReader(w.bytes());
    for (const [v, bits] of fields) expect(r.read(bits)).toBe(v);
  });

  it('skips the rest of a part-read octet and nothing when already aligned', () => {
    const r = new BitReader(Uint8Array.from([0xff, 0x0f, 0xaa]));
    r.read(3);
    r.skipToOctet();
    expect(r.read(8)).toBe(0x0f);
    r.skipToOctet();
    expect(r.read(8)).toBe(0xaa);
  });

  it('starts at an offset', () => {
    expect(new BitReader(Uint8Array.from([0x00, 0x00, 0x81]), 2).read(8)).toBe(0x81);
  });

  it('refuses to read past the end', () => {
    const r = new BitReader(Uint8Array.from([0xff]));
    expect(() => r.read(9)).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'read past the end of 1 octets' }),
    );
  });
});
