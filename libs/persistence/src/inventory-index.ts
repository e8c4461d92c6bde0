import { simplify } from '@turf/turf';
import type { CellTargeter, RouteCells, TargetingSummary, Targeter } from '@faro/alerts';
import type { WacGeometry } from '@faro/cell-broadcast';
import { areasToGeometries, BoundaryCatalog, effectiveRadiusKm, CellIndex, targetAreas, type AreaGeometry, type AreaSpec, type TargetingResult } from '@faro/targeting';
import type { SqlCellStore } from './cell-store';

// Geofences travel in every broadcast: keep them small (WEA devices parse each polygon
// from a 10-bit length field) by simplifying resolved boundaries.
const WAC_MAX_VERTICES = 40;
const WAC_MAX_POLYGONS = 8;
const VERSION_CHECK_MS = 10_000;

// The stored inventory as an in-memory spatial index (flatbush), rebuilt when the
// inventory version changes. Targeting never scans every cell.
export class InventoryIndex implements Targeter, CellTargeter {
  private loaded: { version: string; index: CellIndex } | null = null;
  private loading: Promise<{ version: string; index: CellIndex }> | null = null;
  private checkedAt = 0;

  constructor(
    private readonly cells: SqlCellStore,
    readonly catalog: BoundaryCatalog,
    // Recorded in every summary: the covered / requested factor above which a draft is warned.
    private readonly opts: { overshootWarnFactor?: number } = {},
  ) {}

  async index(): Promise<CellIndex> {
    const now = Date.now();
    if (this.loaded && now - this.checkedAt < VERSION_CHECK_MS) return this.loaded.index;
    const v = await this.cells.inventoryVersion();
    this.checkedAt = now;
    const version = v?.version ?? 'empty';
    if (this.loaded?.version === version) return this.loaded.index;
    this.loading ??= this.load(version).finally(() => (this.loading = null));
    this.loaded = await this.loading;
    return this.loaded.index;
  }

  private async load(version: string): Promise<{ version: string; index: CellIndex }> {
    const all = [];
    for await (const page of this.cells.allCells()) all.push(...page);
    return { version, index: CellIndex.build(all) };
  }

  // An error about one area names it by index (TargetingError.areaIndex).
  geometries(areas: AreaSpec[]): AreaGeometry[] {
    return areasToGeometries(areas, this.catalog);
  }

  async target(areas: AreaSpec[]): Promise<TargetingResult> {
    const index = await this.index();
    const geometries = this.geometries(areas);
    return targetAreas(geometries, index, this.catalog, { geofence: areas.map((spec, i) => fenceGeometry(spec, geometries[i])) });
  }

  async summarize(areas: AreaSpec[]): Promise<TargetingSummary> {
    return summaryOf(await this.target(areas), this.opts);
  }

  async cellsFor(areas: AreaSpec[]): Promise<{ byRoute: Record<string, RouteCells>; summary: TargetingSummary; geofence: WacGeometry[] }> {
    const result = await this.target(areas);
    return { byRoute: result.byRoute, summary: summaryOf(result, this.opts), geofence: geofence(areas, this.geometries(areas)) };
  }
}

export const DEFAULT_OVERSHOOT_WARN_FACTOR = 3;

export function summaryOf(r: TargetingResult, opts: { overshootWarnFactor?: number } = {}): TargetingSummary {
  const routes: TargetingSummary['routes'] = {};
  for (const [id, route] of Object.entries(r.byRoute)) routes[id] = { kind: route.kind, gatewayId: route.gatewayId, cells: route.cellIds.length, overshootKm2: round(route.overshootKm2) };
  return {
    counts: r.counts,
    routes,
    requestedAreaKm2: round(r.requestedAreaKm2),
    coveredAreaKm2: round(r.coveredAreaKm2),
    overshootKm2: round(r.overshootKm2),
    geofencedOvershootKm2: round(r.geofencedOvershootKm2),
    coverageFactor: r.requestedAreaKm2 > 0 ? round(r.coveredAreaKm2 / r.requestedAreaKm2) : 0,
    overshootWarnFactor: opts.overshootWarnFactor ?? DEFAULT_OVERSHOOT_WARN_FACTOR,
    uncoveredKm2: round(r.uncoveredKm2),
    areas: r.areas.map((a) => ({ reachesCells: a.reachesCells, requestedKm2: round(a.requestedKm2), uncoveredKm2: round(a.uncoveredKm2) })),
    warnings: [],
    residentPopulation: Math.round(r.residentPopulation),
    method: r.method,
    computedAt: new Date().toISOString(),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

// Warning Area Coordinates: circles stay circles, polygons are sent as drawn when small,
// resolved boundaries (geocodes) are simplified until they fit.
export function geofence(specs: AreaSpec[], geometries: AreaGeometry[]): WacGeometry[] {
  const out: WacGeometry[] = [];
  specs.forEach((spec, i) => {
    if (spec.kind === 'circle') {
      // The radius targeting used: a radius-0 circle (a point) is widened to the minimum.
      out.push({ type: 'circle', center: { lon: spec.center[0], lat: spec.center[1] }, radiusKm: effectiveRadiusKm(spec.radiusKm) });
      return;
    }
    for (const ring of fencedRings(geometries[i])) out.push({ type: 'polygon', vertices: ring.slice(0, -1).map(([lon, lat]) => ({ lat, lon })) });
  });
  return out.slice(0, WAC_MAX_POLYGONS * 2);
}

function fencedRings(g: AreaGeometry): number[][][] {
  const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
  return rings
    .map((ring) => fitRing(ring))
    .sort((a, b) => b.length - a.length)
    .slice(0, WAC_MAX_POLYGONS);
}

// The geofence a phone applies for one area as a geometry, or null where it is the area itself
// (a circle; a polygon sent as drawn): for the overshoot after geofencing.
function fenceGeometry(spec: AreaSpec, g: AreaGeometry): AreaGeometry | null {
  if (spec.kind === 'circle') return null;
  const rings = fencedRings(g);
  const drawn = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
  const unchanged = g.type === 'Polygon' && g.coordinates.length === 1 && rings.length === 1 && rings[0] === drawn[0];
  return unchanged ? null : { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) };
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
