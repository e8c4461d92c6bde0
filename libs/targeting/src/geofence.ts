import { simplify } from '@turf/turf';
import { effectiveRadiusKm, type AreaSpec } from './area-spec';
import type { AreaGeometry } from './geometry';

// Geofences travel in every broadcast: keep them small (WEA devices parse each polygon from a
// 10-bit length field) by simplifying resolved boundaries.
const WAC_MAX_VERTICES = 40;
const WAC_MAX_POLYGONS = 8;

// One shape of a broadcast's geofence, as TS 23.041's Warning Area Coordinates carry it
// (libs/cell-broadcast's WacGeometry has this very shape).
export type FenceShape =
  | { type: 'polygon'; vertices: { lat: number; lon: number }[] }
  | { type: 'circle'; center: { lat: number; lon: number }; radiusKm: number };

/**
 * Warning Area Coordinates: circles stay circles, polygons are sent as drawn when small, resolved
 * boundaries (geocodes) are simplified until they fit, each once (a national area's 20 regions
 * take 50–90 ms). Gives the shapes a broadcast carries and, per area, the fence a phone applies
 * as a geometry, or null where it is the area itself (a circle; a polygon sent as drawn): for
 * the overshoot after geofencing.
 */
export function geofences(specs: AreaSpec[], geometries: AreaGeometry[]): { shapes: FenceShape[]; geometries: Array<AreaGeometry | null> } {
  const fences = specs.map((spec, i) => areaFence(spec, geometries[i]));
  return { shapes: fences.flatMap((f) => f.shapes).slice(0, WAC_MAX_POLYGONS * 2), geometries: fences.map((f) => f.geometry) };
}

function areaFence(spec: AreaSpec, g: AreaGeometry): { shapes: FenceShape[]; geometry: AreaGeometry | null } {
  // The radius targeting used: a radius-0 circle (a point) is widened to the minimum.
  if (spec.kind === 'circle') return { shapes: [{ type: 'circle', center: { lon: spec.center[0], lat: spec.center[1] }, radiusKm: effectiveRadiusKm(spec.radiusKm) }], geometry: null };
  const rings = fencedRings(g);
  const shapes: FenceShape[] = rings.map((ring) => ({ type: 'polygon', vertices: ring.slice(0, -1).map(([lon, lat]) => ({ lat, lon })) }));
  const drawn = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
  const unchanged = g.type === 'Polygon' && g.coordinates.length === 1 && rings.length === 1 && rings[0] === drawn[0];
  return { shapes, geometry: unchanged ? null : { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) } };
}

function fencedRings(g: AreaGeometry): number[][][] {
  const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
  return rings
    .map((ring) => fitRing(ring))
    .sort((a, b) => b.length - a.length)
    .slice(0, WAC_MAX_POLYGONS);
}

function fitRing(ring: number[][]): number[][] {
  let tolerance = 0.0005;
  let r = ring;
  while (r.length > WAC_MAX_VERTICES + 1 && tolerance < 1) {
    const s = simplify({ type: 'Polygon', coordinates: [ring] } as GeoJSON.Polygon, { tolerance, highQuality: false });
    r = s.coordinates[0];
    tolerance *= 2;
  }
  return r.length > WAC_MAX_VERTICES + 1 ? [...r.slice(0, WAC_MAX_VERTICES), r[0]] : r;
}
