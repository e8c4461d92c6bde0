import type { AreaSpec } from '@faro/targeting';
import type { Alert, Incident, TargetingSummary } from './alert';
import type { AlertState } from './alert-lifecycle';

export interface AuditEntry {
  actor: string;
  action: string;
  subjectType: 'alert' | 'incident' | 'key' | 'system' | 'user' | 'api-token' | 'sensor' | 'audit' | 'group' | 'handset';
  subjectId: string;
  details: Record<string, unknown>;
}

export type OutboxKind = 'alert.fanout' | 'alert.kill';

// Everything a use case may do inside one PostgreSQL transaction.
export interface AlertTransaction {
  findIncidentByDedupeKey(key: string): Promise<Incident | null>;
  findAlertForUpdate(id: string): Promise<Alert | null>;
  findAlertByCapIdentity(sender: string, identifier: string, sent: Date): Promise<Alert | null>;
  allocateMessageCode(): Promise<{ messageCode: number; codeCycle: number }>;
  insertIncident(incident: Incident): Promise<void>;
  insertAlert(alert: Alert): Promise<void>;
  // Saves the alert if its version is still `alert.version - 1`; throws alert/conflict otherwise.
  saveAlert(alert: Alert): Promise<void>;
  enqueueOutbox(kind: OutboxKind, alertId: string): Promise<void>;
  // Closes the alert's open outbox entries (an approval superseded by an edit).
  closeOutbox(alertId: string, reason: string): Promise<void>;
  // Saves edited content (texts, areas, classification, expiry) with its version check.
  saveAlertContent(alert: Alert): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

export interface AlertListFilter {
  // Only alerts of this jurisdiction and of the territories within it.
  visibleTo: string;
  state?: AlertState;
  hazard?: string;
  capStatus?: string;
  severity?: string;
  urgency?: string;
  certainty?: string;
  msgType?: string;
  // Created at or after `createdFrom`, before `createdTo` (the reports' statistics link here).
  createdFrom?: Date;
  createdTo?: Date;
  // Of this jurisdiction or one within it; `jurisdiction`: of exactly this one.
  territory?: string;
  jurisdiction?: string;
  limit: number;
  offset: number;
}

export interface AlertStore {
  transaction<T>(work: (tx: AlertTransaction) => Promise<T>): Promise<T>;
  findAlert(id: string): Promise<Alert | null>;
  // The alert if it belongs to the jurisdiction or a territory within it, else null (a 404:
  // another territory's alert is not even acknowledged to exist).
  findVisibleAlert(id: string, jurisdictionId: string): Promise<Alert | null>;
  findIncident(id: string): Promise<Incident | null>;
  findVisibleIncident(id: string, jurisdictionId: string): Promise<Incident | null>;
  listAlerts(filter: AlertListFilter): Promise<{ items: Alert[]; total: number }>;
}

export interface Targeter {
  summarize(areas: AreaSpec[]): Promise<TargetingSummary>;
}

export { systemClock } from '@faro/identity';
export type { Clock } from '@faro/identity';
