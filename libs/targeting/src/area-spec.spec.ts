import { join } from 'node:path';
import { distance } from '@turf/turf';
import type { Polygon } from 'geojson';
import { type AreaSpec, areasToGeometries, areaToGeometry, MIN_CIRCLE_RADIUS_KM } from './area-spec';
import { BoundaryCatalog } from './boundary-catalog';
import { TargetingError } from './targeting-error';

const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));

function errorOf(spec: AreaSpec): TargetingError {
  try {
    areaToGeometry(spec, catalog);
  } catch (e) {
    return e as TargetingError;
  }
  throw new Error('no error thrown');
}

describe('areaToGeometry', () => {
  it('turns a circle into a closed 64-step polygon at the given radius', () => {
    const geometry = areaToGeometry({ kind: 'circle', center: [15.09, 37.5], radiusKm: 5 }, catalog) as Polygon;
    const ring = geometry.coordinates[0];
    expect(geometry.type).toBe('Polygon');
    expect(ring).toHaveLength(65);
    expect(ring[64]).toEqual(ring[0]);
    for (const point of ring) expect(distance([15.09, 37.5], point, { units: 'kilometers' })).toBeCloseTo(5, 3);
  });

  it('targets a circle of radius 0, a point, as a circle of the minimum radius', () => {
    const geometry = areaToGeometry({ kind: 'circle', center: [15.09, 37.5], radiusKm: 0 }, catalog) as Polygon;
    for (const point of geometry.coordinates[0]) expect(distance([15.09, 37.5], point, { units: 'kilometers' })).toBeCloseTo(MIN_CIRCLE_RADIUS_KM, 3);
  });

  it('names the area at fault among several by its index', () => {
    let error: TargetingError | undefined;
    try {
      areasToGeometries([{ kind: 'circle', center: [15, 37], radiusKm: 1 }, { kind: 'circle', center: [15, 37], radiusKm: -2 }], catalog);
    } catch (e) {
      error = e as TargetingError;
    }
    expect(error).toMatchObject({ code: 'targeting/invalid-area', areaIndex: 1, message: 'area 2: Circle radius must be in [0, 1000] km, got -2' });
  });

  it('closes an open ring and turns a clockwise ring counter-clockwise', () => {
    const geometry = areaToGeometry(
      {
        kind: 'polygon',
        ring: [
          [15.0, 37.5],
          [15.1, 37.5],
          [15.1, 37.4],
          [15.0, 37.4],
        ],
      },
      catalog,
    ) as Polygon;
    expect(geometry.coordinates[0]).toEqual([
      [15.0, 37.4],
      [15.1, 37.4],
      [15.1, 37.5],
      [15.0, 37.5],
      [15.0, 37.4],
    ]);
  });

  it('keeps a closed counter-clockwise ring as it is', () => {
    const ring: Array<[number, number]> = [
      [15.0, 37.4],
      [15.1, 37.4],
      [15.1, 37.5],
      [15.0, 37.4],
    ];
    expect((areaToGeometry({ kind: 'polygon', ring }, catalog) as Polygon).coordinates[0]).toEqual(ring);
  });

  it('returns the catalog geometry for a geocode', () => {
    const spec: AreaSpec = { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' };
    expect(areaToGeometry(spec, catalog)).toBe(catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry);
  });

  it.each<[string, AreaSpec, string]>([
    [
      'a polygon with two distinct points',
      { kind: 'polygon', ring: [[15, 37], [15.1, 37], [15, 37]] },
      'A polygon needs 3 distinct points, got 2',
    ],
    [
      'a polygon whose points are on one line',
      { kind: 'polygon', ring: [[15, 37], [15.1, 37], [15.2, 37]] },
      'The polygon has no area',
    ],
    [
      'a polygon that crosses itself',
      { kind: 'polygon', ring: [[15, 37], [15.2, 37.1], [15.3, 37], [15, 37.1]] },
      'The polygon crosses itself',
    ],
    [
      'a point with latitude beyond 90°',
      { kind: 'polygon', ring: [[15, 37], [15.1, 95], [15.1, 37]] },
      'Not a lon/lat pair: [15.1,95]',
    ],
    [
      'a circle of negative radius',
      { kind: 'circle', center: [15, 37], radiusKm: -1 },
      'Circle radius must be in [0, 1000] km, got -1',
    ],
    [
      'a circle wider than 1000 km',
      { kind: 'circle', center: [15, 37], radiusKm: 1000.5 },
      'Circle radius must be in [0, 1000] km, got 1000.5',
    ],
  ])('rejects %s as an invalid area', (_, spec, message) => {
    const error = errorOf(spec);
    expect(error).toBeInstanceOf(TargetingError);
    expect(error.code).toBe('targeting/invalid-area');
    expect(error.message).toBe(message);
  });

  it('rejects an unknown geocode with its own code', () => {
    const error = errorOf({ kind: 'geocode', scheme: 'ISTAT_REGION', code: '42' });
    expect(error.code).toBe('targeting/unknown-geocode');
  });
});
