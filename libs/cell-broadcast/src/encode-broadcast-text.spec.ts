import { decodeBroadcastPages } from './decode-broadcast-pages';
import { encodeBroadcastText } from './encode-broadcast-text';
import { unpackGsm7 } from './gsm7-packing';

const CR = 0x0d;
const ESC = 0x1b;
const septetsOf = (page: Uint8Array) => unpackGsm7(page, 93);
const ucs2UnitsOf = (page: Uint8Array) =>
  Array.from({ length: 40 }, (_, i) => (page[2 + 2 * i] << 8) | page[3 + 2 * i]);

describe('encodeBroadcastText in GSM 7 bit', () => {
  it('encodes Italian text that GSM 7 bit can carry with DCS 0x02 and no prefix', () => {
    const e = encodeBroadcastText('Terremoto. Allontanarsi dagli edifici.', 'it-IT');
    expect(e).toMatchObject({ language: 'it', alphabet: 'gsm7', dcs: 0x02, characters: 38, units: 38 });
    expect(e.pages).toHaveLength(1);
    expect(e.pages[0]).toHaveLength(82);
  });

  it('pads the rest of the page with CR septets', () => {
    const [page] = encodeBroadcastText('Hi', 'en').pages;
    expect(septetsOf(page)).toEqual([0x48, 0x69, ...new Array(91).fill(CR)]);
  });

  it('fits exactly 93 septets in one page', () => {
    const e = encodeBroadcastText('a'.repeat(93), 'en');
    expect(e.pages).toHaveLength(1);
    expect(e.units).toBe(93);
    expect(septetsOf(e.pages[0])).toEqual(new Array(93).fill(0x61));
  });

  it('needs a second page for the 94th septet', () => {
    const e = encodeBroadcastText('a'.repeat(94), 'en');
    expect(e.pages).toHaveLength(2);
    expect(septetsOf(e.pages[1])).toEqual([0x61, ...new Array(92).fill(CR)]);
  });

  it('counts each extension character as two septets but one character', () => {
    const e = encodeBroadcastText('€[]{}~^|\\', 'en');
    expect(e.characters).toBe(9);
    expect(e.units).toBe(18);
  });

  it('fills septets 92 and 93 with an escape pair that fits exactly', () => {
    const e = encodeBroadcastText(`${'a'.repeat(91)}€`, 'en');
    expect(e.pages).toHaveLength(1);
    expect(septetsOf(e.pages[0]).slice(90)).toEqual([0x61, ESC, 0x65]);
  });

  it('moves an escape pair that would straddle septets 93 and 94 whole to page 2', () => {
    const e = encodeBroadcastText(`${'a'.repeat(92)}€b`, 'en');
    expect(e.pages).toHaveLength(2);
    expect(septetsOf(e.pages[0]).slice(91)).toEqual([0x61, CR]);
    expect(septetsOf(e.pages[1]).slice(0, 4)).toEqual([ESC, 0x65, 0x62, CR]);
    expect(e.units).toBe(95);
  });

  it('prefixes the language and CR to every page when the language has no DCS of its own', () => {
    const e = encodeBroadcastText('a'.repeat(100), 'sl-SI');
    expect(e).toMatchObject({ language: 'sl', alphabet: 'gsm7', dcs: 0x10, units: 100 });
    expect(e.pages).toHaveLength(2);
    const [first, second] = e.pages.map(septetsOf);
    expect(first.slice(0, 4)).toEqual([0x73, 0x6c, CR, 0x61]);
    expect(first.slice(3)).toEqual(new Array(90).fill(0x61));
    expect(second.slice(0, 13)).toEqual([0x73, 0x6c, CR, ...new Array(10).fill(0x61)]);
    expect(second.slice(13)).toEqual(new Array(80).fill(CR));
  });

  it('fits exactly 90 text septets after a language prefix', () => {
    expect(encodeBroadcastText('a'.repeat(90), 'sl').pages).toHaveLength(1);
    expect(encodeBroadcastText('a'.repeat(91), 'sl').pages).toHaveLength(2);
  });

  it('carries Arabic text that GSM 7 bit can hold with DCS 0x10 and an "ar" prefix, never 0x22', () => {
    const e = encodeBroadcastText('TEST 123', 'ar');
    expect(e).toMatchObject({ alphabet: 'gsm7', dcs: 0x10 });
    expect(septetsOf(e.pages[0]).slice(0, 3)).toEqual([0x61, 0x72, CR]);
  });

  it('normalizes decomposed accents so they stay in GSM 7 bit', () => {
    const e = encodeBroadcastText('citta\u0300', 'it');
    expect(e).toMatchObject({ alphabet: 'gsm7', characters: 5, units: 5 });
  });
});

