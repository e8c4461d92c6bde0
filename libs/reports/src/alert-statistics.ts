import { assertPeriod } from './period-report';
import { ReportError } from './report-error';
import type { ReportPeriod, TerritoryPort } from './report-facts';
import { bucketFor, bucketsOf, type StatisticsBucket } from './statistics-buckets';

// The console's statistics: the alerts created within a period in a territory, counted per
// hazard, CAP status, severity, urgency, certainty, message type and territory, and over time.
// Every alert record counts (an Update and a Cancel are alerts of their own, told apart by
// msgType), whatever its state, as the period report lists them. Each figure carries the query
// of the alert listing (GET /api/v1/alerts) that lists exactly its alerts.

/** One alert as the statistics read it (libs/persistence SqlStatisticsSource). */
export interface StatisticsFact {
  id: string;
  msgType: string;
  capStatus: string;
  hazard: string;
  severity: string;
  urgency: string;
  certainty: string;
  jurisdictionId: string;
  createdAt: string;
}

export interface StatisticsSource {
  /** Alerts created within the period whose jurisdiction is one of `jurisdictionIds`. */
  alertsCreatedIn(period: ReportPeriod, jurisdictionIds: readonly string[]): Promise<StatisticsFact[]>;
}

/** A jurisdiction's name and parent (libs/jurisdictions' catalog fits); null when unknown. */
export interface JurisdictionLookup {
  get(id: string): { id: string; name: string; parentId: string | null } | null;
}

export const STATISTICS_DIMENSIONS = ['hazard', 'status', 'severity', 'urgency', 'certainty', 'msgType', 'territory'] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

export interface StatisticsFigure {
  key: string;
  /** The territory's name; absent for the other dimensions. */
  label?: string;
  count: number;
  /** The alert listing's query string for exactly these alerts. */
  query: string;
}

export interface StatisticsBar {
  from: string;
  to: string;
  count: number;
  byStatus: Record<string, number>;
  query: string;
}

export interface AlertStatistics {
  period: { from: string; to: string };
  territory: { id: string; name: string };
  bucket: StatisticsBucket;
  total: number;
  query: string;
  by: Record<StatisticsDimension, StatisticsFigure[]>;
  overTime: StatisticsBar[];
}

const FIELD: Record<Exclude<StatisticsDimension, 'territory'>, keyof StatisticsFact> = {
  hazard: 'hazard',
  status: 'capStatus',
  severity: 'severity',
  urgency: 'urgency',
  certainty: 'certainty',
  msgType: 'msgType',
};

/**
 * Where an alert of `jurisdictionId` counts among the territory's figures: the jurisdiction
 * directly below `territoryId` that holds it, or the territory itself for an alert of its own.
 * Null when it lies outside.
 */
export function territoryFigureOf(jurisdictionId: string, territoryId: string, lookup: JurisdictionLookup): string | null {
  for (let j = lookup.get(jurisdictionId); j; j = j.parentId ? lookup.get(j.parentId) : null) {
    if (j.id === territoryId) return territoryId;
    if (j.parentId === territoryId) return j.id;
  }
  return null;
}

/** Counts the facts; the caller has kept only those of the period and the territory. */
export function alertStatistics(facts: readonly StatisticsFact[], period: ReportPeriod, territoryId: string, lookup: JurisdictionLookup): AlertStatistics {
  const base = { from: period.from.toISOString(), to: period.to.toISOString(), territory: territoryId };
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...base, ...extra }).toString();
  const counted = (keys: Iterable<string>) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    // Largest first; ties by key, so the same data gives the same order.
    return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };

  const by = {} as Record<StatisticsDimension, StatisticsFigure[]>;
  for (const [dimension, field] of Object.entries(FIELD) as Array<[Exclude<StatisticsDimension, 'territory'>, keyof StatisticsFact]>) {
    by[dimension] = counted(facts.map((f) => f[field])).map(([key, count]) => ({ key, count, query: query({ [dimension]: key }) }));
  }
  by.territory = counted(facts.map((f) => territoryFigureOf(f.jurisdictionId, territoryId, lookup) ?? f.jurisdictionId)).map(([key, count]) => ({
    key,
    label: lookup.get(key)?.name ?? key,
    count,
    // The territory's own alerts alone: `territory` would take in those below it as well.
    query: key === territoryId ? new URLSearchParams({ from: base.from, to: base.to, jurisdiction: key }).toString() : query({ territory: key }),
  }));

  const bucket = bucketFor(period);
  const overTime = bucketsOf(period, bucket).map((b) => {
    const inside = facts.filter((f) => Date.parse(f.createdAt) >= b.from.getTime() && Date.parse(f.createdAt) < b.to.getTime());
    const byStatus: Record<string, number> = {};
    for (const [k, n] of counted(inside.map((f) => f.capStatus))) byStatus[k] = n;
    return { from: b.from.toISOString(), to: b.to.toISOString(), count: inside.length, byStatus, query: new URLSearchParams({ ...base, from: b.from.toISOString(), to: b.to.toISOString() }).toString() };
  });

  return { period: { from: base.from, to: base.to }, territory: { id: territoryId, name: lookup.get(territoryId)?.name ?? territoryId }, bucket, total: facts.length, query: query({}), by, overTime };
}

/** The statistics of a period in a territory within the caller's (their own when none is named). */
export class BuildAlertStatistics {
  constructor(
    private readonly source: StatisticsSource,
    private readonly territory: TerritoryPort,
    private readonly lookup: JurisdictionLookup,
  ) {}

  async run(request: { period: ReportPeriod; territoryId?: string }, callerJurisdictionId: string): Promise<AlertStatistics> {
    assertPeriod(request.period);
    const territoryId = request.territoryId ?? callerJurisdictionId;
    if (!this.lookup.get(territoryId)) throw new ReportError('report/unknown-territory', `${territoryId} is not a jurisdiction Faro knows`);
    if (!this.territory.within(callerJurisdictionId).ids.includes(territoryId)) throw new ReportError('report/outside-territory', `${territoryId} is outside your territory (${callerJurisdictionId})`);
    const scope = this.territory.within(territoryId).ids;
    // The store filters by jurisdiction and period; checked again here, so nothing outside can slip in.
    const facts = (await this.source.alertsCreatedIn(request.period, scope)).filter(
      (f) => scope.includes(f.jurisdictionId) && Date.parse(f.createdAt) >= request.period.from.getTime() && Date.parse(f.createdAt) < request.period.to.getTime(),
    );
    return alertStatistics(facts, request.period, territoryId, this.lookup);
  }
}
