import { translate } from '../i18n/translate';
import { bucketLabel, figureLabel, nextDayStart } from './figure-label';

const it_ = (key: Parameters<typeof translate>[1]) => translate('it', key);

describe('figure labels', () => {
  it('names a figure with the catalog’s word, a territory with its name, an unknown value as it is', () => {
    expect(figureLabel('hazard', { key: 'flood' }, it_)).toBe('Alluvione');
    expect(figureLabel('msgType', { key: 'Cancel' }, it_)).toBe('Revoca');
    expect(figureLabel('territory', { key: 'IT-R19', label: 'Sicilia' }, it_)).toBe('Sicilia');
    expect(figureLabel('hazard', { key: 'meteorite' }, it_)).toBe('meteorite');
  });

  it('labels a bar by its UTC day, or month, in the reader’s language', () => {
    expect(bucketLabel('2026-12-06T00:00:00.000Z', 'day', 'it')).toBe('06/12');
    expect(bucketLabel('2026-12-01T00:00:00.000Z', 'month', 'en')).toBe('Dec 2026');
  });

  it('ends a period after its last day, a leap day included', () => {
    expect(nextDayStart('2024-02-28')).toBe('2024-02-29T00:00:00.000Z');
  });
});
