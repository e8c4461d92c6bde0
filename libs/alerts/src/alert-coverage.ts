import type { Principal } from '@faro/identity';
import { AlertError } from './alert-error';
import type { AlertStore } from './ports';
import type { PlannedStretch, UnservedReason } from './satellite-reach';

// What the stores know of one targeted cell of an alert: its delivery (route and state), the
// plan's stretches and verdict for a satellite cell, and what the uplink recorded transmitting.
export interface CellCoverageFacts {
  cellId: string;
  kind: 'satellite' | 'terrestrial';
  routeId: string;
  deliveryStatus: string;
  deliveryReason: string | null;
  planned: PlannedStretch[];
  planUnserved: UnservedReason | null;
  // satelliteId: as the gateway recorded it (null: no satellite served the cell then); absent when
  // the record names none (a terrestrial CBC, or a gateway that knows no orbits).
  transmitted: Array<{ gatewayId: string; at: Date; satelliteId?: string | null }>;
}

export type CoverageUnservedReason = UnservedReason | 'rejected' | 'failed';

export interface CellCoverage {
  cellId: string;
  kind: 'satellite' | 'terrestrial';
  routeId: string;
  // Satellite cells: the plan's stretches (satellite via gateway, from–until, repetitions).
  planned: Array<{ satelliteId: string; gatewayId: string; from: Date; until: Date; repetitions: number }>;
  missed: Array<{ reason: UnservedReason; from: Date; until: Date; repetitions: number }>;
  // What the uplink transmitted: the gateway (a satellite gateway or a terrestrial CBC), when, and
  // for a satellite gateway the satellite it went through (null: none served the cell then).
  transmitted: Array<{ gatewayId: string; at: Date; satelliteId?: string | null }>;
  served: boolean;
  unserved: { reason: CoverageUnservedReason; detail: string | null } | null;
}

export interface CoveragePage {
  alertId: string;
  plan: { start: Date; end: Date; deadline: Date; repetitionSeconds: number; skyOffsetMs: number; cells: number; unserved: number } | null;
  items: CellCoverage[];
  // The cell id to ask `after` for the next page; null on the last.
  next: string | null;
}

export interface CoverageSource {
  plan(alertId: string): Promise<CoveragePage['plan']>;
  // Cells in id order after `after`, at most `limit`.
  cells(alertId: string, after: string | null, limit: number): Promise<CellCoverageFacts[]>;
}

/**
 * A cell is served when the uplink transmitted the alert there. It is not served, with a reason,
 * when the plan found no route before the deadline (the plan's reason, known at release even if
 * the uplink later tried), or else when its delivery was rejected or failed for good; a cell
 * still queued is neither.
 */
export function cellCoverage(f: CellCoverageFacts): CellCoverage {
  const planned = f.planned.flatMap((s) => (s.kind === 'route' ? [{ satelliteId: s.satelliteId, gatewayId: s.gatewayId, from: s.from, until: s.until, repetitions: s.repetitions }] : []));
  const missed = f.planned.flatMap((s) => (s.kind === 'missed' ? [{ reason: s.reason, from: s.from, until: s.until, repetitions: s.repetitions }] : []));
  const transmitted = [...f.transmitted].sort((a, b) => a.at.getTime() - b.at.getTime());
  let unserved: CellCoverage['unserved'] = null;
  if (f.planUnserved) unserved = { reason: f.planUnserved, detail: null };
  else if (transmitted.length === 0 && (f.deliveryStatus === 'rejected' || f.deliveryStatus === 'failed')) unserved = { reason: f.deliveryStatus, detail: f.deliveryReason };
  return { cellId: f.cellId, kind: f.kind, routeId: f.routeId, planned, missed, transmitted, served: transmitted.length > 0, unserved };
}

export const COVERAGE_PAGE_MAX = 5000;

// GET /alerts/{id}/coverage: read like every alert read (another territory's alert is not found).
export class ReadAlertCoverage {
  constructor(
    private readonly alerts: AlertStore,
    private readonly source: CoverageSource,
  ) {}

  async run(alertId: string, principal: Principal, page: { after: string | null; limit: number }): Promise<CoveragePage> {
    if (!(await this.alerts.findVisibleAlert(alertId, principal.jurisdictionId))) throw new AlertError('alert/not-found', `No alert ${alertId}`);
    const limit = Math.min(Math.max(1, page.limit), COVERAGE_PAGE_MAX);
    const facts = await this.source.cells(alertId, page.after, limit + 1);
    const items = facts.slice(0, limit).map(cellCoverage);
    return { alertId, plan: await this.source.plan(alertId), items, next: facts.length > limit ? items[items.length - 1].cellId : null };
  }
}
