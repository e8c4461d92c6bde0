import { decodeBroadcastPages } from './decode-broadcast-pages';
import { encodeBroadcastText } from './encode-broadcast-text';
import { packGsm7 } from './gsm7-packing';
import { gsm7Septets } from './gsm7-alphabet';

const long = (sentence: string, times: number) => Array.from({ length: times }, () => sentence).join(' ');

describe('decodeBroadcastPages', () => {
  it.each([
    ['it', 'gsm7', '0x02', 1, 'Terremoto. Allontanarsi dagli edifici.'],
    ['it', 'ucs2', '0x11', 3, 'Allerta rossa: città e paesi a valle, raggiungete i piani alti. Ore 14:30 – evacuare.'],
    ['it', 'gsm7', '0x02', 9, long("Piena dell'Arno in arrivo a Firenze: evitate sottopassi e lungarni.", 12)],
    ['en', 'gsm7', '0x01', 1, 'Flash flood warning [test] {1} ~ ^ | \\ € in effect.'],
    ['en', 'gsm7', '0x01', 13, long('Extreme wind warning: take shelter now {zone 4} [ref|7] ~ 120 km/h ^^', 15)],
    ['de', 'gsm7', '0x00', 1, 'Hochwasser! Straßen meiden, Keller räumen. Ölspur auf der B 31.'],
    ['de', 'ucs2', '0x11', 14, long('Unwetterwarnung für den Landkreis Görlitz – Orkanböen über 120 km/h.', 8)],
    ['fr', 'gsm7', '0x03', 1, 'Alerte crue : évitez les berges. Où ? Près de la Loire.'],
    ['fr', 'ucs2', '0x11', 2, "Alerte : sœurs et frères, quittez l'œuvre — évacuation immédiate."],
    ['sl', 'gsm7', '0x10', 1, 'Potres. Zapustite stavbe in pojdite na odprto.'],
    ['sl', 'ucs2', '0x11', 2, 'Poplave: čim prej zapustite območje ob Savi. Ne vozite skozi vodo!'],
    ['sl', 'gsm7', '0x10', 7, long('Opozorilo pred poplavami ob Savinji, umaknite se na varno.', 10)],
    ['ar', 'ucs2', '0x11', 2, 'زلزال. ابتعدوا عن المباني وتوجهوا إلى الأماكن المفتوحة.'],
    ['ar', 'ucs2', '0x11', 10, long('تحذير من فيضانات مفاجئة 🌊 في الوادي، توجهوا إلى المرتفعات فوراً.', 6)],
    ['ar', 'gsm7', '0x10', 1, 'TEST 123'],
    ['pl', 'ucs2', '0x11', 9, long('Uwaga! Powódź błyskawiczna w Łodzi 🌧️, unikaj przejść podziemnych.', 5)],
    ['el', 'ucs2', '0x11', 2, 'Σεισμός 6,1 R. Απομακρυνθείτε από κτίρια.'],
    ['cs', 'gsm7', '0x20', 1, 'Povoden: opustte oblast.'],
    ['ru', 'ucs2', '0x11', 1, 'Внимание! Угроза наводнения.'],
  ] as const)('round-trips %s text in %s (DCS %s, %s pages) through its pages', (language, alphabet, dcs, pages, text) => {
    const e = encodeBroadcastText(text, language);
    expect(e).toMatchObject({ alphabet, dcs: Number(dcs) });
    expect(e.pages).toHaveLength(pages);
    expect(decodeBroadcastPages(e.dcs, e.pages)).toEqual({ language, text });
  });

  it('round-trips texts that fill pages right up to an escape pair or surrogate pair boundary', () => {
    for (let n = 85; n <= 100; n++) {
      for (const tail of ['€', '[x]', '🌊', 'ł🌊']) {
        const text = 'a'.repeat(n) + tail;
        const e = encodeBroadcastText(text, 'en');
        expect(decodeBroadcastPages(e.dcs, e.pages).text).toBe(text);
      }
    }
  });

  it('takes the language from the prefix when the DCS is 0x10 or 0x11', () => {
    const gsm = encodeBroadcastText('Potres.', 'sl');
    const ucs2 = encodeBroadcastText('Potres č.', 'sl');
    expect(decodeBroadcastPages(gsm.dcs, gsm.pages).language).toBe('sl');
    expect(decodeBroadcastPages(ucs2.dcs, ucs2.pages).language).toBe('sl');
  });

  it('gives no language for a DCS that names none', () => {
    const content = packGsm7([...(gsm7Septets('hello') ?? []), ...new Array(88).fill(0x0d)]);
    expect(decodeBroadcastPages(0x0f, [content])).toEqual({ language: null, text: 'hello' });
  });

  it('reads DCS 0x22 as Arabic UCS-2 with no prefix, as Rel-18 receivers do', () => {
    const content = new Uint8Array(82).fill(0);
    const units = [0x0632, 0x0644];
    units.forEach((u, i) => {
      content[2 * i] = u >> 8;
      content[2 * i + 1] = u & 0xff;
    });
    for (let i = units.length; i < 41; i++) content[2 * i + 1] = 0x0d;
    expect(decodeBroadcastPages(0x22, [content])).toEqual({ language: 'ar', text: 'زل' });
  });

  it('refuses page content that is not 82 octets', () => {
    expect(() => decodeBroadcastPages(0x01, [new Uint8Array(88)])).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/malformed-page',
        message: 'page 1 content must be 82 octets, got 88',
      }),
    );
  });
});
