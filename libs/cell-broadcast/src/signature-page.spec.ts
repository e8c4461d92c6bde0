import { buildSignaturePageContent, parseSignaturePageContent, signedPayload } from './signature-page';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const signature = Uint8Array.from({ length: 64 }, (_, i) => 0xc0 + (i % 64));

describe('buildSignaturePageContent', () => {
  it('lays out FS1, key id, issue time, signature and zero padding at their offsets', () => {
    const c = buildSignaturePageContent({ keyId: 0x0000002a, issueTime: 1767225600, signature });
    expect(c).toHaveLength(82);
    expect(hex(c.subarray(0, 3))).toBe('465331'); // 'FS1'
    expect(hex(c.subarray(3, 7))).toBe('0000002a');
    expect(hex(c.subarray(7, 11))).toBe('6955b900'); // 1767225600 = 2026-01-01T00:00:00Z
    expect(hex(c.subarray(11, 75))).toBe(hex(signature));
    expect(hex(c.subarray(75))).toBe('00000000000000');
  });

  it('round-trips through parseSignaturePageContent', () => {
    const page = { keyId: 0xffffffff, issueTime: 0xfffffffe, signature };
    expect(parseSignaturePageContent(buildSignaturePageContent(page))).toEqual(page);
  });

  it.each([
    ['key id 2^32', { keyId: 2 ** 32 }, 'keyId must be an integer in 0..4294967295, got 4294967296'],
    ['a negative issue time', { issueTime: -1 }, 'issueTime must be an integer in 0..4294967295, got -1'],
    ['a 63-octet signature', { signature: signature.subarray(1) }, 'an Ed25519 signature is 64 octets, got 63'],
  ])('refuses %s', (_what, fields, message) => {
    expect(() => buildSignaturePageContent({ keyId: 1, issueTime: 1, signature, ...fields })).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message }),
    );
  });
});

describe('parseSignaturePageContent', () => {
  const good = () => buildSignaturePageContent({ keyId: 42, issueTime: 1767225600, signature });

  it('refuses content that does not start with FS1', () => {
    const c = good();
    c[2] = 0x32; // 'FS2'
    expect(() => parseSignaturePageContent(c)).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'page content does not start with "FS1"' }),
    );
  });

  it.each([75, 81])('refuses a non-zero octet %s in the padding', (offset) => {
    const c = good();
    c[offset] = 1;
    expect(() => parseSignaturePageContent(c)).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'signature page octets 75..81 must be zero' }),
    );
  });

  it('refuses content that is not 82 octets', () => {
    expect(() => parseSignaturePageContent(new Uint8Array(88))).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'signature page content must be 82 octets, got 88' }),
    );
  });

  it('reads a page that sits inside a larger buffer', () => {
    const buffer = new Uint8Array(88);
    buffer.set(good(), 6);
    expect(parseSignaturePageContent(buffer.subarray(6))).toEqual({ keyId: 42, issueTime: 1767225600, signature });
  });
});

describe('signedPayload', () => {
  it('concatenates msgId, serial, DCS, issue time, key id and every text page in order', () => {
    const pages = [new Uint8Array(82).fill(0x11), new Uint8Array(82).fill(0x22)];
    const p = signedPayload({
      messageIdentifier: 4371,
      serialNumber: 0xc050,
      dcs: 0x02,
      issueTime: 1767225600,
      keyId: 0x0000002a,
      textPages: pages,
    });
    expect(p).toHaveLength(13 + 2 * 82);
    expect(hex(p.subarray(0, 13))).toBe('1113' + 'c050' + '02' + '6955b900' + '0000002a');
    expect(hex(p.subarray(13, 95))).toBe('11'.repeat(82));
    expect(hex(p.subarray(95))).toBe('22'.repeat(82));
  });

  it('refuses a text page that is not 82 octets of content', () => {
    expect(() =>
      signedPayload({ messageIdentifier: 1, serialNumber: 1, dcs: 1, issueTime: 1, keyId: 1, textPages: [new Uint8Array(88)] }),
    ).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/invalid-field',
        message: 'text page 1 must be 82 octets of content, got 88',
      }),
    );
  });

  it.each([0, 15])('refuses %s text pages', (n) => {
    const textPages = Array.from({ length: n }, () => new Uint8Array(82));
    expect(() => signedPayload({ messageIdentifier: 1, serialNumber: 1, dcs: 1, issueTime: 1, keyId: 1, textPages })).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/invalid-field',
        message: `textPages.length must be an integer in 1..14, got ${n}`,
      }),
    );
  });
});
