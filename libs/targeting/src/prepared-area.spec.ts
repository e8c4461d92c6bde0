import { join } from 'node:path';
import type { Polygon } from 'geojson';
import { seededRandom } from '@faro/inventory';
import { BoundaryCatalog } from './boundary-catalog';
import { geometryContains } from './geometry';
import { flattenRing, INSIDE, OUTSIDE, PARTIAL } from './planar';
import { PreparedArea } from './prepared-area';

const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

function relate(area: PreparedArea, ring: number[][]) {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return area.relate(flattenRing(ring), [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
}

describe('PreparedArea', () => {
  it('agrees with a plain even-odd test on every ring for seeded points around Sicily', () => {
    const sicily = catalog.resolve('ISTAT_REGION', '19').geometry;
    const prepared = new PreparedArea(sicily);
    const [minX, minY, maxX, maxY] = prepared.bbox;
    const next = seededRandom(19);
    let inside = 0;
    for (let i = 0; i < 3000; i++) {
      const x = minX - 0.1 + next() * (maxX - minX + 0.2);
      const y = minY - 0.1 + next() * (maxY - minY + 0.2);
      const expected = geometryContains(sicily, x, y);
      expect(prepared.contains(x, y)).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(300);
  });

  // A 10 × 10 square with a 2 × 2 hole in the middle.
  const holed: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
  const area = new PreparedArea(holed);

  it('tells a ring inside, outside, crossing or touching the area', () => {
    expect(relate(area, square(1, 1, 2, 2))).toBe(INSIDE);
    expect(relate(area, square(11, 11, 12, 12))).toBe(OUTSIDE);
    expect(relate(area, square(9, 9, 11, 11))).toBe(PARTIAL);
    expect(relate(area, square(10, 1, 11, 2))).toBe(PARTIAL);
  });

  it('treats a hole as outside the area', () => {
    expect(area.contains(5, 5)).toBe(false);
    expect(relate(area, square(4.5, 4.5, 5.5, 5.5))).toBe(OUTSIDE);
    expect(relate(area, square(3, 3, 7, 7))).toBe(PARTIAL);
  });

  it('sees an area lying wholly inside a large ring', () => {
    expect(relate(area, square(-1, -1, 11, 11))).toBe(PARTIAL);
  });
});
