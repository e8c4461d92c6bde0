import { assembleBroadcast } from './assemble-broadcast';
import { decodeBroadcastPages } from './decode-broadcast-pages';
import { encodeBroadcastText } from './encode-broadcast-text';
import { parsePage } from './page';
import { parseSignaturePageContent } from './signature-page';

const signature = new Uint8Array(64).fill(0x5a);

describe('assembleBroadcast', () => {
  it('puts the text pages first and the FS1 page last, all under one header and n+1 total pages', () => {
    const encoded = encodeBroadcastText('a'.repeat(200), 'en');
    const pages = assembleBroadcast({
      messageIdentifier: 4371,
      serialNumber: 0xc050,
      encoded,
      keyId: 42,
      issueTime: 1767225600,
      signature,
    });
    expect(pages).toHaveLength(4);
    const parsed = pages.map(parsePage);
    parsed.forEach((p, i) => {
      expect(p).toMatchObject({ serialNumber: 0xc050, messageIdentifier: 4371, dcs: 0x01, pageNumber: i + 1, totalPages: 4 });
    });
    expect(decodeBroadcastPages(0x01, parsed.slice(0, 3).map((p) => p.content)).text).toBe('a'.repeat(200));
    expect(parseSignaturePageContent(parsed[3].content)).toEqual({ keyId: 42, issueTime: 1767225600, signature });
  });

  it('accepts 14 text pages, making 15 in all', () => {
    const encoded = encodeBroadcastText('a'.repeat(93 * 14), 'en');
    expect(assembleBroadcast({ messageIdentifier: 4371, serialNumber: 0, encoded, keyId: 1, issueTime: 1, signature })).toHaveLength(15);
  });

  it('refuses 15 text pages, which leave no room for the signature page', () => {
    const encoded = encodeBroadcastText('a'.repeat(93 * 15), 'en', { maxPages: 15 });
    expect(() => assembleBroadcast({ messageIdentifier: 4371, serialNumber: 0, encoded, keyId: 1, issueTime: 1, signature })).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/too-long',
        message: '15 text pages and a signature page make 16 pages, at most 15 allowed',
      }),
    );
  });

  it('refuses a broadcast with no text page', () => {
    const encoded = { ...encodeBroadcastText('a', 'en'), pages: [] };
    expect(() => assembleBroadcast({ messageIdentifier: 4371, serialNumber: 0, encoded, keyId: 1, issueTime: 1, signature })).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'a broadcast needs at least one text page' }),
    );
  });
});
