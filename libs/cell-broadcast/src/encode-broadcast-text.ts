import { CellBroadcastError } from './cell-broadcast-error';
import { Alphabet, broadcastLanguage, chooseDataCodingScheme } from './data-coding-scheme';
import { assertIntegerInRange } from './field-range';
import { GSM7_CR, gsm7CharacterSeptets, gsm7Septets } from './gsm7-alphabet';
import { packGsm7 } from './gsm7-packing';
import { MAX_PAGES_PER_MESSAGE, PAGE_CONTENT_OCTETS, SEPTETS_PER_PAGE } from './page';

export interface EncodedText {
  language: string;
  alphabet: Alphabet;
  dcs: number;
  characters: number;
  units: number;
  pages: Uint8Array[];
}

export interface EncodeBroadcastTextOptions {
  maxPages?: number;
}

// One of the 15 pages a message may have is kept for the FS1 signature page.
export const DEFAULT_MAX_TEXT_PAGES = MAX_PAGES_PER_MESSAGE - 1;

// TS 23.038 §5, DCS 0x11: two GSM 7 bit characters of language (2 octets), then 40 UCS-2 characters.
const UCS2_PREFIX_OCTETS = 2;
const UCS2_UNITS_PER_PAGE = (PAGE_CONTENT_OCTETS - UCS2_PREFIX_OCTETS) / 2;
const UCS2_CR = 0x000d;

export function encodeBroadcastText(
  text: string,
  language: string,
  opts: EncodeBroadcastTextOptions = {},
): EncodedText {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_TEXT_PAGES;
  assertIntegerInRange('maxPages', maxPages, 1, MAX_PAGES_PER_MESSAGE);
  const lang = broadcastLanguage(language);
  // Decomposed input (e + U+0300) would otherwise push text that GSM 7 bit can carry into UCS-2.
  // CR is the padding of a page (TS 23.041 §9.4.1.2.2), which receivers strip from each page's
  // end, so a CR of the text that ended a page would vanish on air: line breaks go out as LF,
  // CRLF and a lone CR alike (as XML 1.0 §2.11 reads them).
  const normalized = text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (normalized.length === 0) {
    throw new CellBroadcastError('cell-broadcast/invalid-field', 'text is empty');
  }
  // In a /u regex a surrogate pair is one code point, so \p{Cs} only matches a lone half.
  if (/\p{Cs}/u.test(normalized)) {
    throw new CellBroadcastError('cell-broadcast/invalid-field', 'text has a lone UTF-16 surrogate');
  }
  const codePoints = [...normalized];
  const gsm7 = codePoints.map(gsm7CharacterSeptets);
  const encoded = gsm7.every((s): s is readonly number[] => s !== null)
    ? encodeGsm7(lang, gsm7)
    : encodeUcs2(lang, codePoints);
  if (encoded.pages.length > maxPages) {
    throw new CellBroadcastError(
      'cell-broadcast/too-long',
      `text needs ${encoded.pages.length} ${encoded.alphabet === 'gsm7' ? 'GSM 7 bit' : 'UCS-2'} pages, at most ${maxPages} allowed`,
    );
  }
  return { ...encoded, characters: codePoints.length };
}

// Fills pages with whole characters: a character that does not fit moves whole to the next page,
// so neither an escape pair (TS 23.038 §6.2.1.1) nor a surrogate pair is ever split.
function paginate(characters: ReadonlyArray<readonly number[]>, perPage: number): number[][] {
  const pages: number[][] = [[]];
  for (const units of characters) {
    const current = pages[pages.length - 1];
    if (current.length + units.length > perPage) pages.push([...units]);
    else current.push(...units);
  }
  return pages;
}

function encodeGsm7(lang: string, characters: ReadonlyArray<readonly number[]>): Omit<EncodedText, 'characters'> {
  const { dcs, languagePrefix } = chooseDataCodingScheme(lang, 'gsm7');
  // TS 23.038 §5, DCS 0x10: "the first 3 characters of the message are a two-character
  // representation of the language encoded according to ISO 639, followed by a CR".
  // It goes on every page, not only the first: Android reads each page on its own and takes a
  // prefix off each (packages/modules/CellBroadcastService
  // src/com/android/cellbroadcastservice/GsmSmsCbMessage.java: createSmsCbMessage calls
  // parseGsmBody, hence unpackBody, once per page PDU).
  const prefix = languagePrefix ? [...(gsm7Septets(lang) ?? []), GSM7_CR] : [];
  const pages = paginate(characters, SEPTETS_PER_PAGE - prefix.length).map((septets) => {
    const page = [...prefix, ...septets];
    // TS 23.041 §9.4.1.2.2 / TS 23.038 §6.1.2.3.1: unused septets of a page are CR.
    while (page.length < SEPTETS_PER_PAGE) page.push(GSM7_CR);
    return packGsm7(page);
  });
  return {
    language: lang,
    alphabet: 'gsm7',
    dcs,
    units: characters.reduce((n, s) => n + s.length, 0),
    pages,
  };
}

function encodeUcs2(lang: string, codePoints: readonly string[]): Omit<EncodedText, 'characters'> {
  const { dcs } = chooseDataCodingScheme(lang, 'ucs2');
  // 14 bits of two GSM 7 bit characters, then 2 zero bits to the octet boundary; on every page,
  // as for 0x10 (Android's unpackBody reads it from each page's first 2 octets).
  const prefix = packGsm7(gsm7Septets(lang) ?? []);
  const characters = codePoints.map((c) => Array.from({ length: c.length }, (_, i) => c.charCodeAt(i)));
  const pages = paginate(characters, UCS2_UNITS_PER_PAGE).map((units) => {
    const page = new Uint8Array(PAGE_CONTENT_OCTETS);
    page.set(prefix, 0);
    for (let i = 0; i < UCS2_UNITS_PER_PAGE; i++) {
      const unit = units[i] ?? UCS2_CR;
      page[UCS2_PREFIX_OCTETS + 2 * i] = unit >> 8;
      page[UCS2_PREFIX_OCTETS + 2 * i + 1] = unit & 0xff;
    }
    return page;
  });
  return {
    language: lang,
    alphabet: 'ucs2',
    dcs,
    units: characters.reduce((n, s) => n + s.length, 0),
    pages,
  };
}
