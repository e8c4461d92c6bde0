import { join } from 'node:path';
import type { Polygon } from 'geojson';
import { seededRandom } from '@faro/inventory';
import { BoundaryCatalog } from './boundary-catalog';
import { type AreaGeometry, geometryContains, geometryPolygons } from './geometry';
import { type FlatRing, flattenRing, INSIDE, OUTSIDE, PARTIAL, ringContains, segmentsIntersect } from './planar';
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

// The relation by brute force, over every edge: what relate() answers through its edge index and
// its grid of faces.
function relateByEveryEdge(geometry: AreaGeometry, ring: FlatRing) {
  const { xy, from, to } = ring;
  for (const polygon of geometryPolygons(geometry)) {
    for (const edges of polygon) {
      for (let e = 0; e + 1 < edges.length; e++) {
        for (let i = from; i < to - 1; i++) {
          const [cx, cy] = edges[e];
          const [dx, dy] = edges[e + 1];
          if (segmentsIntersect(xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3], cx, cy, dx, dy)) return PARTIAL;
        }
      }
      if (edges.some(([x, y]) => ringContains(ring, x, y))) return PARTIAL;
    }
  }
  return geometryContains(geometry, xy[2 * from], xy[2 * from + 1]) ? INSIDE : OUTSIDE;
}

function hexagon(x: number, y: number, r: number): number[][] {
  const ring = Array.from({ length: 6 }, (_, k) => [x + r * Math.cos((k * Math.PI) / 3), y + r * Math.sin((k * Math.PI) / 3)]);
  return [...ring, ring[0]];
}

describe('PreparedArea', () => {
  it('relates seeded hexagons of every size around Sicily and its islands as a test of every edge does', () => {
    const sicily = catalog.resolve('ISTAT_REGION', '19').geometry;
    const prepared = new PreparedArea(sicily);
    const [minX, minY, maxX, maxY] = prepared.bbox;
    const next = seededRandom(23);
    const seen = { [INSIDE]: 0, [OUTSIDE]: 0, [PARTIAL]: 0 };
    for (let i = 0; i < 1500; i++) {
      const x = minX - 0.2 + next() * (maxX - minX + 0.4);
      const y = minY - 0.2 + next() * (maxY - minY + 0.4);
      const ring = hexagon(x, y, 10 ** (-3 + 3 * next()));
      const expected = relateByEveryEdge(sicily, flattenRing(ring));
      expect([i, relate(prepared, ring)]).toEqual([i, expected]);
      seen[expected]++;
    }
    expect(Math.min(seen[INSIDE], seen[OUTSIDE], seen[PARTIAL])).toBeGreaterThan(150);
  });

  it('sees a ring touch the area at a vertex or along an edge, however coarse its grid', () => {
    const triangle = new PreparedArea({ type: 'Polygon', coordinates: [[[0, 0], [8, 0], [0, 8], [0, 0]]] });
    expect(relate(triangle, square(-1, -1, 0, 0))).toBe(PARTIAL);
    expect(relate(triangle, square(2, -1, 3, 0))).toBe(PARTIAL);
    expect(relate(triangle, square(4, 4, 5, 5))).toBe(PARTIAL);
    expect(relate(triangle, square(4.01, 4.01, 5, 5))).toBe(OUTSIDE);
    expect(relate(triangle, square(0.5, 0.5, 1, 1))).toBe(INSIDE);
    expect(relate(triangle, square(-3, 2, -2, 3))).toBe(OUTSIDE);
  });

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
