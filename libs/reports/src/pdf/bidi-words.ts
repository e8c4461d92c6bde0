import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

// Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, and their presentation forms.
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

export interface BidiWord {
  text: string;
  /** UAX #9 embedding level: odd is right to left. */
  level: number;
}

export function hasRightToLeft(text: string): boolean {
  return RTL.test(text);
}

/**
 * A paragraph's words in logical order with their embedding level (bidi-js, UAX #9), and whether
 * the paragraph runs right to left. A word takes the highest level of its characters: a number
 * in Arabic text is a left-to-right run within it.
 */
export function bidiWords(text: string): { rtl: boolean; words: BidiWord[] } {
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text, 'auto');
  const words: BidiWord[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    let level = 0;
    for (let i = m.index; i < m.index + m[0].length; i++) level = Math.max(level, levels[i]);
    words.push({ text: m[0], level });
  }
  return { rtl: (paragraphs[0]?.level ?? 0) % 2 === 1, words };
}

/**
 * One line's words in the order they are drawn, left to right: UAX #9 rule L2 applied to words
 * (from the highest level down to the lowest odd one, every run at that level or above is
 * reversed). PDFKit lays out each word by itself (fontkit shapes it and turns a right-to-left
 * word's glyphs around) and places the words left to right, so reversing the word order is
 * the part left to do.
 */
export function visualOrder(words: readonly BidiWord[]): string[] {
  const out = [...words];
  const levels = out.map((w) => w.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.map((l) => (l % 2 === 1 ? l : l + 1)), highest + 1);
  for (let k = highest; k >= lowestOdd; k--) {
    for (let i = 0; i < out.length; ) {
      if (out[i].level < k) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && out[j].level >= k) j++;
      out.splice(i, j - i, ...out.slice(i, j).reverse());
      i = j;
    }
  }
  return out.map((w) => w.text);
}
