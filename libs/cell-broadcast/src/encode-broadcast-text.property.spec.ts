import fc from 'fast-check';
import { CellBroadcastError } from './cell-broadcast-error';
import { decodeBroadcastPages } from './decode-broadcast-pages';
import { encodeBroadcastText } from './encode-broadcast-text';
import { PAGE_CONTENT_OCTETS } from './page';

// Property-based checks of the text encoder (issue 9): any text either goes on air as pages a
// receiver reads back as that text (in NFC, line breaks as LF), or is refused with a typed CellBroadcastError,
// too-long when it does not fit. Bounded and seeded: a failure prints the seed and the
// counterexample.
const RUNS = { numRuns: 400, seed: 9_0904 };

const LANGUAGES = ['it', 'it-IT', 'en', 'de', 'fr', 'sl', 'ar', 'cs', 'ru', 'el', 'nb-NO', 'zh-Hans'];

// Characters from every corner the encoder treats apart: GSM 7 bit basic and extension,
// Latin that needs UCS-2, astral (surrogate pairs), combining marks (NFC), CR and LF.
const character = fc.oneof(
  fc.constantFrom('a', 'Z', '0', ' ', '@', '$', '_', 'è', 'à', 'Ä', 'ß', '€', '[', ']', '{', '}', '~', '^', '|', '\\', '\n', '\r', '\u000c'),
  fc.constantFrom('ł', 'ç', 'Ç', 'œ', 'ı', 'Σ', 'Ж', 'ز', '中', '🌊', '👩‍👩‍👧', 'e\u0301', '\u0301', '\u00a0', '\ufeff'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const texts = fc.oneof(
  fc.array(character, { maxLength: 300 }).map((cs) => cs.join('')),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.tuple(fc.constantFrom('a', '€', 'ł', '🌊'), fc.integer({ min: 80, max: 1400 }), fc.array(character, { maxLength: 3 })).map(([c, n, tail]) => c.repeat(n) + tail.join('')),
);

// What a receiver shows: the text in NFC, line breaks as LF (CR is the pages' padding).
const onAir = (text: string) => text.normalize('NFC').replace(/\r\n?/g, '\n');

describe('encodeBroadcastText, whatever text it is given', () => {
  it('encodes into pages that decode back to the same text, or refuses with a typed error', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom(...LANGUAGES), (text, language) => {
        let encoded: ReturnType<typeof encodeBroadcastText>;
        try {
          encoded = encodeBroadcastText(text, language);
        } catch (error) {
          if (!(error instanceof CellBroadcastError)) throw error;
          // too-long is the only refusal of a non-empty, well-formed text in a language with a code.
          if (text !== '' && !/\p{Cs}/u.test(text)) expect(error.code).toBe('cell-broadcast/too-long');
          return;
        }
        expect(encoded.pages.length).toBeGreaterThanOrEqual(1);
        for (const page of encoded.pages) expect(page).toHaveLength(PAGE_CONTENT_OCTETS);
        expect(decodeBroadcastPages(encoded.dcs, encoded.pages).text).toBe(onAir(text));
      }),
      RUNS,
    );
  });
});
