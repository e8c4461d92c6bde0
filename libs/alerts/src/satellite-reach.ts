import { satelliteCells } from '@faro/inventory';
import type { AreaSpec } from '@faro/targeting';
import type { Alert } from './alert';
import type { CellTargeter } from './fanout-ports';
import type { AlertStore, Clock } from './ports';

export type UnservedReason = 'no-satellite-in-view' | 'no-gateway-in-view' | 'beam-capacity';
export const UNSERVED_REASONS: readonly UnservedReason[] = ['no-satellite-in-view', 'no-gateway-in-view', 'beam-capacity'];

export interface UnservedCell {
  cellId: string;
  reason: UnservedReason;
}

// An earth-fixed satellite cell as the sky sees it: its centre.
export interface SkyCell {
  id: string;
  lon: number;
  lat: number;
}

export interface SkyWindow {
  start: Date;
  end: Date;
  // A cell not reached by then is unserved.
  deadline: Date;
  repetitionSeconds: number;
}

export type PlannedStretch =
  | { cellId: string; kind: 'route'; satelliteId: string; gatewayId: string; from: Date; until: Date; repetitions: number }
  | { cellId: string; kind: 'missed'; reason: UnservedReason; from: Date; until: Date; repetitions: number };

export interface SkyPlan {
  start: Date;
  end: Date;
  deadline: Date;
  repetitionSeconds: number;
  // The sky the plan was made on lies this far from its own times (libs/constellation SnapshotSky).
  skyOffsetMs: number;
  stretches: PlannedStretch[];
  unserved: UnservedCell[];
}

// The satellite channel's sky (libs/constellation's BroadcastScheduler, wired by the apps).
export interface SatelliteSky {
  // The cells no route reaches at any repetition up to the deadline.
  unserved(cells: SkyCell[], window: SkyWindow): UnservedCell[];
  plan(cells: SkyCell[], window: SkyWindow): Promise<SkyPlan>;
}

export interface BroadcastPlanStore {
  hasPlan(alertId: string): Promise<boolean>;
  // Idempotent: a plan already stored for the alert is kept.
  savePlan(alertId: string, cellCount: number, plan: SkyPlan): Promise<void>;
  // The plan's summary, or null when none was made (not released, or no satellite cell).
  planSummary(alertId: string): Promise<SatelliteReach | null>;
}

// What the preview and the alert view say of the satellite channel.
export interface SatelliteReach {
  satelliteCells: number;
  deadline: Date;
  // 'planned': from the plan stored at release; 'assessed': computed now for this view.
  source: 'planned' | 'assessed';
  unservedCount: number;
  byReason: Record<UnservedReason, number>;
  // At most UNSERVED_LISTED of them; the coverage endpoint lists all.
  unserved: UnservedCell[];
}

export const UNSERVED_LISTED = 100;

export function reachOf(satelliteCells: number, deadline: Date, unserved: readonly UnservedCell[], source: SatelliteReach['source']): SatelliteReach {
  const byReason = Object.fromEntries(UNSERVED_REASONS.map((r) => [r, 0])) as Record<UnservedReason, number>;
  for (const u of unserved) byReason[u.reason]++;
  const sorted = [...unserved].sort((a, b) => (a.cellId < b.cellId ? -1 : a.cellId > b.cellId ? 1 : 0));
  return { satelliteCells, deadline, source, unservedCount: unserved.length, byReason, unserved: sorted.slice(0, UNSERVED_LISTED) };
}

// The earth-fixed satellite cells of a targeting answer, with their centres.
export function skyCellsOf(byRoute: Awaited<ReturnType<CellTargeter['cellsFor']>>['byRoute']): SkyCell[] {
  const cells: SkyCell[] = [];
  for (const route of Object.values(byRoute)) if (route.kind === 'satellite') cells.push(...satelliteCells(route.cellIds));
  return cells.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Which of the areas' satellite cells no satellite can serve before the deadline (the alert's
 * expiry), known before release: the preview and the view of an alert not yet released ask it.
 */
export interface SatelliteReachAssessor {
  assess(areas: AreaSpec[], expires: Date): Promise<SatelliteReach>;
}

export class AssessSatelliteReach implements SatelliteReachAssessor {
  constructor(
    private readonly targeter: CellTargeter,
    private readonly sky: SatelliteSky,
    private readonly clock: Clock,
    private readonly repetitionSeconds: number,
  ) {}

  async assess(areas: AreaSpec[], expires: Date): Promise<SatelliteReach> {
    const cells = skyCellsOf((await this.targeter.cellsFor(areas)).byRoute);
    const start = this.clock.now();
    if (cells.length === 0 || expires.getTime() <= start.getTime()) {
      // Nothing to serve, or nothing left of the window: every cell is unserved by the deadline.
      return reachOf(cells.length, expires, cells.map((c) => ({ cellId: c.id, reason: 'no-satellite-in-view' })), 'assessed');
    }
    const unserved = this.sky.unserved(cells, { start, end: expires, deadline: expires, repetitionSeconds: this.repetitionSeconds });
    return reachOf(cells.length, expires, unserved, 'assessed');
  }
}

/**
 * The released alert's satellite broadcast plan, made once (the worker runs it with the fan-out):
 * from its release to its expiry at the repetition period, each cell's satellites and gateways
 * with the hand-overs, and the cells not served before expiry.
 */
export class PlanSatelliteBroadcast {
  constructor(
    private readonly alerts: AlertStore,
    private readonly targeter: CellTargeter,
    private readonly sky: SatelliteSky,
    private readonly plans: BroadcastPlanStore,
    private readonly repetitionSeconds: number,
  ) {}

  async run(alertId: string): Promise<{ planned: boolean; cells: number; unserved: number }> {
    const alert = await this.alerts.findAlert(alertId);
    if (!alert || !plannable(alert) || (await this.plans.hasPlan(alertId))) return { planned: false, cells: 0, unserved: 0 };
    const cells = skyCellsOf((await this.targeter.cellsFor(alert.areas.map((a) => a.spec))).byRoute);
    if (cells.length === 0) return { planned: false, cells: 0, unserved: 0 };
    // On air from release until expiry, whenever the plan is made: the same alert, the same plan.
    const start = alert.releasedAt!;
    const plan = await this.sky.plan(cells, { start, end: alert.expiresAt, deadline: alert.expiresAt, repetitionSeconds: this.repetitionSeconds });
    await this.plans.savePlan(alertId, cells.length, plan);
    return { planned: true, cells: cells.length, unserved: plan.unserved.length };
  }
}

function plannable(alert: Alert): boolean {
  return alert.msgType !== 'Cancel' && alert.releasedAt !== null && alert.expiresAt.getTime() > alert.releasedAt.getTime();
}
