import { join } from 'node:path';
import fc from 'fast-check';
import { type AreaSpec, areasToGeometries, areaToGeometry } from './area-spec';
import { BoundaryCatalog } from './boundary-catalog';
import type { AreaGeometry, LonLat } from './geometry';
import { TargetingError } from './targeting-error';

// Property-based checks of area parsing (issue 9): whatever area arrives, areaToGeometry answers
// with a closed geometry or a TargetingError (a 422 at the API), never another exception.
// Bounded and seeded: a failure prints the seed and the counterexample.
const RUNS = { numRuns: 200, seed: 9_0903 };
const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));

function geometryOrRefusal(run: () => AreaGeometry | AreaGeometry[]): AreaGeometry[] | TargetingError {
  try {
    const result = run();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    if (error instanceof TargetingError && error.message !== '') return error;
    throw error;
  }
}

function expectClosedRings(geometries: AreaGeometry[]): void {
  for (const g of geometries) {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const ring of polygons.flat()) {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[ring.length - 1]).toEqual(ring[0]);
      for (const [lon, lat] of ring) expect(Number.isFinite(lon) && Number.isFinite(lat)).toBe(true);
    }
  }
}

// Any number at all, the awkward ones often: NaN, infinities, -0, the range edges and beyond.
const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 90, -90, 180, -180, 90.0000001, 180.0000001, 1e308, Number.MIN_VALUE),
);
const anyPoint = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(anyNumber, anyNumber) as fc.Arbitrary<LonLat> },
  { weight: 1, arbitrary: fc.constantFrom([] as unknown as LonLat, [1] as unknown as LonLat, null as unknown as LonLat, ['1', '2'] as unknown as LonLat) },
);
// Points near Italy, on a coarse grid so that repeats, collinear runs and crossings are common.
const gridPoint = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([x, y]): LonLat => [12 + x * 0.05, 42 + y * 0.05]);
const nearPoint = fc.tuple(fc.double({ min: 6, max: 19, noNaN: true }), fc.double({ min: 36, max: 47, noNaN: true })) as fc.Arbitrary<LonLat>;

const polygon = (point: fc.Arbitrary<LonLat>, maxLength: number): fc.Arbitrary<AreaSpec> =>
  fc.tuple(fc.array(point, { maxLength }), fc.boolean()).map(([ring, close]) => ({ kind: 'polygon', ring: close && ring.length > 0 ? [...ring, ring[0]] : ring }));
const circle: fc.Arbitrary<AreaSpec> = fc.record({ center: fc.oneof(anyPoint, nearPoint), radiusKm: anyNumber }).map((c) => ({ kind: 'circle', ...c }));
const geocode: fc.Arbitrary<AreaSpec> = fc
  .record({
    scheme: fc.constantFrom('ISTAT_REGION', 'ISTAT_PROVINCE', 'ISTAT_MUNICIPALITY', 'DPC_ALERT_ZONE', 'NUTS', '__proto__', 'constructor'),
    code: fc.oneof(fc.constantFrom('19', '087', '287', '087015', 'SICI-A', '', 'toString', '__proto__', 'hasOwnProperty'), fc.string({ maxLength: 8 })),
  })
  .map((g) => ({ kind: 'geocode', ...g }) as AreaSpec);
const anyArea = fc.oneof(polygon(anyPoint, 12), polygon(gridPoint, 10), polygon(nearPoint, 24), circle, geocode);

describe('areaToGeometry, whatever area it is given', () => {
  it('answers any polygon, circle or geocode with closed rings of finite points or a TargetingError', () => {
    fc.assert(
      fc.property(anyArea, (spec) => {
        const r = geometryOrRefusal(() => areaToGeometry(spec, catalog));
        if (!(r instanceof TargetingError)) expectClosedRings(r);
      }),
      { ...RUNS, numRuns: 600 },
    );
  });

  it('refuses a polygon whose ring crosses itself or has no area, and keeps one that does not', () => {
    fc.assert(
      fc.property(polygon(gridPoint, 8), (spec) => {
        const r = geometryOrRefusal(() => areaToGeometry(spec, catalog));
        if (r instanceof TargetingError) expect(r.code).toBe('targeting/invalid-area');
        else expectClosedRings(r);
      }),
      RUNS,
    );
  });

  it('names the area at fault by its index when one of several is refused', () => {
    fc.assert(
      fc.property(fc.array(anyArea, { minLength: 1, maxLength: 4 }), (specs) => {
        const r = geometryOrRefusal(() => areasToGeometries(specs, catalog));
        if (!(r instanceof TargetingError)) return expect(r).toHaveLength(specs.length);
        expect(r.areaIndex).toEqual(expect.any(Number));
        expect(geometryOrRefusal(() => areaToGeometry(specs[r.areaIndex as number], catalog))).toBeInstanceOf(TargetingError);
      }),
      RUNS,
    );
  });
});
