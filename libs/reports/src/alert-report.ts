import { checkpointKid } from '@faro/audit';
import { cellOutcome, type CellOutcome } from './cell-outcome';
import { deliveryProgress, type DeliveryProgress } from './delivery-progress';
import type { AlertFact, AuditFact, ChainHead, ChainVerifier, MapFacts, ReportSource, TerritoryPort } from './report-facts';
import { ReportError } from './report-error';

export interface TimelineEvent {
  event: string;
  at: string | null;
  by?: string;
  route?: string;
  detail?: string;
}

export interface RouteDelivery {
  routeId: string;
  gatewayIds: string[];
  targeted: number;
  delivered: number;
  failed: number;
  neverReached: number;
  /** Cells not delivered, grouped by outcome and reason. */
  reasons: Array<{ outcome: Exclude<CellOutcome, 'delivered'>; reason: string; cells: number }>;
  progress: DeliveryProgress;
}

export interface AlertReport {
  kind: 'alert';
  generatedFrom: { chainHead: ChainHead | null };
  alert: Omit<AlertFact, 'areas' | 'targeting'>;
  timeline: TimelineEvent[];
  routes: RouteDelivery[];
  totals: { targeted: number; delivered: number; failed: number; neverReached: number; progress: DeliveryProgress };
  area: { requestedKm2: number; coveredKm2: number; overshootKm2: number; uncoveredKm2: number } | null;
  residentPopulation: number | null;
  languages: Array<{ language: string; headline: string | null; text: string; alphabet: string; characters: number; pages: number; signingKey: string }>;
  chain: Array<{ id: string; msgType: string; state: string; createdAt: string; releasedAt: string | null; isThis: boolean }>;
  audit: AuditFact[];
  verification: { intact: boolean; entries: number; headHash: string; firstBad?: { seq: number; reason: string } };
  /** The map's cells carry their outcome (cellOutcome). */
  map: Omit<MapFacts, 'cells'> & { cells: Array<MapFacts['cells'][number] & { outcome: CellOutcome }> };
}

/**
 * Everything an auditor asks of one alert, read from one snapshot of the store. An alert outside
 * the auditor's territory is not there (report/not-found), as everywhere else in the API.
 */
export class BuildAlertReport {
  constructor(
    private readonly source: ReportSource,
    private readonly territory: TerritoryPort,
    private readonly verifier: ChainVerifier,
  ) {}

