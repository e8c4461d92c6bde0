import type { Alert, Incident } from '@faro/alerts';
import type { RateWindow } from './rate-limit';
import type { Sensor, SensorSecret } from './sensor';

// What the webhook needs to know about a sensor, read outside any transaction. Two calls a
// request, each one round trip to the database: a webhook is the hottest path there is.
export interface SensorDirectory {
  // The sensor and its secrets still valid at `now`, unwrapped; null when there is no such sensor.
  findSensorWithSecrets(id: string, now: Date): Promise<{ sensor: Sensor; secrets: SensorSecret[] } | null>;
  // Remembers a signature with its arrival time and reads the sensor's rate window, in one step.
  // fresh: false when the signature was seen before (a replay). window: of the sensor's
  // remembered requests since `since`, this one included when fresh (RateWindow).
  rememberSignature(sensorId: string, signature: string, now: Date, window: { since: Date; limit: number }): Promise<{ fresh: boolean; window: RateWindow }>;
}

// An entry of the audit chain about a sensor or what it reported. Never a secret or a signature.
export interface SensorAuditEntry {
  actor: string;
  action: string;
  subjectType: 'sensor' | 'alert' | 'incident';
  subjectId: string;
  details: Record<string, unknown>;
}

export interface SensorAuditTrail {
  // Appends in a transaction of its own.
  append(entry: SensorAuditEntry): Promise<void>;
}

// Incidents a sensor reports that yield no alert (policy 'record'), and the reads the policy needs.
export interface SensorIncidents {
  findByDedupeKey(key: string): Promise<Incident | null>;
  // Stores the incident with no alert, audited; an incident with the same dedupe key wins.
  record(incident: Incident): Promise<{ incident: Incident; duplicate: boolean }>;
  // Who drafted an alert (actorRef), or null when there is no such alert.
  draftedBy(alertId: string): Promise<string | null>;
}

// Tells the approvers of a jurisdiction that a sensor's alert awaits them.
export interface ApproverNotifier {
  awaitingApproval(n: { alert: Alert; sensor: Sensor; reason?: string }): Promise<void>;
}
