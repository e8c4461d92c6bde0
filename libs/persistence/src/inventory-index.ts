import type { CellTargeter, RouteCells, TargetingSummary, Targeter } from '@faro/alerts';
import { areasToGeometries, BoundaryCatalog, CellIndex, CellIndexBuilder, geofences, targetAreas, type AreaGeometry, type AreaSpec, type FenceShape, type TargetingResult } from '@faro/targeting';
import type { InventoryVersion, SqlCellStore } from './cell-store';
import { areasKey, type SqlTargetingCache, type TargetedCells } from './targeting-cache';

const VERSION_CHECK_MS = 10_000;
// Results kept in memory: a release asks for the same areas twice (the fan-out, then the
// satellite plan), and so does a draft (its summary, then its satellite check).
const REMEMBERED = 2;

// The stored inventory as an in-memory spatial index (flatbush), rebuilt when the
// inventory version changes. Targeting never scans every cell.
export class InventoryIndex implements Targeter, CellTargeter {
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded> | null = null;
  private checkedAt = 0;
  private readonly remembered = new Map<string, Promise<TargetedCells>>();

  constructor(
    private readonly cells: SqlCellStore,
    readonly catalog: BoundaryCatalog,
    private readonly opts: SummaryOptions = {},
    // Shared between processes: the API's drafting threads write what they target (`write`), the
    // worker reads it at release.
    private readonly shared?: { cache: SqlTargetingCache; write: boolean },
  ) {}

  async index(): Promise<CellIndex> {
    return (await this.current()).index;
  }

  private async current(): Promise<Loaded> {
    const now = Date.now();
    if (this.loaded && now - this.checkedAt < VERSION_CHECK_MS) return this.loaded;
    const v = await this.cells.inventoryVersion();
    this.checkedAt = now;
    const version = v?.version ?? 'empty';
    if (this.loaded?.version === version) return this.loaded;
    this.loading ??= this.load(version, v).finally(() => (this.loading = null));
    this.loaded = await this.loading;
    return this.loaded;
  }

  // Page by page into packed arrays sized from the inventory's own counts: the records of a
  // large inventory are never all held at once (a million cells' are ≈ 1.4 GB).
  private async load(version: string, counts: InventoryVersion | null): Promise<Loaded> {
    const builder = new CellIndexBuilder({ cells: counts ? counts.terrestrial + counts.satellite : 0 });
    const cellsPerGateway = new Map<string, number>();
    for await (const page of this.cells.indexableCells()) {
      for (const c of page) {
        builder.add(c);
        cellsPerGateway.set(c.gatewayId, (cellsPerGateway.get(c.gatewayId) ?? 0) + 1);
      }
    }
    return { version, index: builder.finish(), cellsPerGateway };
  }

  // An error about one area names it by index (TargetingError.areaIndex).
  geometries(areas: AreaSpec[]): AreaGeometry[] {
    return areasToGeometries(areas, this.catalog);
  }

  async target(areas: AreaSpec[]): Promise<TargetingResult> {
    return this.targetOver(await this.current(), areas);
  }

  async summarize(areas: AreaSpec[]): Promise<TargetingSummary> {
    const { loaded, cells } = await this.targeted(areas);
    return summaryOf(cells, this.opts, loaded.cellsPerGateway);
  }

  async cellsFor(areas: AreaSpec[]): Promise<{ byRoute: Record<string, RouteCells>; summary: TargetingSummary; geofence: FenceShape[] }> {
    const { loaded, cells } = await this.targeted(areas);
    return { byRoute: cells.byRoute, summary: summaryOf(cells, this.opts, loaded.cellsPerGateway), geofence: cells.geofence };
  }

  private targetOver(loaded: Loaded, areas: AreaSpec[], geometries = this.geometries(areas), fences = geofences(areas, geometries)): TargetingResult {
    return targetAreas(geometries, loaded.index, this.catalog, {
      geofence: fences.geometries,
      territories: areas.map((spec) => (spec.kind === 'geocode' ? spec : null)),
    });
  }

  // The areas' cells over the current inventory: remembered, else shared by another process, else
  // targeted (and then shared). A failure is not remembered.
  private async targeted(areas: AreaSpec[]): Promise<{ loaded: Loaded; cells: TargetedCells }> {
    const loaded = await this.current();
    const areasId = areasKey(areas);
    const key = `${areasId}|${loaded.version}`;
    let found = this.remembered.get(key);
    if (!found) {
      found = this.lookUpOrTarget(loaded, areas, areasId);
      this.remembered.set(key, found);
      found.catch(() => this.remembered.delete(key));
      while (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    }
    return { loaded, cells: await found };
  }

  private async lookUpOrTarget(loaded: Loaded, areas: AreaSpec[], key: string): Promise<TargetedCells> {
    const shared = await this.shared?.cache.get(key, loaded.version).catch(() => null);
    if (shared) return shared;
    const geometries = this.geometries(areas);
    const fences = geofences(areas, geometries);
    const { cellIds: _all, uncovered: _uncovered, ...result } = this.targetOver(loaded, areas, geometries, fences);
    const cells = { ...result, geofence: fences.shapes };
    // Written before the draft is answered: an alert released at once (a sensor's, under an `auto`
    // policy) must find it. A failure only costs the release the targeting.
    if (this.shared?.write) await this.shared.cache.put(key, loaded.version, cells).catch(() => undefined);
    return cells;
  }
}

interface Loaded {
  version: string;
  index: CellIndex;
  cellsPerGateway: Map<string, number>;
}

export interface SummaryOptions {
  // Recorded in every summary: the covered / requested factor above which a draft is warned.
  overshootWarnFactor?: number;
  // The terrestrial CBCs take no cell list (UPLINK_MODE=network: ECBE): each broadcasts to all
  // its cells, and a route's summary says how many (RouteCount.networkCells).
  terrestrialNetworkWide?: boolean;
}

export const DEFAULT_OVERSHOOT_WARN_FACTOR = 3;

export function summaryOf(r: Omit<TargetedCells, 'geofence'>, opts: SummaryOptions = {}, cellsPerGateway?: ReadonlyMap<string, number>): TargetingSummary {
  const routes: TargetingSummary['routes'] = {};
  for (const [id, route] of Object.entries(r.byRoute)) {
    const networkCells = opts.terrestrialNetworkWide && route.kind === 'terrestrial' ? cellsPerGateway?.get(route.gatewayId) : undefined;
    routes[id] = { kind: route.kind, gatewayId: route.gatewayId, cells: route.cellIds.length, overshootKm2: round(route.overshootKm2), ...(networkCells === undefined ? {} : { networkCells }) };
  }
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