  async run(alertId: string, auditorJurisdictionId: string): Promise<AlertReport> {
    const scope = this.territory.within(auditorJurisdictionId);
    const report = await this.source.snapshot(async (view) => {
      const chainHead = await view.chainHead();
      const alert = await view.alert(alertId);
      if (!alert || !scope.ids.includes(alert.jurisdictionId)) throw new ReportError('report/not-found', `alert ${alertId} is not in your territory`);
      const [messages, cells, chain, map] = [await view.messages(alert.id), await view.cellOutcomes(alert.id), await view.chainOf(alert.rootAlertId), await view.map(alert.id)];
      const audit = await view.auditOf([alert.id, alert.incidentId], chainHead?.seq ?? 0);
      return { chainHead, alert, messages, cells, chain, map, audit };
    });
    const { chainHead, alert, messages, cells, chain, map, audit } = report;

    const byRoute = new Map<string, typeof cells>();
    for (const c of cells) byRoute.set(c.routeId, [...(byRoute.get(c.routeId) ?? []), c]);
    const routes: RouteDelivery[] = [...byRoute.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([routeId, rc]) => {
        const outcomes = rc.map(cellOutcome);
        const reasons = new Map<string, { outcome: Exclude<CellOutcome, 'delivered'>; reason: string; cells: number }>();
        for (const o of outcomes) {
          if (o.outcome === 'delivered') continue;
          const key = `${o.outcome}\u0000${o.reason}`;
          const r = reasons.get(key) ?? reasons.set(key, { outcome: o.outcome, reason: o.reason ?? '', cells: 0 }).get(key)!;
          r.cells++;
        }
        return {
          routeId,
          gatewayIds: [...new Set(rc.map((c) => c.gatewayId))].sort(),
          targeted: rc.length,
          delivered: outcomes.filter((o) => o.outcome === 'delivered').length,
          failed: outcomes.filter((o) => o.outcome === 'failed').length,
          neverReached: outcomes.filter((o) => o.outcome === 'never-reached').length,
          reasons: [...reasons.values()].sort((a, b) => a.outcome.localeCompare(b.outcome) || a.reason.localeCompare(b.reason)),
          progress: deliveryProgress(rc.length, rc.map((c) => c.onAirAt)),
        };
      });
    const sum = (f: (r: RouteDelivery) => number) => routes.reduce((s, r) => s + f(r), 0);
    const verification = await this.verifier.run();

    const entry = (action: string) => audit.find((e) => e.action === action && e.subjectId === alert.id);
    const by = (e: AuditFact | undefined) => e && (e.actorName ? `${e.actorName} (${e.actor})` : e.actor);
    const drafted = entry('alert.drafted');
    const approved = entry('alert.approved');
    const firstSigned = [...messages].sort((a, b) => a.signedAt.localeCompare(b.signedAt))[0];
    const keys = [...new Set(messages.map((m) => checkpointKid(m.keyId)))].sort();
    const timeline: TimelineEvent[] = [
      { event: 'incident received', at: alert.incidentReceivedAt },
      { event: 'drafted', at: drafted?.at ?? alert.createdAt, ...(by(drafted) ? { by: by(drafted)! } : {}) },
      { event: 'approved', at: approved?.at ?? null, ...(by(approved) ? { by: by(approved)! } : {}) },
      { event: 'released', at: alert.releasedAt },
      { event: 'signed', at: firstSigned?.signedAt ?? null, ...(keys.length > 0 ? { detail: `key ${keys.join(', ')}` } : {}) },
      { event: 'first cell on air', at: deliveryProgress(cells.length, cells.map((c) => c.onAirAt)).firstOnAirAt },
    ];
    for (const r of routes) {
      for (const p of [50, 95, 100] as const) timeline.push({ event: `${p} % delivered`, route: r.routeId, at: r.progress.reached[`p${p}`] });
    }
    const outcomeOf = new Map(cells.map((c) => [`${c.routeId}\u0000${c.cellId}`, cellOutcome(c).outcome]));
    const { areas: _areas, targeting, ...facts } = alert;
    return {
      kind: 'alert',
      generatedFrom: { chainHead },
      alert: facts,
      timeline,
      routes,
      totals: {
        targeted: sum((r) => r.targeted),
        delivered: sum((r) => r.delivered),
        failed: sum((r) => r.failed),
        neverReached: sum((r) => r.neverReached),
        progress: deliveryProgress(cells.length, cells.map((c) => c.onAirAt)),
      },
      area: targeting && { requestedKm2: targeting.requestedAreaKm2, coveredKm2: targeting.coveredAreaKm2, overshootKm2: targeting.overshootKm2, uncoveredKm2: targeting.uncoveredKm2 },
      residentPopulation: targeting?.residentPopulation ?? null,
      languages: [...messages]
        .sort((a, b) => a.language.localeCompare(b.language))
        .map((m) => ({ language: m.language, headline: m.headline, text: m.text, alphabet: m.alphabet, characters: m.characters, pages: m.pageCount, signingKey: checkpointKid(m.keyId) })),
      chain: chain.map((c) => ({ id: c.id, msgType: c.msgType, state: c.state, createdAt: c.createdAt, releasedAt: c.releasedAt, isThis: c.id === alert.id })),
      audit,
      verification,
      map: { ...map, cells: map.cells.map((c) => ({ ...c, outcome: outcomeOf.get(`${c.routeId}\u0000${c.cellId}`) ?? 'never-reached' })) },
    };
  }
}
