import { BroadcastScheduler, type BroadcastRequest } from './broadcast-scheduler';
import type { Constellation } from './constellation';
import type { EarthFixedCell, Gateway } from './ground-point';
import { planSegments, type PlanSegment } from './plan-segments';
import { ServiceGeometry } from './service-geometry';
import type { NoRouteReason } from './route-assignment';

export interface SkyOptions {
  cellElevationMaskDeg: number;
  beamCapacity: number;
  // SnapshotSky.offsetMs, or none.
  skyOffsetMs?: (start: Date) => number;
}

interface Window {
  start: Date;
  end: Date;
  deadline: Date;
  repetitionSeconds: number;
}

/**
 * The sky as libs/alerts asks it (its SatelliteSky port, matched by shape: this lib knows no
 * alerts): a BroadcastScheduler whose clock is the window's start, so that a plan depends only on
 * the alert (its release, expiry and cells) and not on when it is computed.
 */
export class ConstellationSky {
  constructor(
    private readonly constellation: Constellation,
    readonly gateways: readonly Gateway[],
    readonly options: SkyOptions,
  ) {}

  unserved(cells: EarthFixedCell[], window: Window): Array<{ cellId: string; reason: NoRouteReason }> {
    return this.scheduler(window.start).unserved(this.request(cells, window));
  }

  // In turns (BroadcastScheduler.planInTurns): a worker's event loop keeps running meanwhile.
  async plan(cells: EarthFixedCell[], window: Window): Promise<{
    start: Date; end: Date; deadline: Date; repetitionSeconds: number; skyOffsetMs: number; stretches: PlanSegment[]; unserved: Array<{ cellId: string; reason: NoRouteReason }>;
  }> {
    const plan = await this.scheduler(window.start).planInTurns(this.request(cells, window));
    return {
      start: plan.start,
      end: plan.end,
      deadline: plan.deadline,
      repetitionSeconds: window.repetitionSeconds,
      skyOffsetMs: this.options.skyOffsetMs?.(plan.start) ?? 0,
      stretches: planSegments(plan),
      unserved: plan.unserved,
    };
  }

  /**
   * Which of the candidate gateways should carry these cells from the window's start (failover:
   * the gateway that carried them is down): a sky with only the candidates is planned until every
   * cell has had a route, and the gateway that takes the most cells first wins (ties: the lower
   * id). Null when none of the candidates reaches any of the cells before the deadline.
   */
  carrier(cells: EarthFixedCell[], window: Window, candidates: readonly string[]): { gatewayId: string | null; unserved: Array<{ cellId: string; reason: NoRouteReason }> } {
    const gateways = this.gateways.filter((g) => candidates.includes(g.id));
    if (gateways.length === 0 || cells.length === 0) return { gatewayId: null, unserved: cells.map((c) => ({ cellId: c.id, reason: 'no-gateway-in-view' as const })) };
    const scheduler = new BroadcastScheduler(this.constellation, gateways, { now: () => window.start }, this.options);
    const { first, unserved } = scheduler.firstRoutes(this.request(cells, window));
    const counts = new Map<string, number>();
    for (const t of first.values()) counts.set(t.gatewayId, (counts.get(t.gatewayId) ?? 0) + 1);
    let gatewayId: string | null = null;
    for (const [id, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (gatewayId === null || n > counts.get(gatewayId)!) gatewayId = id;
    return { gatewayId, unserved };
  }

  /**
   * Through which satellite a gateway puts each cell on air at `at`: the highest satellite above
   * the cell's mask that the gateway also sees above its own; null for a cell no such satellite
   * serves at that instant (its repetition waits for the next pass). What the uplink records as
   * transmitted, beside the plan.
   */
  servingSatellites(cells: EarthFixedCell[], gatewayId: string, at: Date): Map<string, string | null> {
    const out = new Map<string, string | null>(cells.map((c) => [c.id, null]));
    const gateway = this.gateways.find((g) => g.id === gatewayId);
    if (!gateway || cells.length === 0) return out;
    const geometry = new ServiceGeometry(this.constellation, cells, [gateway], { cellElevationMaskDeg: this.options.cellElevationMaskDeg });
    const snapshot = geometry.at(new Date(at.getTime() + (this.options.skyOffsetMs?.(at) ?? 0)));
    for (const c of cells) {
      const served = (snapshot.satellitesOf.get(c.id) ?? []).find((s) => snapshot.gatewaysOf.has(s.satelliteId));
      if (served) out.set(c.id, served.satelliteId);
    }
    return out;
  }

  private scheduler(start: Date): BroadcastScheduler {
    return new BroadcastScheduler(this.constellation, this.gateways, { now: () => start }, this.options);
  }

  private request(cells: EarthFixedCell[], w: Window): BroadcastRequest {
    return { cells, durationSeconds: Math.max(1, (w.end.getTime() - w.start.getTime()) / 1000), repetitionSeconds: w.repetitionSeconds, deadline: w.deadline };
  }
}
