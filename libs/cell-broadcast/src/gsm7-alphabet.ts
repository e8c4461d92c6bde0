import { CellBroadcastError } from './cell-broadcast-error';

export const GSM7_ESCAPE = 0x1b;
export const GSM7_CR = 0x0d;

// TS 23.038 §6.2.1: GSM 7 bit default alphabet, indexed by septet. 0x1B is the escape to the
// extension table and stands for no character of its own.
const DEFAULT_ALPHABET: readonly string[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];

// TS 23.038 §6.2.1.1: extension table, reached by ESC + septet; each character costs two septets.
const EXTENSION_TABLE: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);

const SEPTETS_BY_CHARACTER: ReadonlyMap<string, readonly number[]> = new Map<string, readonly number[]>([
  ...DEFAULT_ALPHABET.flatMap((c, septet): Array<[string, readonly number[]]> =>
    septet === GSM7_ESCAPE ? [] : [[c, [septet]]],
  ),
  ...[...EXTENSION_TABLE].map(([septet, c]): [string, readonly number[]] => [c, [GSM7_ESCAPE, septet]]),
]);

// The septets of one code point: one from the default alphabet, two (ESC + septet) from the
// extension table, null when neither holds it.
export function gsm7CharacterSeptets(codePoint: string): readonly number[] | null {
  return SEPTETS_BY_CHARACTER.get(codePoint) ?? null;
}

export function gsm7Septets(text: string): number[] | null {
  const septets: number[] = [];
  for (const codePoint of text) {
    const s = gsm7CharacterSeptets(codePoint);
    if (s === null) return null;
    septets.push(...s);
  }
  return septets;
}

export function decodeGsm7Septets(septets: number[]): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const septet = septets[i];
    if (!Number.isInteger(septet) || septet < 0 || septet > 0x7f) {
      throw new CellBroadcastError('cell-broadcast/invalid-field', `septet ${i} is not 0..127: ${septet}`);
    }
    if (septet !== GSM7_ESCAPE) {
      text += DEFAULT_ALPHABET[septet];
      continue;
    }
    // A lone ESC at the very end carries no character.
    if (i + 1 >= septets.length) break;
    const next = septets[++i];
    if (next === GSM7_ESCAPE) {
      // TS 23.038 §6.2.1.1: ESC ESC is reserved for another extension table; display a space.
      text += ' ';
    } else {
      // TS 23.038 §6.2.1.1: a code the extension table does not define is shown as the
      // default alphabet's character for that code.
      text += EXTENSION_TABLE.get(next) ?? DEFAULT_ALPHABET[next];
    }
  }
  return text;
}
