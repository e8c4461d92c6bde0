import { cellOutcome } from './cell-outcome';
import { deliveryProgress, millisBetween } from './delivery-progress';
import { durationStats, type DurationStats } from './duration-stats';
import { FAILURE_CAUSES, failureCause, type FailureCause } from './failure-cause';
import type { AlertFact, AuditFact, CapStatus, ChainHead, ReportPeriod, ReportSource, SensorActivityFact, TerritoryPort } from './report-facts';
import { ReportError } from './report-error';

// CAP status → how an auditor counts it: live alerts apart from drills and tests.
export type StatusClass = 'live' | 'exercise' | 'test' | 'system';
const CLASS_OF: Record<CapStatus, StatusClass> = { Actual: 'live', Exercise: 'exercise', Test: 'test', System: 'system' };
export const STATUS_CLASSES: readonly StatusClass[] = ['live', 'exercise', 'test', 'system'];

export const REFUSED_ACTIONS = ['auth.refused', 'auth.login-refused', 'auth.login-failed', 'auth.locked', 'user.totp-proof-failed', 'user.totp-confirmation-failed'] as const;
export const WEBHOOK_REFUSED = 'sensor.webhook-refused';
export const KEY_ROTATIONS = ['key.signing-rotated', 'key.gateway-rotated', 'key.kek-rewrapped', 'group.key-rotated'] as const;

/** The longest period one report covers: a year and a day (leap years, time zones). */
export const MAX_PERIOD_MS = 367 * 24 * 3600 * 1000;

export interface PeriodAlertRow {
  id: string;
  statusClass: StatusClass;
  msgType: string;
  hazard: string;
  severity: string;
  state: string;
  jurisdictionId: string;
  headline: string;
  createdAt: string;
  releasedAt: string | null;
  targeted: number;
  delivered: number;
  failed: number;
  neverReached: number;
  releaseTo95Ms: number | null;
}

export interface PeriodReport {
  kind: 'period';
  generatedFrom: { chainHead: ChainHead | null };
  period: { from: string; to: string };
  territory: string;
  alerts: PeriodAlertRow[];
  counts: Array<{ statusClass: StatusClass; alerts: number; updates: number; cancels: number }>;
  /** Release → 95 % of the targeted cells on air, per status class and hazard (all routes) and per route. */
  releaseTo95ByHazard: Array<{ statusClass: StatusClass; hazard: string; notReached: number } & DurationStats>;
  releaseTo95ByRoute: Array<{ statusClass: StatusClass; routeId: string; notReached: number } & DurationStats>;
  /** Failed cells by cause (failureCause), in the order of FAILURE_CAUSES, each with the stored reasons it groups. */
  failuresByCause: CauseCount[];
  /** Cells never reached (queued, or killed before transmission: cancelled, replaced, expired), the same way. */
  neverReachedByCause: CauseCount[];
  refusedActions: AuditFact[];
  sensors: SensorActivityFact[];
  rejectedWebhooks: AuditFact[];
  keyRotations: AuditFact[];
}

export interface CauseCount {
  cause: FailureCause;
  cells: number;
  alerts: number;
  reasons: Array<{ reason: string; cells: number; alerts: number }>;
}

export interface PeriodProgress {
  (done: number, total: number): Promise<void> | void;
}

/** Everything in the auditor's territory within a period, from one snapshot of the store. */
export class BuildPeriodReport {
  constructor(
    private readonly source: ReportSource,
    private readonly territory: TerritoryPort,
  ) {}

