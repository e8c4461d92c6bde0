import { fanoutPriority } from './alert';

describe('fanoutPriority', () => {
  it('runs level-1 alerts first, then extreme, severe and the rest (lower runs first)', () => {
    const p = (severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor', level1 = false) => fanoutPriority({ capStatus: 'Actual', severity, level1 });
    expect([p('Minor', true), p('Extreme'), p('Severe'), p('Moderate'), p('Minor')]).toEqual([1, 2, 3, 5, 5]);
  });

  it('runs test and exercise alerts after every live one, whatever their severity', () => {
    expect(fanoutPriority({ capStatus: 'Test', severity: 'Extreme', level1: true })).toBe(10);
    expect(fanoutPriority({ capStatus: 'Exercise', severity: 'Extreme', level1: false })).toBe(10);
  });
});
