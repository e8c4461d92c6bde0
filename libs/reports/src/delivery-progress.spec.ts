import { deliveryProgress } from './delivery-progress';

describe('deliveryProgress', () => {
  it('finds when half, 95 % and all of the targeted cells were on air', () => {
    const times = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
    const p = deliveryProgress(20, [...times].reverse());
    expect(p.reached).toEqual({ p50: times[9], p95: times[18], p100: times[19] });
    expect(p.firstOnAirAt).toBe(times[0]);
    expect(p.curve).toHaveLength(20);
  });

  it('leaves a milestone empty when too few cells went on air', () => {
    const p = deliveryProgress(4, ['2026-01-01T00:00:01.000Z', null, '2026-01-01T00:00:02.000Z', null]);
    expect(p.reached).toEqual({ p50: '2026-01-01T00:00:02.000Z', p95: null, p100: null });
    expect(p.onAir).toBe(2);
  });

  it('rounds a milestone up to whole cells: 95 % of 3 cells is all 3', () => {
    const p = deliveryProgress(3, ['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z', null]);
    expect(p.reached.p95).toBeNull();
  });

  it('merges cells that came on air at one moment into one step of the curve', () => {
    const at = '2026-01-01T00:00:01.000Z';
    expect(deliveryProgress(3, [at, at, '2026-01-01T00:00:03.000Z']).curve).toEqual([
      { at, cells: 2 },
      { at: '2026-01-01T00:00:03.000Z', cells: 3 },
    ]);
  });

  it('has no milestone for an alert that targeted no cell', () => {
    expect(deliveryProgress(0, []).reached).toEqual({ p50: null, p95: null, p100: null });
  });
});
