import { durationStats } from './duration-stats';

describe('durationStats', () => {
  it('takes the middle value as median and the nearest rank as p95', () => {
    expect(durationStats([5, 1, 3])).toEqual({ count: 3, medianMs: 3, p95Ms: 5 });
  });

  it('averages the two middle values of an even count', () => {
    expect(durationStats([4, 1, 2, 3]).medianMs).toBe(2.5);
  });

  it('puts p95 of twenty values on the 19th', () => {
    expect(durationStats(Array.from({ length: 20 }, (_, i) => i + 1)).p95Ms).toBe(19);
  });

  it('gives no figure for no value', () => {
    expect(durationStats([])).toEqual({ count: 0, medianMs: null, p95Ms: null });
  });
});
