import { SimClock } from './sim-clock';

describe('SimClock', () => {
  let real = 1_000_000;
  const tick = (ms: number) => (real += ms);

  it('runs faster than real time at its rate, from where it stands, without jumping', () => {
    real = 1_000_000;
    const clock = new SimClock(0, 60, () => real);
    tick(1_000);
    expect(clock.now().getTime()).toBe(1_000_000 + 60_000);
    clock.setRate(3600);
    expect(clock.now().getTime()).toBe(1_060_000);
    tick(1_000);
    // One real second: an hour on air.
    expect(clock.now().getTime()).toBe(1_060_000 + 3_600_000);
    expect(clock.offset).toBe(1_060_000 + 3_600_000 - 1_002_000);
    clock.setRate(1);
    tick(500);
    expect(clock.now().getTime()).toBe(4_660_500);
  });

  it('moves by an offset, and keeps the rate it has', () => {
    real = 0;
    const clock = new SimClock(5_000, 1, () => real);
    expect(clock.now().getTime()).toBe(5_000);
    clock.setRate(10);
    clock.setOffset(-1_000);
    tick(100);
    expect([clock.now().getTime(), clock.rate]).toEqual([-1_000 + 100 * 10, 10]);
  });

  it('refuses a rate that is not a positive finite number within bounds', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e9]) expect(() => new SimClock(0, bad)).toThrow(RangeError);
    expect(() => new SimClock().setRate(0)).toThrow(RangeError);
  });
});
