import { bidiWords, hasRightToLeft, visualOrder } from './bidi-words';

describe('right-to-left words', () => {
  it('tells Arabic and Hebrew text from Latin, Greek and Cyrillic', () => {
    expect(['فيضان', 'שיטפון', 'Hochwasser', 'Πλημμύρα', 'Наводнение'].map(hasRightToLeft)).toEqual([true, true, false, false, false]);
  });

  it('draws an Arabic sentence with its last word leftmost', () => {
    const p = bidiWords('ابتعدوا عن مجرى النهر');
    expect(p.rtl).toBe(true);
    expect(visualOrder(p.words)).toEqual(['النهر', 'مجرى', 'عن', 'ابتعدوا']);
  });

  it('keeps a left-to-right run inside Arabic text in its own order', () => {
    const p = bidiWords('فيضان في Alto Adige 2026 الآن');
    expect(visualOrder(p.words)).toEqual(['الآن', 'Alto', 'Adige', '2026', 'في', 'فيضان']);
  });

  it('leaves a left-to-right paragraph as written, an Arabic word in it included', () => {
    const p = bidiWords('Flood warning فيضان issued');
    expect(p.rtl).toBe(false);
    expect(visualOrder(p.words)).toEqual(['Flood', 'warning', 'فيضان', 'issued']);
  });

  it('turns a run of Hebrew words around within English text', () => {
    expect(visualOrder(bidiWords('Warning: שיטפון חמור now').words)).toEqual(['Warning:', 'חמור', 'שיטפון', 'now']);
  });
});
