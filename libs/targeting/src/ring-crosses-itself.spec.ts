import { kinks, polygon } from '@turf/turf';
import { seededRandom } from '@faro/inventory';
import type { LonLat } from './geometry';
import { ringCrossesItself } from './ring-crosses-itself';

function closed(points: LonLat[]): LonLat[] {
  return [...points, points[0]];
}

// A star-shaped outline of n points (simple by construction) around Catania.
function wiggly(n: number): LonLat[] {
  const points: LonLat[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const r = 0.1 * (1 + 0.05 * Math.sin(50 * t));
    points.push([15 + r * Math.cos(t), 37.5 + r * Math.sin(t)]);
  }
  return closed(points);
}

describe('ringCrossesItself', () => {
  it('finds a bow tie crossing itself and a square not', () => {
    expect(ringCrossesItself(closed([[15, 37], [15.2, 37.1], [15.3, 37], [15, 37.1]]))).toBe(true);
    expect(ringCrossesItself(closed([[15, 37], [15.1, 37], [15.1, 37.1], [15, 37.1]]))).toBe(false);
  });

  it('counts a vertex touching a non-adjacent edge as meeting it, as turf kinks does', () => {
    const ring = closed([[0, 0], [2, 0], [2, 2], [1, 0], [0, 2]]);
    expect(ringCrossesItself(ring)).toBe(true);
    expect(kinks(polygon([ring])).features.length).toBeGreaterThan(0);
  });

  it('agrees with turf kinks on a thousand random rings', () => {
    const random = seededRandom(9);
    for (let trial = 0; trial < 1000; trial++) {
      const n = 3 + Math.floor(random() * 8);
      const ring = closed(Array.from({ length: n }, (): LonLat => [Math.round(random() * 10), Math.round(random() * 10)]));
      expect([trial, ringCrossesItself(ring)]).toEqual([trial, kinks(polygon([ring])).features.length > 0]);
    }
  });

  it('decides a simple 100,000-point outline and the same outline with one vertex pulled across it', () => {
    const ring = wiggly(100_000);
    expect(ringCrossesItself(ring)).toBe(false);
    ring[50_000] = [15.2, 37.5];
    expect(ringCrossesItself(ring)).toBe(true);
  });
});
