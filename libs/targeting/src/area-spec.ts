import { circle } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { BoundaryCatalog, GeocodeScheme } from './boundary-catalog';
import type { AreaGeometry, LonLat } from './geometry';
import { ringCrossesItself } from './ring-crosses-itself';
import { TargetingError } from './targeting-error';

export type AreaSpec =
  // CAP <polygon> and <circle> give "lat,lon" pairs: the caller converts them to lon/lat.
  | { kind: 'polygon'; ring: LonLat[] }
  | { kind: 'circle'; center: LonLat; radiusKm: number }
  | { kind: 'geocode'; scheme: GeocodeScheme; code: string };

const CIRCLE_STEPS = 64;
// The one radius rule for JSON and CAP circles. CAP 1.2 §3.2.4 allows radius 0, a point (OASIS
// Appendix A.3 gives an epicentre so): Faro targets a circle smaller than this as this circle,
// the cells serving the point and, with device geofencing, the phones within it. Beyond the
// maximum a "circle" is not a local alert area any more (the whole of Italy fits in 700 km).
export const MIN_CIRCLE_RADIUS_KM = 0.5;
export const MAX_CIRCLE_RADIUS_KM = 1000;

/** The radius Faro targets for a circle of radius `radiusKm`; throws targeting/invalid-area outside [0, MAX_CIRCLE_RADIUS_KM]. */
export function effectiveRadiusKm(radiusKm: number): number {
  if (!Number.isFinite(radiusKm) || radiusKm < 0 || radiusKm > MAX_CIRCLE_RADIUS_KM) {
    throw new TargetingError('targeting/invalid-area', `Circle radius must be in [0, ${MAX_CIRCLE_RADIUS_KM}] km, got ${radiusKm}`);
  }
  return Math.max(radiusKm, MIN_CIRCLE_RADIUS_KM);
}

/** areaToGeometry for each area; an error names the area at fault by its index (TargetingError.areaIndex). */
export function areasToGeometries(specs: AreaSpec[], catalog: BoundaryCatalog): AreaGeometry[] {
  return specs.map((spec, i) => {
    try {
      return areaToGeometry(spec, catalog);
    } catch (e) {
      if (e instanceof TargetingError && e.areaIndex === undefined) throw new TargetingError(e.code, `area ${i + 1}: ${e.message}`, i);
      throw e;
    }
  });
}

export function areaToGeometry(spec: AreaSpec, catalog: BoundaryCatalog): AreaGeometry {
  switch (spec.kind) {
    case 'polygon':
      return ringToPolygon(spec.ring);
    case 'circle': {
      assertLonLat(spec.center);
      return circle(spec.center, effectiveRadiusKm(spec.radiusKm), { steps: CIRCLE_STEPS, units: 'kilometers' }).geometry;
    }
    case 'geocode':
      return catalog.resolve(spec.scheme, spec.code).geometry;
  }
}

function ringToPolygon(input: LonLat[]): Polygon {
  const ring: LonLat[] = [];
  for (const point of input) {
    assertLonLat(point);
    const last = ring[ring.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) ring.push([point[0], point[1]]);
  }
  if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) {
    ring.pop();
  }
  if (ring.length < 3) {
    throw new TargetingError('targeting/invalid-area', `A polygon needs 3 distinct points, got ${ring.length}`);
  }
  const area2 = signedArea2(ring);
  if (area2 === 0) throw new TargetingError('targeting/invalid-area', 'The polygon has no area');
  // RFC 7946 §3.1.6: exterior rings are counter-clockwise.
  if (area2 < 0) ring.reverse();
  ring.push([ring[0][0], ring[0][1]]);

  const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
  if (ringCrossesItself(ring)) {
    throw new TargetingError('targeting/invalid-area', 'The polygon crosses itself');
  }
  return geometry;
}

function assertLonLat(point: LonLat): void {
  const [lon, lat] = point ?? [];
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new TargetingError('targeting/invalid-area', `Not a lon/lat pair: ${JSON.stringify(point)}`);
  }
}

function signedArea2(ring: LonLat[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum;
}