  async run(period: ReportPeriod, auditorJurisdictionId: string, progress?: PeriodProgress): Promise<PeriodReport> {
    assertPeriod(period);
    const scope = this.territory.within(auditorJurisdictionId);
    return this.source.snapshot(async (view) => {
      const chainHead = await view.chainHead();
      const upTo = chainHead?.seq ?? 0;
      // The store filters by jurisdiction; checked again here, so nothing outside can slip in.
      const alerts = (await view.alertsIn(period, scope.ids)).filter((a) => scope.ids.includes(a.jurisdictionId));
      const rows: PeriodAlertRow[] = [];
      const byHazard = new Map<string, { statusClass: StatusClass; hazard: string; values: number[]; notReached: number }>();
      const byRoute = new Map<string, { statusClass: StatusClass; routeId: string; values: number[]; notReached: number }>();
      const reasons = { failed: new Map<string, { cells: number; alerts: Set<string> }>(), 'never-reached': new Map<string, { cells: number; alerts: Set<string> }>() };
      const add = <K extends string>(m: Map<string, { values: number[]; notReached: number } & Record<K, string> & { statusClass: StatusClass }>, key: K, statusClass: StatusClass, name: string, ms: number | null) => {
        const k = `${statusClass}\u0000${name}`;
        const e = m.get(k) ?? m.set(k, { statusClass, [key]: name, values: [], notReached: 0 } as never).get(k)!;
        if (ms === null) e.notReached++;
        else e.values.push(ms);
      };

      for (const [i, a] of alerts.entries()) {
        const cells = await view.cellOutcomes(a.id);
        const outcomes = cells.map(cellOutcome);
        const statusClass = CLASS_OF[a.capStatus];
        const all = deliveryProgress(cells.length, cells.map((c) => c.onAirAt));
        const released = a.releasedAt;
        // A Cancel puts nothing on air, and an alert never released has no time to measure.
        const measured = a.msgType !== 'Cancel' && released !== null && cells.length > 0;
        if (measured) {
          add(byHazard, 'hazard', statusClass, a.hazard, millisBetween(released, all.reached.p95));
          for (const routeId of [...new Set(cells.map((c) => c.routeId))].sort()) {
            const rc = cells.filter((c) => c.routeId === routeId);
            add(byRoute, 'routeId', statusClass, routeId, millisBetween(released, deliveryProgress(rc.length, rc.map((c) => c.onAirAt)).reached.p95));
          }
        }
        for (const o of outcomes) {
          if (o.outcome === 'delivered') continue;
          const m = reasons[o.outcome];
          const c = m.get(o.reason!) ?? m.set(o.reason!, { cells: 0, alerts: new Set() }).get(o.reason!)!;
          c.cells++;
          c.alerts.add(a.id);
        }
        rows.push(periodRow(a, statusClass, outcomes.map((o) => o.outcome), measured ? millisBetween(released, all.reached.p95) : null));
        await progress?.(i + 1, alerts.length);
      }

      const scoped = { jurisdictionIds: scope.ids, national: scope.national };
      const stats = <T extends { values: number[]; notReached: number }>(m: Map<string, T>) =>
        [...m.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([, { values, ...rest }]) => ({ ...(rest as Omit<T, 'values'>), ...durationStats(values) }));
      return {
        kind: 'period' as const,
        generatedFrom: { chainHead },
        period: { from: period.from.toISOString(), to: period.to.toISOString() },
        territory: auditorJurisdictionId,
        alerts: rows,
        counts: STATUS_CLASSES.map((statusClass) => {
          const of = rows.filter((r) => r.statusClass === statusClass);
          return { statusClass, alerts: of.filter((r) => r.msgType === 'Alert').length, updates: of.filter((r) => r.msgType === 'Update').length, cancels: of.filter((r) => r.msgType === 'Cancel').length };
        }),
        releaseTo95ByHazard: stats(byHazard),
        releaseTo95ByRoute: stats(byRoute),
        failuresByCause: byCause(reasons.failed),
        neverReachedByCause: byCause(reasons['never-reached']),
        refusedActions: await view.auditActions(REFUSED_ACTIONS, period, upTo, scoped),
        sensors: await view.sensorActivity(period, scope.ids),
        rejectedWebhooks: await view.auditActions([WEBHOOK_REFUSED], period, upTo, scoped),
        keyRotations: await view.auditActions(KEY_ROTATIONS, period, upTo, scoped),
      };
    });
  }
}

// Cells per stored reason → per cause, the reasons kept under it (sorted) for the record.
function byCause(reasons: Map<string, { cells: number; alerts: Set<string> }>): CauseCount[] {
  const causes = new Map<FailureCause, { cells: number; alerts: Set<string>; reasons: CauseCount['reasons'] }>();
  for (const [reason, r] of [...reasons.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const cause = failureCause(reason);
    const c = causes.get(cause) ?? causes.set(cause, { cells: 0, alerts: new Set(), reasons: [] }).get(cause)!;
    c.cells += r.cells;
    for (const id of r.alerts) c.alerts.add(id);
    c.reasons.push({ reason, cells: r.cells, alerts: r.alerts.size });
  }
  return FAILURE_CAUSES.filter((cause) => causes.has(cause)).map((cause) => {
    const c = causes.get(cause)!;
    return { cause, cells: c.cells, alerts: c.alerts.size, reasons: c.reasons };
  });
}

function periodRow(a: AlertFact, statusClass: StatusClass, outcomes: string[], releaseTo95Ms: number | null): PeriodAlertRow {
  return {
    id: a.id,
    statusClass,
    msgType: a.msgType,
    hazard: a.hazard,
    severity: a.severity,
    state: a.state,
    jurisdictionId: a.jurisdictionId,
    headline: a.headline,
    createdAt: a.createdAt,
    releasedAt: a.releasedAt,
    targeted: outcomes.length,
    delivered: outcomes.filter((o) => o === 'delivered').length,
    failed: outcomes.filter((o) => o === 'failed').length,
    neverReached: outcomes.filter((o) => o === 'never-reached').length,
    releaseTo95Ms,
  };
}

export function assertPeriod(p: ReportPeriod): void {
  if (Number.isNaN(p.from.getTime()) || Number.isNaN(p.to.getTime())) throw new ReportError('report/invalid-period', 'from and to must be dates');
  if (p.to.getTime() <= p.from.getTime()) throw new ReportError('report/invalid-period', 'to must be after from');
  if (p.to.getTime() - p.from.getTime() > MAX_PERIOD_MS) throw new ReportError('report/invalid-period', 'a report covers at most 367 days');
}
