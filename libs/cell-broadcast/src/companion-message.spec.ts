import { assembleTextMessage } from './assemble-broadcast';
import {
  assembleCompanionMessage,
  assertCompanionIdentifiers,
  buildCompanionContent,
  parseCompanionContent,
  readCompanionPage,
} from './companion-message';
import { encodeBroadcastText } from './encode-broadcast-text';
import { parsePage } from './page';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const signature = Uint8Array.from({ length: 64 }, (_, i) => 0xc0 + (i % 64));

describe('buildCompanionContent', () => {
  it('lays out FS2, signed identifier, key id, issue time, signature and zero padding at their offsets', () => {
    const c = buildCompanionContent({ signedMessageIdentifier: 0x1113, keyId: 0x2a, issueTime: 1767225600, signature });
    expect(c).toHaveLength(82);
    expect(hex(c.subarray(0, 3))).toBe('465332');
    expect(hex(c.subarray(3, 5))).toBe('1113');
    expect(hex(c.subarray(5, 9))).toBe('0000002a');
    expect(hex(c.subarray(9, 13))).toBe('6955b900');
    expect(hex(c.subarray(13, 77))).toBe(hex(signature));
    expect(hex(c.subarray(77))).toBe('0000000000');
  });

  it('round-trips through parseCompanionContent', () => {
    const c = { signedMessageIdentifier: 0xffff, keyId: 0xffffffff, issueTime: 0xfffffffe, signature };
    expect(parseCompanionContent(buildCompanionContent(c))).toEqual(c);
  });

  it('refuses a signed identifier of 2^16', () => {
    expect(() => buildCompanionContent({ signedMessageIdentifier: 0x10000, keyId: 1, issueTime: 1, signature })).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'signedMessageIdentifier must be an integer in 0..65535, got 65536' }),
    );
  });
});

describe('parseCompanionContent', () => {
  const good = () => buildCompanionContent({ signedMessageIdentifier: 4371, keyId: 42, issueTime: 1767225600, signature });

  it('refuses content that starts with FS1', () => {
    const c = good();
    c[2] = 0x31;
    expect(() => parseCompanionContent(c)).toThrow(expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'page content does not start with "FS2"' }));
  });

  it.each([77, 81])('refuses a non-zero padding octet at %i', (at) => {
    const c = good();
    c[at] = 1;
    expect(() => parseCompanionContent(c)).toThrow(expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'companion octets 77..81 must be zero' }));
  });
});

describe('assembleCompanionMessage', () => {
  it('is one page of one, 8-bit data, on its own identifier with the serial number of what it signs', () => {
    const page = assembleCompanionMessage({ companionIdentifier: 0xa000, serialNumber: 0xc050, signedMessageIdentifier: 4371, keyId: 42, issueTime: 1, signature });
    expect(page).toHaveLength(88);
    expect(hex(page.subarray(0, 6))).toBe('c050a0004411');
    expect(readCompanionPage(parsePage(page))).toEqual({ companionIdentifier: 0xa000, serialNumber: 0xc050, signedMessageIdentifier: 4371, keyId: 42, issueTime: 1, signature });
  });

  it.each([0x9fff, 0xb000, 4371])('refuses companion identifier %i outside 0xA000..0xAFFF', (id) => {
    expect(() => assembleCompanionMessage({ companionIdentifier: id, serialNumber: 0, signedMessageIdentifier: 4371, keyId: 1, issueTime: 1, signature })).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field' }),
    );
  });

  it('accepts both ends of the range', () => {
    expect(() => assertCompanionIdentifiers({ primary: 0xa000, additionalLanguage: 0xafff })).not.toThrow();
    expect(() => assertCompanionIdentifiers({ primary: 0xa000, additionalLanguage: 0xa000 })).toThrow(expect.objectContaining({ message: 'the two companion message identifiers must differ' }));
  });
});

describe('readCompanionPage', () => {
  it('takes a text page on a PWS identifier for no companion', () => {
    const [page] = assembleTextMessage({ messageIdentifier: 4371, serialNumber: 0xc050, encoded: encodeBroadcastText('FS2 is text here', 'en') });
    expect(readCompanionPage(parsePage(page))).toBeNull();
  });
});

describe('assembleTextMessage', () => {
  it('puts exactly the text pages on air, numbered 1..n of n', () => {
    const pages = assembleTextMessage({ messageIdentifier: 4371, serialNumber: 0xc050, encoded: encodeBroadcastText('a'.repeat(200), 'en') });
    expect(pages.map((p) => parsePage(p)).map((p) => [p.pageNumber, p.totalPages])).toEqual([[1, 3], [2, 3], [3, 3]]);
  });

  it('accepts 15 text pages, now that no signature page takes one', () => {
    const encoded = encodeBroadcastText('a'.repeat(93 * 15), 'en', { maxPages: 15 });
    expect(assembleTextMessage({ messageIdentifier: 4371, serialNumber: 0, encoded })).toHaveLength(15);
  });
});
