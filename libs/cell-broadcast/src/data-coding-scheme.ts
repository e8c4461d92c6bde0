import { CellBroadcastError } from './cell-broadcast-error';

export type Alphabet = 'gsm7' | 'ucs2';

// TS 23.038 §5, coding group 0000: GSM 7 bit text in the language of the low nibble.
const GROUP_0_LANGUAGES: readonly string[] = [
  'de', 'en', 'it', 'fr', 'es', 'nl', 'sv', 'da', 'pt', 'fi', 'no', 'el', 'tr', 'hu', 'pl',
];

// TS 23.038 §5, coding group 0010.
const GROUP_2_LANGUAGES: readonly string[] = ['cs', 'he', 'ar', 'ru', 'is'];

// TS 23.038 Rel-18 turned 0x21 (Hebrew), 0x22 (Arabic) and 0x23 (Russian) into UCS-2, and
// current Android decodes them that way (packages/modules/CellBroadcastService
// src/com/android/cellbroadcastservice/SmsCbHeader.java, DataCodingScheme), while older
// handsets still read GSM 7 bit. Faro never sends these three values; text in those languages
// goes out as 0x10 or 0x11 with a language prefix, which every receiver reads the same way.
const GROUP_2_UCS2_LOW_NIBBLES: ReadonlySet<number> = new Set([0x1, 0x2, 0x3]);
const GROUP_2_GSM7_LANGUAGES: ReadonlySet<string> = new Set(['cs', 'is']);

// BCP 47 tags whose primary subtag is not the two letters TS 23.038 knows the language by.
const LANGUAGE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['nb', 'no'],
  ['nn', 'no'],
]);

export const DCS_GSM7_LANGUAGE_PREFIX = 0x10;
export const DCS_UCS2_LANGUAGE_PREFIX = 0x11;

// The ISO 639-1 code a BCP 47 tag puts on air: 'it-IT' → 'it', 'nb-NO' → 'no'.
export function broadcastLanguage(tag: string): string {
  const primary = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
  if (!/^[a-z]{2}$/.test(primary)) {
    throw new CellBroadcastError(
      'cell-broadcast/unsupported-language',
      `language "${tag}" has no two-letter ISO 639-1 code to put on air`,
    );
  }
  return LANGUAGE_ALIASES.get(primary) ?? primary;
}

export interface ChosenDataCodingScheme {
  dcs: number;
  // TS 23.038 §5: 0x10 and 0x11 carry the language in the text itself, ahead of every page.
  languagePrefix: boolean;
}

export function chooseDataCodingScheme(language: string, alphabet: Alphabet): ChosenDataCodingScheme {
  if (alphabet === 'ucs2') return { dcs: DCS_UCS2_LANGUAGE_PREFIX, languagePrefix: true };
  const group0 = GROUP_0_LANGUAGES.indexOf(language);
  if (group0 >= 0) return { dcs: group0, languagePrefix: false };
  if (GROUP_2_GSM7_LANGUAGES.has(language)) {
    return { dcs: 0x20 | GROUP_2_LANGUAGES.indexOf(language), languagePrefix: false };
  }
  return { dcs: DCS_GSM7_LANGUAGE_PREFIX, languagePrefix: true };
}

export interface DataCodingSchemeMeaning {
  alphabet: Alphabet;
  language: string | null;
  languagePrefix: boolean;
}

// What a receiver makes of a CBS DCS, following TS 23.038 §5 as Android's SmsCbHeader reads it.
export function describeDataCodingScheme(dcs: number): DataCodingSchemeMeaning {
  if (!Number.isInteger(dcs) || dcs < 0 || dcs > 0xff) {
    throw new CellBroadcastError('cell-broadcast/invalid-field', `DCS must be an integer in 0..255, got ${dcs}`);
  }
  const group = dcs >> 4;
  const low = dcs & 0x0f;
  const gsm7 = (language: string | null = null, languagePrefix = false): DataCodingSchemeMeaning => ({
    alphabet: 'gsm7',
    language,
    languagePrefix,
  });
  switch (group) {
    case 0x0:
      return gsm7(GROUP_0_LANGUAGES[low] ?? null);
    case 0x1:
      return low === 0x1 ? { alphabet: 'ucs2', language: null, languagePrefix: true } : gsm7(null, true);
    case 0x2:
      if (GROUP_2_UCS2_LOW_NIBBLES.has(low)) {
        return { alphabet: 'ucs2', language: GROUP_2_LANGUAGES[low], languagePrefix: false };
      }
      return gsm7(GROUP_2_LANGUAGES[low] ?? null);
    case 0x4:
    case 0x5: {
      // General data coding, uncompressed: bits 3..2 give the alphabet.
      const alphabetBits = (dcs >> 2) & 0x3;
      if (alphabetBits === 0x1) break;
      return alphabetBits === 0x2 ? { alphabet: 'ucs2', language: null, languagePrefix: false } : gsm7();
    }
    case 0x6:
    case 0x7: // compressed
    case 0x9: // message with user data header
    case 0xe: // WAP forum
      break;
    case 0xf:
      if (dcs & 0x04) break;
      return gsm7();
    default:
      // Reserved groups are read as GSM 7 bit (TS 23.038 §5).
      return gsm7();
  }
  throw new CellBroadcastError(
    'cell-broadcast/invalid-field',
    `DCS 0x${dcs.toString(16).padStart(2, '0')} is not GSM 7 bit or UCS-2 text`,
  );
}
