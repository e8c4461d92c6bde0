import { area as geodesicArea } from '@turf/turf';
import { cellArea, cellsToMultiPolygon, cellToLatLng, cellToParent } from 'h3-js';
import type { BoundaryCatalog, GeocodeScheme } from './boundary-catalog';
import type { CellIndex } from './cell-index';
import type { CellKind } from './cell-record';
import type { AreaGeometry, BBox } from './geometry';
import {
  areaUnion,
  cellUnion,
  difference,
  hexEdgeKm,
  type RasterShape,
  rasterise,
  rasteriseSplit,
  resolutionFor,
  unionBBox,
} from './h3-raster';
import { INSIDE, OUTSIDE, PARTIAL, ringAreaKm2 } from './planar';
import { PreparedArea } from './prepared-area';
import { residentPopulation } from './resident-population';
import { TargetingError } from './targeting-error';

export interface RouteTargets {
  kind: CellKind;
  gatewayId: string;
  cellIds: string[];
  /** Covered by this route's cells beyond the requested area (routes overlap: they may sum to more than overshootKm2). */
  overshootKm2: number;
}

/** What targeting found for one of the areas given, in their order. */
export interface AreaReach {
  /** Whether some targeted cell covers part of this area. */
  reachesCells: boolean;
  requestedKm2: number;
  /** Of this area, what no targeted cell covers. */
  uncoveredKm2: number;
}

export interface TargetingResult {
  /** Sorted. */
  cellIds: string[];
  byRoute: Record<string, RouteTargets>;
  counts: { terrestrial: number; satellite: number; total: number };
  requestedAreaKm2: number;
  /** Area of the union of the targeted cells' coverage. */
  coveredAreaKm2: number;
  /** Covered beyond the requested area. */
  overshootKm2: number;
  /** Beyond the requested area where a phone that applies the geofence (TargetingOptions.geofence) still alerts. */
  geofencedOvershootKm2: number;
  areas: AreaReach[];
  /** Requested area that no targeted cell covers. */
  uncoveredKm2: number;
  /** Where uncoveredKm2 lies: the union of the uncovered H3 cells (see method), or null when none. */
  uncovered: AreaGeometry | null;
  /** People living inside the requested area (ISTAT pop_2025, area-weighted over comuni). */
  residentPopulation: number;
  /** How the figures above were measured. */
  method: string;
}

export interface TargetingOptions {
  kinds?: CellKind[];
  /** The geofence phones apply (the Warning Area Coordinates sent), per area; null where it is the area itself. */
  geofence?: Array<AreaGeometry | null>;
  /** Per area, the territory it is (its comuni count whole in the resident population); null for a drawn area. */
  territories?: Array<{ scheme: GeocodeScheme; code: string } | null>;
}

// Areas are measured by sampling H3 cell centres: a hexagon counts when its centre lies in the
// region. Only hexagons cut by the region's boundary can be misjudged, so the error is at most
// about perimeter × hexagon edge (and much less on average, since errors on either side cancel).
// A national alert (~301,000 km²) stays within MAX_REQUESTED_HEXES at resolution 7 (5.2 km²,
// edge 1.4 km); a comune-sized area is measured at resolution 10–11 (edge 25–75 m).
const MAX_REQUESTED_HEXES = 100_000;
const MAX_OVERSHOOT_HEXES = 200_000;
// The uncovered outline is drawn from at most this many hexagons, coarsening by whole levels.
const MAX_OUTLINE_HEXES = 20_000;
// Overshoot is shared out among routes on a coarser raster: each hexagon goes to every route
// with a cell covering its centre. 4,000 keeps the extra pass small next to the overshoot's own
// (a route's share is a figure for the drafter, not a measure to the km²).
const MAX_ROUTE_HEXES = 4_000;

/**
 * Cells to broadcast to for the union of `areas`, with what they cover beyond it, what of it
 * they leave uncovered and how many people live in it. Cells come from flatbush candidates
 * tested exactly against each area; nothing scans the whole inventory.
 */
