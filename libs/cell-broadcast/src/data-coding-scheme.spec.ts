import { broadcastLanguage, chooseDataCodingScheme, describeDataCodingScheme } from './data-coding-scheme';

describe('broadcastLanguage', () => {
  it.each([
    ['it-IT', 'it'],
    ['de', 'de'],
    ['en-US', 'en'],
    ['sl', 'sl'],
    ['FR-ca', 'fr'],
    ['pt_BR', 'pt'],
    ['zh-Hant-TW', 'zh'],
    ['nb-NO', 'no'],
    ['nn', 'no'],
  ])('puts %s on air as %s', (tag, code) => {
    expect(broadcastLanguage(tag)).toBe(code);
  });

  it.each(['', 'fil', 'und', 'i-klingon', 'x', '12'])('rejects %j, which has no two-letter code', (tag) => {
    expect(() => broadcastLanguage(tag)).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/unsupported-language',
        message: `language "${tag}" has no two-letter ISO 639-1 code to put on air`,
      }),
    );
  });
});

describe('chooseDataCodingScheme', () => {
  it.each([
    ['de', '0x00'],
    ['en', '0x01'],
    ['it', '0x02'],
    ['fr', '0x03'],
    ['es', '0x04'],
    ['nl', '0x05'],
    ['sv', '0x06'],
    ['da', '0x07'],
    ['pt', '0x08'],
    ['fi', '0x09'],
    ['no', '0x0a'],
    ['el', '0x0b'],
    ['tr', '0x0c'],
    ['hu', '0x0d'],
    ['pl', '0x0e'],
    ['cs', '0x20'],
    ['is', '0x24'],
  ])('gives GSM 7 bit %s the DCS %s with no prefix', (language, dcs) => {
    expect(chooseDataCodingScheme(language, 'gsm7')).toEqual({ dcs: Number(dcs), languagePrefix: false });
  });

  it.each(['sl', 'hr', 'ro', 'et'])('gives GSM 7 bit %s the DCS 0x10 with a language prefix', (language) => {
    expect(chooseDataCodingScheme(language, 'gsm7')).toEqual({ dcs: 0x10, languagePrefix: true });
  });

  it.each(['he', 'ar', 'ru'])(
    'gives GSM 7 bit %s the DCS 0x10, because Rel-18 receivers read 0x21..0x23 as UCS-2',
    (language) => {
      expect(chooseDataCodingScheme(language, 'gsm7')).toEqual({ dcs: 0x10, languagePrefix: true });
    },
  );

  it.each(['it', 'ar', 'sl', 'el'])('gives UCS-2 %s the DCS 0x11 with a language prefix', (language) => {
    expect(chooseDataCodingScheme(language, 'ucs2')).toEqual({ dcs: 0x11, languagePrefix: true });
  });
});

describe('describeDataCodingScheme', () => {
  it('reads group 0000 as GSM 7 bit in the language of the low nibble', () => {
    expect(describeDataCodingScheme(0x02)).toEqual({ alphabet: 'gsm7', language: 'it', languagePrefix: false });
    expect(describeDataCodingScheme(0x0f)).toEqual({ alphabet: 'gsm7', language: null, languagePrefix: false });
  });

  it('reads 0x10 and 0x11 as carrying a language prefix', () => {
    expect(describeDataCodingScheme(0x10)).toEqual({ alphabet: 'gsm7', language: null, languagePrefix: true });
    expect(describeDataCodingScheme(0x11)).toEqual({ alphabet: 'ucs2', language: null, languagePrefix: true });
  });

  it('reads Czech and Icelandic in group 0010 as GSM 7 bit', () => {
    expect(describeDataCodingScheme(0x20)).toEqual({ alphabet: 'gsm7', language: 'cs', languagePrefix: false });
    expect(describeDataCodingScheme(0x24)).toEqual({ alphabet: 'gsm7', language: 'is', languagePrefix: false });
  });

  it('reads Hebrew, Arabic and Russian in group 0010 as UCS-2, as TS 23.038 Rel-18 and Android do', () => {
    expect(describeDataCodingScheme(0x21)).toEqual({ alphabet: 'ucs2', language: 'he', languagePrefix: false });
    expect(describeDataCodingScheme(0x22)).toEqual({ alphabet: 'ucs2', language: 'ar', languagePrefix: false });
    expect(describeDataCodingScheme(0x23)).toEqual({ alphabet: 'ucs2', language: 'ru', languagePrefix: false });
  });

  it('reads the general data coding groups by their alphabet bits', () => {
    expect(describeDataCodingScheme(0x40).alphabet).toBe('gsm7');
    expect(describeDataCodingScheme(0x48).alphabet).toBe('ucs2');
  });

  it.each(['0x44', '0x60', '0x90', '0xe0', '0xf4'])('refuses %s, which is not GSM 7 bit or UCS-2 text', (dcs) => {
    expect(() => describeDataCodingScheme(Number(dcs))).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/invalid-field',
        message: `DCS ${dcs} is not GSM 7 bit or UCS-2 text`,
      }),
    );
  });

  it('refuses a DCS that is not an octet', () => {
    expect(() => describeDataCodingScheme(256)).toThrow(expect.objectContaining({ code: 'cell-broadcast/invalid-field' }));
  });
});
