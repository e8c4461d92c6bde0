import { CellBroadcastError } from './cell-broadcast-error';
import { decodeGsm7Septets, gsm7Septets } from './gsm7-alphabet';

describe('gsm7Septets', () => {
  it('maps the letters, digits and punctuation of ASCII to the same code', () => {
    expect(gsm7Septets('Az09 !?')).toEqual([0x41, 0x7a, 0x30, 0x39, 0x20, 0x21, 0x3f]);
  });

  it('maps the characters that differ from ASCII to their TS 23.038 codes', () => {
    expect(gsm7Septets('@£$¥èéùìòÇ')).toEqual([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]);
    expect(gsm7Septets('_ΔΣ¤¡§¿àÉß')).toEqual([0x11, 0x10, 0x18, 0x24, 0x40, 0x5f, 0x60, 0x7f, 0x1f, 0x1e]);
  });

  it.each([
    ['€', '0x65'],
    ['[', '0x3c'],
    [']', '0x3e'],
    ['{', '0x28'],
    ['}', '0x29'],
    ['~', '0x3d'],
    ['^', '0x14'],
    ['|', '0x40'],
    ['\\', '0x2f'],
    ['\f', '0x0a'],
  ])('counts the extension character %j as two septets, ESC then %s', (char, code) => {
    expect(gsm7Septets(char)).toEqual([0x1b, Number(code)]);
  });

  it.each([
    ['Polish ł', 'ł'],
    ['Greek small letters', 'σεισμός'],
    ['an emoji', '🌊'],
    ['Cyrillic', 'Землетрясение'],
    ['the escape code itself', '\u001b'],
    ['a typographic apostrophe', '’'],
  ])('returns null for %s', (_what, text) => {
    expect(gsm7Septets(text)).toBeNull();
  });
});

describe('decodeGsm7Septets', () => {
  it('decodes every default alphabet code back to the character that encodes to it', () => {
    for (let septet = 0; septet < 128; septet++) {
      if (septet === 0x1b) continue;
      const char = decodeGsm7Septets([septet]);
      expect(gsm7Septets(char)).toEqual([septet]);
    }
  });

  it('decodes escape pairs through the extension table', () => {
    expect(decodeGsm7Septets([0x1b, 0x65, 0x1b, 0x3c, 0x1b, 0x3e])).toBe('€[]');
  });

  it('shows the default alphabet character for an escape code the extension table lacks', () => {
    expect(decodeGsm7Septets([0x1b, 0x41])).toBe('A');
  });

  it('shows a space for ESC ESC, the reserved second extension table', () => {
    expect(decodeGsm7Septets([0x41, 0x1b, 0x1b, 0x42])).toBe('A B');
  });

  it('drops a lone escape at the end', () => {
    expect(decodeGsm7Septets([0x41, 0x1b])).toBe('A');
  });

  it('rejects a value that is not a septet', () => {
    expect(() => decodeGsm7Septets([0x80])).toThrow(CellBroadcastError);
    expect(() => decodeGsm7Septets([0x80])).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'septet 0 is not 0..127: 128' }),
    );
  });
});
