import type { AlertFact, AuditFact, CellOutcomeFact, ChainHead, MapFacts, MessageFact, ReportPeriod, ReportSource, ReportView, SensorActivityFact, TerritoryPort } from '../report-facts';

// The report store in memory, for specs: arrays the spec fills, read as the SQL adapter reads them.
export class InMemoryReportSource implements ReportSource, ReportView {
  head: ChainHead | null = { seq: 0, hash: '0'.repeat(64) };
  alerts: AlertFact[] = [];
  messagesOf = new Map<string, MessageFact[]>();
  cellsOf = new Map<string, CellOutcomeFact[]>();
  entries: Array<AuditFact & { jurisdictionId: string | null }> = [];
  sensors: SensorActivityFact[] = [];
  snapshots = 0;

  async snapshot<T>(work: (view: ReportView) => Promise<T>): Promise<T> {
    this.snapshots++;
    return work(this);
  }
  async chainHead() {
    return this.head;
  }
  async alert(id: string) {
    return this.alerts.find((a) => a.id === id) ?? null;
  }
  async alertsIn(p: ReportPeriod, ids: readonly string[]) {
    return this.alerts.filter((a) => Date.parse(a.createdAt) >= p.from.getTime() && Date.parse(a.createdAt) < p.to.getTime() && ids.includes(a.jurisdictionId));
  }
  async chainOf(root: string) {
    return this.alerts.filter((a) => a.rootAlertId === root);
  }
  async messages(id: string) {
    return this.messagesOf.get(id) ?? [];
  }
  async cellOutcomes(id: string) {
    return this.cellsOf.get(id) ?? [];
  }
  async auditOf(subjects: readonly string[], upTo: number) {
    return this.entries.filter((e) => subjects.includes(e.subjectId) && e.seq <= upTo).map(strip);
  }
  async auditActions(actions: readonly string[], p: ReportPeriod, upTo: number, scope: { jurisdictionIds: readonly string[]; national: boolean }) {
    return this.entries
      .filter((e) => actions.includes(e.action) && e.seq <= upTo && Date.parse(e.at) >= p.from.getTime() && Date.parse(e.at) < p.to.getTime())
      .filter((e) => scope.national || (e.jurisdictionId !== null && scope.jurisdictionIds.includes(e.jurisdictionId)))
      .map(strip);
  }
  async sensorActivity(_p: ReportPeriod, ids: readonly string[]) {
    return this.sensors.filter((s) => ids.includes(s.jurisdictionId));
  }
  async map(): Promise<MapFacts> {
    return { areas: [], context: [], cells: [] };
  }
}

const strip = ({ jurisdictionId: _j, ...e }: AuditFact & { jurisdictionId: string | null }): AuditFact => e;

// IT ⊃ IT-R19 ⊃ IT-P087; IT ⊃ IT-R18.
export const fakeTerritory: TerritoryPort = {
  within(id) {
    const tree: Record<string, string[]> = { IT: ['IT', 'IT-R19', 'IT-P087', 'IT-R18'], 'IT-R19': ['IT-R19', 'IT-P087'], 'IT-R18': ['IT-R18'], 'IT-P087': ['IT-P087'] };
    return { ids: tree[id] ?? [], national: id === 'IT' };
  },
};

export const intactChain = { run: async () => ({ intact: true, entries: 12, headHash: 'ab'.repeat(32) }) };

let n = 0;
export function alertFact(o: Partial<AlertFact> = {}): AlertFact {
  const id = o.id ?? `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return {
    id,
    incidentId: `inc-${id}`,
    rootAlertId: id,
    referencesAlertId: null,
    msgType: 'Alert',
    capStatus: 'Actual',
    state: 'active',
    hazard: 'flood',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    jurisdictionId: 'IT-R19',
    headline: 'Flood',
    createdAt: '2026-03-01T10:00:00.000Z',
    releasedAt: '2026-03-01T10:01:00.000Z',
    incidentReceivedAt: '2026-03-01T09:59:59.000Z',
    areas: [],
    targeting: { requestedAreaKm2: 10, coveredAreaKm2: 14, overshootKm2: 4, uncoveredKm2: 0.5, residentPopulation: 1200 },
    ...o,
  };
}

export function cell(routeId: string, cellId: string, onAirAt: string | null, o: Partial<CellOutcomeFact> = {}): CellOutcomeFact {
  return { routeId, gatewayId: `gw-${routeId}`, cellId, onAirAt, failed: false, failureReason: null, pendingReason: null, ...o };
}
