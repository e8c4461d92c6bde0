import { circleRing, regionalLanguages, touches, type Position } from './area-languages';

const square = (x: number, y: number, size: number): Position[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const territories = {
  'province:021': [square(11, 46.2, 1)],
  'region:02': [square(7, 45.5, 0.5)],
  'region:06': [square(12.5, 45.6, 1)],
};

describe('regionalLanguages', () => {
  it('adds German for a drawn area reaching into Alto Adige and nothing for Sicily', () => {
    expect(regionalLanguages([{ rings: [square(11.5, 45.9, 0.5)] }], territories)).toEqual(['de']);
    expect(regionalLanguages([{ rings: [square(15, 37.4, 0.2)] }], territories)).toEqual([]);
  });

  it('adds French and Slovenian for a comune known only by its codes', () => {
    expect(regionalLanguages([{ province: '007', region: '02' }, { province: '030', region: '06' }], territories)).toEqual(['fr', 'sl']);
  });

  it('sees a territory lying wholly inside a large drawn area', () => {
    expect(regionalLanguages([{ rings: [square(6, 44, 10)] }], territories)).toEqual(['de', 'fr', 'sl']);
  });

  it('takes a circle as touching where its ring reaches', () => {
    expect(touches([circleRing([12.45, 46.1], 10)], territories['region:06'])).toBe(true);
    expect(touches([circleRing([12.2, 46.1], 10)], territories['region:06'])).toBe(false);
  });
});
