import { mixSeed, seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
  });

  it('draws numbers in [0, 1) with a mean near one half', () => {
    const next = seededRandom(7);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const x = next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1);
  });

  it('gives different streams for seeds mixed from different parts', () => {
    expect(mixSeed(1, 2, 3)).not.toBe(mixSeed(1, 2, 4));
    expect(seededRandom(mixSeed(1, 2))()).not.toBe(seededRandom(mixSeed(2, 1))());
  });
});
