import type { LonLat } from './geometry';
import { simplifyRing } from './simplify-ring';

// A wiggly circle of n points around Catania, closed.
function wiggly(n: number): LonLat[] {
  const ring: LonLat[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const r = 0.1 + 0.004 * Math.sin(i * 7.3);
    ring.push([15.08 + r * Math.cos(a), 37.5 + r * Math.sin(a)]);
  }
  return [...ring, ring[0]];
}

describe('simplifyRing', () => {
  it('keeps a ring already within the budget as it is, closing it if open', () => {
    const square: LonLat[] = [[15, 37], [15.1, 37], [15.1, 37.1], [15, 37.1]];
    expect(simplifyRing(square, 185)).toEqual([...square, square[0]]);
  });

  it('cuts a 10,000-point ring to the budget, closed, from its own positions', () => {
    const ring = wiggly(10_000);
    const out = simplifyRing(ring, 185);
    expect(out.length).toBeLessThanOrEqual(185);
    expect(out.length).toBeGreaterThan(150);
    expect(out[0]).toEqual(out[out.length - 1]);
    const own = new Set(ring.map((p) => p.join(',')));
    expect(out.every((p) => own.has(p.join(',')))).toBe(true);
  });

  it('still gives a polygon for the smallest budget', () => {
    const out = simplifyRing(wiggly(500), 4);
    expect(out.length).toBe(4);
    expect(out[0]).toEqual(out[3]);
  });
});