describe('encodeBroadcastText in UCS-2', () => {
  it.each([
    ['Polish ł', 'Uwaga: powódź, ewakuacja. Łódź', 'pl'],
    ['Greek', 'Σεισμός. Απομακρυνθείτε από τα κτίρια.', 'el'],
    ['an emoji', 'Tsunami 🌊 warning', 'en'],
    ['Arabic', 'زلزال. ابتعدوا عن المباني.', 'ar'],
  ])('falls back to UCS-2 with DCS 0x11 for %s', (_what, text, language) => {
    const e = encodeBroadcastText(text, language);
    expect(e).toMatchObject({ language, alphabet: 'ucs2', dcs: 0x11 });
  });

  it('starts every page with the language as two GSM 7 bit characters in two octets', () => {
    const e = encodeBroadcastText('ł'.repeat(41), 'pl');
    expect(e.pages).toHaveLength(2);
    for (const page of e.pages) expect(Array.from(page.subarray(0, 2))).toEqual([0x70, 0x36]);
  });

  it('fits 40 UCS-2 characters in a page and pads the rest with U+000D', () => {
    const e = encodeBroadcastText('łł', 'pl');
    expect(e.units).toBe(2);
    expect(ucs2UnitsOf(e.pages[0])).toEqual([0x0142, 0x0142, ...new Array(38).fill(0x000d)]);
    expect(encodeBroadcastText('ł'.repeat(40), 'pl').pages).toHaveLength(1);
    expect(encodeBroadcastText('ł'.repeat(41), 'pl').pages).toHaveLength(2);
  });

  it('counts an emoji as one character and two UCS-2 code units', () => {
    const e = encodeBroadcastText('🌊', 'en');
    expect(e).toMatchObject({ characters: 1, units: 2 });
  });

  it('moves a surrogate pair that would straddle units 40 and 41 whole to page 2', () => {
    const e = encodeBroadcastText(`${'ł'.repeat(39)}🌊`, 'pl');
    expect(e.pages).toHaveLength(2);
    expect(ucs2UnitsOf(e.pages[0]).slice(38)).toEqual([0x0142, 0x000d]);
    expect(ucs2UnitsOf(e.pages[1]).slice(0, 3)).toEqual([0xd83c, 0xdf0a, 0x000d]);
  });

  it('fills units 39 and 40 with a surrogate pair that fits exactly', () => {
    const e = encodeBroadcastText(`${'ł'.repeat(38)}🌊`, 'pl');
    expect(e.pages).toHaveLength(1);
    expect(ucs2UnitsOf(e.pages[0]).slice(37)).toEqual([0x0142, 0xd83c, 0xdf0a]);
  });
});

describe('encodeBroadcastText limits', () => {
  it('allows 14 text pages by default, keeping the 15th for the signature', () => {
    expect(encodeBroadcastText('a'.repeat(93 * 14), 'en').pages).toHaveLength(14);
  });

  it('refuses a 15th text page and says how many pages the text needs', () => {
    expect(() => encodeBroadcastText('a'.repeat(93 * 14 + 1), 'en')).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/too-long',
        message: 'text needs 15 GSM 7 bit pages, at most 14 allowed',
      }),
    );
  });

  it('honours a smaller maxPages', () => {
    expect(() => encodeBroadcastText('ł'.repeat(81), 'pl', { maxPages: 2 })).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/too-long', message: 'text needs 3 UCS-2 pages, at most 2 allowed' }),
    );
  });

  it('refuses a maxPages beyond the 15 pages CBS allows', () => {
    expect(() => encodeBroadcastText('a', 'en', { maxPages: 16 })).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'maxPages must be an integer in 1..15, got 16' }),
    );
  });

  // Found by the property spec: a CR that ended a page was read as padding and vanished.
  it('sends line breaks as LF, so a CR that ends a page is not taken for padding', () => {
    for (const text of ['\r', 'a'.repeat(92) + '\r\nb', 'ł'.repeat(39) + '\r' + 'ł']) {
      const e = encodeBroadcastText(text, 'en');
      expect(decodeBroadcastPages(e.dcs, e.pages).text).toBe(text.replace(/\r\n?/g, '\n'));
    }
  });

  it('refuses empty text', () => {
    expect(() => encodeBroadcastText('', 'en')).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'text is empty' }),
    );
  });

  it('refuses text with a lone surrogate', () => {
    expect(() => encodeBroadcastText('a\ud83cb', 'en')).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'text has a lone UTF-16 surrogate' }),
    );
  });

  it('refuses a language tag without a two-letter code', () => {
    expect(() => encodeBroadcastText('a', 'fil-PH')).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/unsupported-language' }),
    );
  });
});
