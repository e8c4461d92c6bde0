import type { Clock } from '@faro/identity';
import type { Constellation } from './constellation';
import { ConstellationError } from './constellation-error';
import type { EarthFixedCell, Gateway } from './ground-point';
import { assignRoutes, type NoRouteReason, type Route } from './route-assignment';
import { ServiceGeometry } from './service-geometry';

export interface BroadcastSchedulerOptions {
  /** A handset in a cell is served by a satellite at least this high (default 25°). */
  cellElevationMaskDeg?: number;
  /** Cells one satellite can broadcast to at the same time (its beams; default 48). */
  beamCapacity?: number;
  /**
   * Where the sky is looked at: a broadcast starting at `start` sees the satellites of
   * `start + skyOffsetMs(start)` (SnapshotSky: element sets too old to propagate are replayed
   * on their own days). The plan's times stay the broadcast's own. Default: no offset.
   */
  skyOffsetMs?: (start: Date) => number;
}

export interface BroadcastRequest {
  cells: readonly EarthFixedCell[];
  /** How long the broadcast stays on air, from its start. */
  durationSeconds: number;
  /** The broadcast is repeated in every cell at this period. */
  repetitionSeconds: number;
  /** Starts now (the clock's) unless later. */
  startsAt?: Date;
  /** A cell not reached by then is reported unserved (default: the end of the broadcast). */
  deadline?: Date;
}

export interface Transmission extends Route {
  at: Date;
}

export interface Handover {
  cellId: string;
  at: Date;
  // 'satellite': another satellite takes the cell; 'gateway': the same satellite, another feeder link.
  kind: 'satellite' | 'gateway';
  from: { satelliteId: string; gatewayId: string };
  to: { satelliteId: string; gatewayId: string };
}

export interface CellPlan {
  cellId: string;
  transmissions: Transmission[];
  missed: Array<{ at: Date; reason: NoRouteReason }>;
}

export interface BroadcastPlan {
  start: Date;
  end: Date;
  deadline: Date;
  repetitions: Date[];
  cells: CellPlan[];
  handovers: Handover[];
  /** Cells no route reaches at any repetition up to the deadline, with the reason seen most. */
  unserved: Array<{ cellId: string; reason: NoRouteReason }>;
}

/**
 * Keeps a broadcast on air in its cells for its duration: at each repetition every cell gets a
 * route (satellite + gateway, route-assignment.ts), so the broadcast is handed over between
 * satellites as they pass. The answer is the plan per cell, the hand-overs, and the cells that
 * cannot be served before the deadline, known before anything is sent. Time is the clock's, so
 * a plan made in a test or the simulator is the same every run.
 */
export class BroadcastScheduler {
  private readonly beamCapacity: number;

  constructor(
    private readonly constellation: Constellation,
    private readonly gateways: readonly Gateway[],
    private readonly clock: Clock,
    private readonly opts: BroadcastSchedulerOptions = {},
  ) {
    this.beamCapacity = opts.beamCapacity ?? 48;
    if (!Number.isInteger(this.beamCapacity) || this.beamCapacity < 1) {
      throw new ConstellationError('constellation/bad-option', `a beam capacity of ${this.beamCapacity} cells is not a positive integer`);
    }
  }

  plan(request: BroadcastRequest): BroadcastPlan {
    return drain(this.steps(request, false));
  }