export function targetAreas(
  areas: AreaGeometry[],
  index: CellIndex,
  catalog: BoundaryCatalog,
  opts: TargetingOptions = {},
): TargetingResult {
  if (areas.length === 0) throw new TargetingError('targeting/invalid-area', 'No area to target');
  for (const area of areas) {
    const type = (area as { type?: unknown } | null)?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      throw new TargetingError('targeting/invalid-area', `Not a Polygon or MultiPolygon: ${String(type)}`);
    }
  }
  const kinds = new Set<CellKind>(opts.kinds ?? ['terrestrial', 'satellite']);
  const prepared = areas.map((area) => new PreparedArea(area));

  // Cells: OUTSIDE / PARTIAL / INSIDE of the union of the areas. A cell already inside one area
  // is related to the next only until that area is known to reach some cell.
  const relation = new Uint8Array(index.size);
  const reaches = prepared.map(() => false);
  prepared.forEach((area, a) => {
    for (const i of index.within(area.bbox)) {
      if ((relation[i] === INSIDE && reaches[a]) || !kinds.has(index.kind(i))) continue;
      const r = index.relate(i, area);
      if (r !== OUTSIDE) reaches[a] = true;
      if (r > relation[i]) relation[i] = r;
    }
  });
  const targeted: number[] = [];
  for (let i = 0; i < relation.length; i++) if (relation[i] !== OUTSIDE) targeted.push(i);

  // `targeted` ascends by index: by id too when the index is in id order, so nothing to sort.
  const cellIds = targeted.map((i) => index.id(i));
  if (!index.idsAscending) cellIds.sort();
  const byRoute: Record<string, RouteTargets> = {};
  const counts = { terrestrial: 0, satellite: 0, total: targeted.length };
  for (const i of targeted) {
    const kind = index.kind(i);
    const { routeId, gatewayId } = index.route(i);
    counts[kind]++;
    (byRoute[routeId] ??= { kind, gatewayId, cellIds: [], overshootKm2: 0 }).cellIds.push(index.id(i));
  }
  if (!index.idsAscending) for (const route of Object.values(byRoute)) route.cellIds.sort();

  // Requested and uncovered area, on one raster.
  const requestedShape = areaUnion(prepared);
  const exactKm2 = areas.reduce((sum, area) => sum + geodesicArea(area) / 1e6, 0);
  const requestedRes = resolutionFor(exactKm2, MAX_REQUESTED_HEXES);
  const selected = new Uint8Array(index.size);
  for (const i of targeted) selected[i] = 1;
  const targetedBBox = unionBBox(targeted.map((i) => index.bboxOf(i)));
  const { all: requested, outside: uncovered } = rasteriseSplit(requestedShape, cellUnion(index, selected, targetedBBox), requestedRes, { outside: true });

  // Overshoot: only cells not wholly inside an area can cover anything outside the areas.
  const straddling = new Uint8Array(index.size);
  let straddlingKm2 = 0;
  const straddlingBoxes: BBox[] = [];
  for (const i of targeted) {
    if (relation[i] !== PARTIAL) continue;
    straddling[i] = 1;
    straddlingKm2 += ringAreaKm2(index.ring(i));
    straddlingBoxes.push(index.bboxOf(i));
  }
  const overshootRes = resolutionFor(straddlingKm2, MAX_OVERSHOOT_HEXES);
  const straddlingShape = straddlingBoxes.length === 0 ? null : cellUnion(index, straddling, unionBBox(straddlingBoxes));
  const overshootShape = straddlingShape && difference(straddlingShape, requestedShape);
  // With device geofencing a phone alerts only inside its fence: beyond the areas, that is where
  // a fence that is not the area itself (a simplified boundary) reaches past it under the cells,
  // told apart in the overshoot's own raster.
  const fences = (opts.geofence ?? []).filter((f): f is AreaGeometry => !!f).map((f) => new PreparedArea(f));
  const { all: overshoot, inside: fenced } = overshootShape
    ? rasteriseSplit(overshootShape, fences.length > 0 ? areaUnion(fences) : null, overshootRes)
    : { all: { areaKm2: 0 }, inside: { areaKm2: 0 } };
  const geofenced = fenced.areaKm2;
  const routeRes = shareOvershoot(overshootShape, overshoot, overshootRes, index, straddling, byRoute);

  const areaReach = reachOf(prepared, areas, reaches, uncovered.hexes, uncovered.areaKm2);
  const requestedAreaKm2 = requested.areaKm2;
  const uncoveredKm2 = uncovered.areaKm2;
  const overshootKm2 = overshoot.areaKm2;
  const outline = uncoveredOutline(uncovered.hexes, requestedRes);
  const population = residentPopulation(prepared, catalog, (opts.territories ?? []).map((t) => (t ? catalog.membersOf(t.scheme, t.code) : null)));

  return {
    cellIds,
    byRoute,
    counts,
    requestedAreaKm2: round3(requestedAreaKm2),
    coveredAreaKm2: round3(requestedAreaKm2 - uncoveredKm2 + overshootKm2),
    overshootKm2: round3(overshootKm2),
    geofencedOvershootKm2: round3(Math.min(geofenced, overshootKm2)),
    uncoveredKm2: round3(uncoveredKm2),
    areas: areaReach,
    uncovered: outline.geometry,
    residentPopulation: population.residents,
    method:
      `cells: flatbush bbox candidates, exact planar ring test; ` +
      `areas: H3 centre sampling, requested/uncovered at res ${requestedRes} ` +
      `(edge ${hexEdgeKm(requestedRes).toPrecision(2)} km), overshoot at res ${overshootRes} ` +
      `(edge ${hexEdgeKm(overshootRes).toPrecision(2)} km), error ≲ perimeter × edge; ` +
      `overshoot per route at res ${routeRes}; overshoot after geofencing: fence − requested ∩ covered at res ${overshootRes}; ` +
      `uncovered outline: union of H3 res ${outline.resolution} cells; ` +
      `population: ISTAT pop_2025, ${population.whole} comuni whole, ${population.partial} by area share`,
  };
}

