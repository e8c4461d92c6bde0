import type { Alert, Incident } from '../alert';
import { AlertError } from '../alert-error';
import type { AlertListFilter, AlertStore, AlertTransaction, AuditEntry, OutboxKind } from '../ports';

export interface OutboxRow {
  kind: OutboxKind;
  alertId: string;
  // Why it was closed before the relay took it (an edit after approval), else undefined.
  closed?: string;
}

// Whether a jurisdiction is the one given or a territory within it ('IT-R19' is within 'IT').
export function isWithin(jurisdictionId: string | undefined | null, of: string): boolean {
  return !!jurisdictionId && (jurisdictionId === of || jurisdictionId.startsWith(`${of}-`));
}

// An AlertStore for unit specs: maps in memory, one transaction at a time, rolled back when the
// work throws (as PostgreSQL would), and saveAlert's version check as the TypeORM store does it.
// Specs read what a use case left behind in alerts, incidents, trail and outbox.
export class InMemoryAlertStore implements AlertStore {
  alerts = new Map<string, Alert>();
  incidents = new Map<string, Incident>();
  trail: AuditEntry[] = [];
  outbox: OutboxRow[] = [];
  private nextCode = 1;
  // Called at the start of each transaction; a spec uses it to slip in a concurrent writer.
  beforeTransaction?: () => void;

  constructor(alerts: Alert[] = []) {
    for (const a of alerts) this.alerts.set(a.id, a);
  }

  async transaction<T>(work: (tx: AlertTransaction) => Promise<T>): Promise<T> {
    this.beforeTransaction?.();
    const saved = { alerts: new Map(this.alerts), incidents: new Map(this.incidents), trail: [...this.trail], outbox: this.outbox.map((o) => ({ ...o })), nextCode: this.nextCode };
    try {
      return await work(this.tx());
    } catch (e) {
      Object.assign(this, saved);
      throw e;
    }
  }

  async findAlert(id: string): Promise<Alert | null> {
    return this.alerts.get(id) ?? null;
  }

  async findVisibleAlert(id: string, jurisdictionId: string): Promise<Alert | null> {
    const a = this.alerts.get(id);
    return a && isWithin(a.jurisdictionId, jurisdictionId) ? a : null;
  }

  async findIncident(id: string): Promise<Incident | null> {
    return this.incidents.get(id) ?? null;
  }

  async findVisibleIncident(id: string, jurisdictionId: string): Promise<Incident | null> {
    const i = this.incidents.get(id);
    return i && isWithin(i.jurisdictionId, jurisdictionId) ? i : null;
  }

  async listAlerts(filter: AlertListFilter): Promise<{ items: Alert[]; total: number }> {
    const all = [...this.alerts.values()].filter(
      (a) =>
        isWithin(a.jurisdictionId, filter.visibleTo) &&
        (!filter.state || a.state === filter.state) &&
        (!filter.hazard || a.hazard === filter.hazard) &&
        (!filter.capStatus || a.capStatus === filter.capStatus) &&
        (!filter.severity || a.severity === filter.severity) &&
        (!filter.urgency || a.urgency === filter.urgency) &&
        (!filter.certainty || a.certainty === filter.certainty) &&
        (!filter.msgType || a.msgType === filter.msgType) &&
        (!filter.createdFrom || a.createdAt >= filter.createdFrom) &&
        (!filter.createdTo || a.createdAt < filter.createdTo) &&
        (!filter.territory || isWithin(a.jurisdictionId, filter.territory)) &&
        (!filter.jurisdiction || a.jurisdictionId === filter.jurisdiction),
    );
    return { items: all.slice(filter.offset, filter.offset + filter.limit), total: all.length };
  }

  // The trail's entries about one alert, as [action, details] pairs.
  auditOf(alertId: string): Array<[string, Record<string, unknown>]> {
    return this.trail.filter((e) => e.subjectId === alertId).map((e) => [e.action, e.details]);
  }

  private tx(): AlertTransaction {
    const checkVersion = (a: Alert) => {
      const stored = this.alerts.get(a.id);
      if (!stored || stored.version !== a.version - 1) throw new AlertError('alert/conflict', `Alert ${a.id} changed meanwhile`);
    };
    return {
      findIncidentByDedupeKey: async (key) => [...this.incidents.values()].find((i) => i.dedupeKey === key) ?? null,
      findAlertForUpdate: async (id) => this.alerts.get(id) ?? null,
      findAlertByCapIdentity: async (sender, identifier, sent) =>
        [...this.alerts.values()].find((a) => a.sender === sender && a.capIdentifier === identifier && a.sent.getTime() === sent.getTime()) ?? null,
      allocateMessageCode: async () => {
        const n = this.nextCode++;
        return { messageCode: n % 1024, codeCycle: Math.floor(n / 1024) };
      },
      insertIncident: async (incident) => {
        if (incident.dedupeKey && [...this.incidents.values()].some((i) => i.dedupeKey === incident.dedupeKey)) {
          throw new AlertError('alert/conflict', `An incident with dedupe key ${incident.dedupeKey} exists`);
        }
        this.incidents.set(incident.id, incident);
      },
      insertAlert: async (alert) => void this.alerts.set(alert.id, alert),
      saveAlert: async (alert) => {
        checkVersion(alert);
        this.alerts.set(alert.id, alert);
      },
      saveAlertContent: async (alert) => {
        checkVersion(alert);
        this.alerts.set(alert.id, alert);
      },
      enqueueOutbox: async (kind, alertId) => void this.outbox.push({ kind, alertId }),
      closeOutbox: async (alertId, reason) => {
        for (const o of this.outbox) if (o.alertId === alertId && !o.closed) o.closed = reason;
      },
      audit: async (entry) => void this.trail.push(entry),
    };
  }
}
