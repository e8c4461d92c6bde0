import { en } from './catalog-en';
import { it as itCatalog } from './catalog-it';
import { translate } from './translate';

describe('the message catalogs', () => {
  it('have the same keys in Italian and English', () => {
    expect(Object.keys(itCatalog).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differ = Object.keys(en).filter((k) => names(en[k as keyof typeof en]).join() !== names(itCatalog[k as keyof typeof en]).join());
    expect(differ).toEqual([]);
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(translate('en', 'alert.progressValue', { percent: 42, total: 7 })).toBe('42 % of 7 cell deliveries (cells × languages)');
    expect(translate('it', 'alert.progressValue', { percent: 42 })).toBe('42 % di {total} consegne (celle × lingue)');
  });
});
