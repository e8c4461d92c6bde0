import { areasKey } from './targeting-cache';

describe('areasKey', () => {
  const catania = { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' } as const;

  it('is the same for the same areas whatever the order of their keys (a spec read back from jsonb)', () => {
    const reordered = JSON.parse('{"code":"087015","kind":"geocode","scheme":"ISTAT_MUNICIPALITY"}');
    expect(areasKey([reordered])).toBe(areasKey([catania]));
  });

  it('differs for other areas, another order of areas, or one more area', () => {
    const messina = { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '083048' } as const;
    const keys = [areasKey([catania]), areasKey([messina]), areasKey([catania, messina]), areasKey([messina, catania]), areasKey([catania, catania])];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