// Each route's share of the overshoot: the hexagons of a coarser raster of it whose centre one of
// the route's straddling cells covers. Returns the resolution used.
function shareOvershoot(
  shape: RasterShape | null,
  overshoot: { areaKm2: number },
  overshootRes: number,
  index: CellIndex,
  straddling: Uint8Array,
  byRoute: Record<string, RouteTargets>,
): number {
  if (!shape || overshoot.areaKm2 === 0) return overshootRes;
  const straddlingRoutes = new Set<string>();
  for (let i = 0; i < straddling.length; i++) if (straddling[i]) straddlingRoutes.add(index.route(i).routeId);
  if (straddlingRoutes.size === 1) {
    const only = [...straddlingRoutes][0];
    byRoute[only].overshootKm2 = round3(overshoot.areaKm2);
    return overshootRes;
  }
  const res = Math.min(overshootRes, resolutionFor(overshoot.areaKm2, MAX_ROUTE_HEXES));
  const raster = rasterise(shape, res, true);
  const km2 = new Map<string, number>();
  for (const hex of raster.hexes) {
    const [lat, lon] = cellToLatLng(hex);
    const seen = new Set<string>();
    index.forEachCovering(lon, lat, (i) => straddling[i] === 1, (i) => seen.add(index.route(i).routeId));
    const a = cellArea(hex, 'km2');
    for (const route of seen) km2.set(route, (km2.get(route) ?? 0) + a);
  }
  for (const [route, value] of km2) byRoute[route].overshootKm2 = round3(value);
  return res;
}

// Whether each area reaches a cell, its size and what of it no cell covers (the uncovered
// hexagons whose centre lies in it).
function reachOf(prepared: PreparedArea[], areas: AreaGeometry[], reaches: boolean[], uncoveredHexes: string[], uncoveredKm2: number): AreaReach[] {
  const uncovered = prepared.map(() => 0);
  if (prepared.length === 1) uncovered[0] = uncoveredKm2;
  else {
    for (const hex of uncoveredHexes) {
      const [lat, lon] = cellToLatLng(hex);
      const a = cellArea(hex, 'km2');
      prepared.forEach((area, i) => {
        if (area.contains(lon, lat)) uncovered[i] += a;
      });
    }
  }
  return prepared.map((_, i) => ({
    reachesCells: reaches[i],
    requestedKm2: round3(geodesicArea(areas[i]) / 1e6),
    uncoveredKm2: round3(uncovered[i]),
  }));
}

// The union of the uncovered hexagons; above MAX_OUTLINE_HEXES the outline is drawn from their
// parents instead, which grows it by up to about one parent cell along its edge (H3 parents
// do not nest their children exactly, so a sliver can also be lost).
function uncoveredOutline(hexes: string[], resolution: number): { geometry: AreaGeometry | null; resolution: number } {
  if (hexes.length === 0) return { geometry: null, resolution };
  let cells = hexes;
  let res = resolution;
  while (cells.length > MAX_OUTLINE_HEXES && res > 0) {
    res--;
    cells = [...new Set(cells.map((h) => cellToParent(h, res)))];
  }
  return { geometry: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(cells, true) }, resolution: res };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
