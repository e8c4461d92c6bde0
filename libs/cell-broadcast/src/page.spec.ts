import { encodeBroadcastText } from './encode-broadcast-text';
import { buildPage, PageHeader, parsePage } from './page';
import vectors from './page.vectors.json';
import { encodeSerialNumber, SerialNumber } from './serial-number';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const header = (h: Partial<PageHeader> = {}): PageHeader => ({
  serialNumber: 0xc050,
  messageIdentifier: 4371,
  dcs: 0x02,
  pageNumber: 1,
  totalPages: 1,
  ...h,
});

describe('buildPage against the libosmocore gsm0341 test page', () => {
  it.each(vectors.vectors.map((v) => [v.name, v] as const))(
    'reproduces the %s page octet for octet, CR padding included',
    (_name, v) => {
      const encoded = encodeBroadcastText(v.text, 'de');
      expect(encoded.dcs).toBe(v.dcs);
      const page = buildPage(
        {
          serialNumber: encodeSerialNumber(v.serialNumber as SerialNumber),
          messageIdentifier: v.messageIdentifier,
          dcs: encoded.dcs,
          pageNumber: v.pageNumber,
          totalPages: v.totalPages,
        },
        encoded.pages[0],
      );
      expect(hex(page)).toBe(v.page);
    },
  );

  it.each(vectors.vectors.map((v) => [v.name, v] as const))('parses the %s page back to its header fields', (_name, v) => {
    const parsed = parsePage(Buffer.from(v.page, 'hex'));
    expect(parsed).toMatchObject({
      serialNumber: encodeSerialNumber(v.serialNumber as SerialNumber),
      messageIdentifier: v.messageIdentifier,
      dcs: v.dcs,
      pageNumber: v.pageNumber,
      totalPages: v.totalPages,
    });
    expect(hex(parsed.content)).toBe(v.page.slice(12));
  });
});

describe('buildPage', () => {
  it('writes serial and message identifier big-endian, the DCS, then page n of m in one octet', () => {
    const page = buildPage(
      header({ serialNumber: 0xc051, messageIdentifier: 0x1113, dcs: 0x11, pageNumber: 3, totalPages: 15 }),
      new Uint8Array(82).fill(0xaa),
    );
    expect(page).toHaveLength(88);
    expect(hex(page.subarray(0, 6))).toBe('c051111311' + '3f');
    expect(page.subarray(6).every((b) => b === 0xaa)).toBe(true);
  });

  it('round-trips through parsePage', () => {
    const content = Uint8Array.from({ length: 82 }, (_, i) => i);
    const h = header({ serialNumber: 0xffff, messageIdentifier: 0xffff, dcs: 0xff, pageNumber: 15, totalPages: 15 });
    expect(parsePage(buildPage(h, content))).toEqual({ ...h, content });
  });

  it.each([
    ['serial number 65536', { serialNumber: 0x10000 }, 'serialNumber must be an integer in 0..65535, got 65536'],
    ['message identifier -1', { messageIdentifier: -1 }, 'messageIdentifier must be an integer in 0..65535, got -1'],
    ['DCS 256', { dcs: 256 }, 'dcs must be an integer in 0..255, got 256'],
    ['page number 0', { pageNumber: 0 }, 'pageNumber must be an integer in 1..1, got 0'],
    ['page 3 of 2', { pageNumber: 3, totalPages: 2 }, 'pageNumber must be an integer in 1..2, got 3'],
    ['16 pages', { totalPages: 16 }, 'totalPages must be an integer in 1..15, got 16'],
    ['0 pages', { totalPages: 0 }, 'totalPages must be an integer in 1..15, got 0'],
  ])('refuses %s', (_what, h, message) => {
    expect(() => buildPage(header(h), new Uint8Array(82))).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message }),
    );
  });

  it('refuses content that is not 82 octets', () => {
    expect(() => buildPage(header(), new Uint8Array(81))).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'page content must be 82 octets, got 81' }),
    );
  });
});

describe('parsePage', () => {
  it('refuses a page that is not 88 octets', () => {
    expect(() => parsePage(new Uint8Array(87))).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'a CBS page is 88 octets, got 87' }),
    );
  });

  it.each([
    ['0x01', 0x01],
    ['0x10', 0x10],
    ['0x32', 0x32],
  ])('refuses page parameter %s, which is not page n of m', (text, parameter) => {
    const page = buildPage(header(), new Uint8Array(82));
    page[5] = parameter;
    expect(() => parsePage(page)).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: `page parameter ${text} is not page n of m` }),
    );
  });
});