  /**
   * The same plan, handing the event loop back every `repetitionsPerTurn` repetitions: a national
   * plan over hours takes seconds (bench/satellite-plan.bench.ts), which a worker's timers and
   * lock renewals must not wait for.
   */
  async planInTurns(request: BroadcastRequest, repetitionsPerTurn = 10): Promise<BroadcastPlan> {
    const steps = this.steps(request, false);
    for (let n = 1; ; n++) {
      const step = steps.next();
      if (step.done) return step.value;
      if (n % repetitionsPerTurn === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The cells no route reaches at any repetition up to the deadline, as plan() finds them, but
   * it stops at the first repetition by which every cell has had a route: what a preview needs,
   * in a few repetitions rather than the whole broadcast when the sky serves every cell.
   */
  unserved(request: BroadcastRequest): BroadcastPlan['unserved'] {
    return drain(this.steps(request, true)).unserved;
  }

  /**
   * The plan up to the first repetition by which every cell has had a route (as unserved() stops):
   * which satellite and gateway would take each cell first, for choosing who carries it now.
   */
  firstRoutes(request: BroadcastRequest): { first: Map<string, Transmission>; unserved: BroadcastPlan['unserved'] } {
    const plan = drain(this.steps(request, true));
    const first = new Map<string, Transmission>();
    for (const c of plan.cells) if (c.transmissions.length > 0 && c.transmissions[0].at.getTime() <= plan.deadline.getTime()) first.set(c.cellId, c.transmissions[0]);
    return { first, unserved: plan.unserved };
  }

  // The plan, one repetition a step.
  private *steps(request: BroadcastRequest, stopWhenAllServed: boolean): Generator<void, BroadcastPlan, void> {
    const { durationSeconds, repetitionSeconds } = request;
    if (!(durationSeconds > 0) || !(repetitionSeconds > 0)) {
      throw new ConstellationError('constellation/bad-window', 'a broadcast needs a positive duration and repetition period');
    }
    const now = this.clock.now().getTime();
    const start = Math.max(now, request.startsAt?.getTime() ?? now);
    const end = start + durationSeconds * 1000;
    const deadline = request.deadline?.getTime() ?? end;
    if (deadline < start) {
      throw new ConstellationError('constellation/bad-window', 'the deadline is before the broadcast can start');
    }

    const geometry = new ServiceGeometry(this.constellation, request.cells, this.gateways, {
      cellElevationMaskDeg: this.opts.cellElevationMaskDeg,
    });
    const cellIds = request.cells.map((c) => c.id);
    const plans = new Map<string, CellPlan>(cellIds.map((cellId) => [cellId, { cellId, transmissions: [], missed: [] }]));
    const handovers: Handover[] = [];
    const repetitions: Date[] = [];
    let last = new Map<string, Route>();
    const skyOffset = this.opts.skyOffsetMs?.(new Date(start)) ?? 0;
    const waiting = new Set(cellIds);

    for (let t = start; t < end; t += repetitionSeconds * 1000) {
      if (stopWhenAllServed && (waiting.size === 0 || t > deadline)) break;
      const at = new Date(t);
      repetitions.push(at);
      const { routes, unrouted } = assignRoutes(geometry.at(new Date(t + skyOffset)), cellIds, last, this.beamCapacity);
      for (const cellId of routes.keys()) waiting.delete(cellId);
      for (const [cellId, reason] of unrouted) plans.get(cellId)!.missed.push({ at, reason });
      for (const [cellId, route] of routes) {
        plans.get(cellId)!.transmissions.push({ at, ...route });
        const before = last.get(cellId);
        if (before && (before.satelliteId !== route.satelliteId || before.gatewayId !== route.gatewayId)) {
          handovers.push({
            cellId,
            at,
            kind: before.satelliteId !== route.satelliteId ? 'satellite' : 'gateway',
            from: { satelliteId: before.satelliteId, gatewayId: before.gatewayId },
            to: { satelliteId: route.satelliteId, gatewayId: route.gatewayId },
          });
        }
      }
      // A cell missed at this repetition keeps its last route: the next one is still a hand-over
      // from it if another satellite takes over.
      last = new Map([...last, ...routes]);
      yield;
    }

    const unserved: BroadcastPlan['unserved'] = [];
    for (const plan of plans.values()) {
      if (plan.transmissions.some((x) => x.at.getTime() <= deadline)) continue;
      const reasons = plan.missed.filter((m) => m.at.getTime() <= deadline).map((m) => m.reason);
      unserved.push({ cellId: plan.cellId, reason: mostFrequent(reasons) ?? 'no-satellite-in-view' });
    }
    return {
      start: new Date(start),
      end: new Date(end),
      deadline: new Date(deadline),
      repetitions,
      cells: [...plans.values()],
      handovers,
      unserved,
    };
  }
}

function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function mostFrequent<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}
