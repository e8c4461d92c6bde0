import { BroadcastScheduler, type BroadcastRequest } from './broadcast-scheduler';
import type { Constellation } from './constellation';
import type { EarthFixedCell, Gateway } from './ground-point';
import { planSegments, type PlanSegment } from './plan-segments';
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

  private scheduler(start: Date): BroadcastScheduler {
    return new BroadcastScheduler(this.constellation, this.gateways, { now: () => start }, this.options);
  }

  private request(cells: EarthFixedCell[], w: Window): BroadcastRequest {
    return { cells, durationSeconds: Math.max(1, (w.end.getTime() - w.start.getTime()) / 1000), repetitionSeconds: w.repetitionSeconds, deadline: w.deadline };
  }
}
