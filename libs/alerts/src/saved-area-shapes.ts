import { z } from 'zod';
import { MAX_POLYGON_VERTICES } from '@faro/cell-broadcast';
import { AREA_LIMITS, simplifyRing, type LonLat } from '@faro/targeting';
import { AlertError } from './alert-error';
import { incidentFieldsSchema } from './parse-incident-json';

// What an operator saves as an area (POST /api/v1/saved-areas): areas as an incident takes them,
// or a GeoJSON upload (Polygon, MultiPolygon, Feature or FeatureCollection of them) whose outer
// rings become polygons. Every polygon is simplified to the vertices one Warning Area Coordinates
// polygon can carry (MAX_POLYGON_VERTICES), so the saved area can go on air as drawn.

const areasSchema = incidentFieldsSchema.shape.areas;
export type SavedArea = z.infer<typeof areasSchema>[number];

export const SAVED_AREA_VERTEX_BUDGET = MAX_POLYGON_VERTICES;

export function savedAreaShapes(input: { areas?: unknown; geojson?: unknown }): SavedArea[] {
  if ((input.areas === undefined) === (input.geojson === undefined)) throw new AlertError('alert/invalid-incident', 'body: give either areas or geojson', '/');
  const raw = input.areas !== undefined ? input.areas : polygonsOf(input.geojson);
  const parsed = areasSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const at = `/${input.areas !== undefined ? 'areas' : 'geojson'}${i.path.length ? '/' + i.path.map(String).join('/') : ''}`;
    throw new AlertError('alert/invalid-incident', `${at}: ${i.message}`, at);
  }
  return parsed.data.map((a) => (a.type === 'polygon' ? { ...a, coordinates: simplifyRing(a.coordinates as LonLat[], SAVED_AREA_VERTEX_BUDGET) } : a));
}

function polygonsOf(g: unknown): unknown[] {
  const o = g as { type?: unknown; features?: unknown; geometry?: unknown; coordinates?: unknown } | null;
  switch (o?.type) {
    case 'FeatureCollection':
      if (!Array.isArray(o.features)) break;
      return count(o.features.flatMap((f) => polygonsOf(f)));
    case 'Feature':
      return polygonsOf(o.geometry);
    case 'Polygon':
      return Array.isArray(o.coordinates) ? [{ type: 'polygon', coordinates: o.coordinates[0] }] : [];
    case 'MultiPolygon':
      return Array.isArray(o.coordinates) ? count(o.coordinates.map((p: unknown[]) => ({ type: 'polygon', coordinates: Array.isArray(p) ? p[0] : p }))) : [];
  }
  throw new AlertError('alert/invalid-incident', '/geojson: must be a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of them', '/geojson');
}

function count(polygons: unknown[]): unknown[] {
  if (polygons.length > AREA_LIMITS.areasPerAlert) throw new AlertError('alert/invalid-incident', `/geojson: ${polygons.length} polygons; an alert carries at most ${AREA_LIMITS.areasPerAlert} areas`, '/geojson');
  return polygons;
}
