import type { AlertState } from './alert-lifecycle';
import type { AlertArea, AlertLanguage, AlertStatus, Certainty, MsgType, Severity, Urgency } from './incident-draft';
import type { Hazard } from './hazards';

export interface RouteCount {
  kind: 'terrestrial' | 'satellite';
  gatewayId: string;
  cells: number;
  // Covered by this route's cells beyond the requested area (routes overlap). Absent in
  // summaries stored before it was measured.
  overshootKm2?: number;
  // A terrestrial route whose CBC takes no cell list (ECBE, osmo-cbc 0.5.3: the worker's network
  // mode) broadcasts to all its cells: this many. It is used only when `cells` is all of them.
  networkCells?: number;
}

// One of the alert's areas, in their order: whether a cell reaches it and what of it none covers.
export interface AreaTargeting {
  reachesCells: boolean;
  requestedKm2: number;
  uncoveredKm2: number;
  // Where the area is in the input (JSON pointer or CAP element path).
  pointer?: string;
}

// Something the drafter should look at before release; nothing stops the alert.
export interface TargetingWarning {
  code: 'targeting/area-partly-uncovered' | 'targeting/overshoot' | 'targeting/terrestrial-network-wide';
  message: string;
  pointer?: string;
}

// What targeting found for the alert's areas, kept with the alert for the console and audit.
// The fields after uncoveredKm2 are absent in summaries stored before issue 8.
export interface TargetingSummary {
  counts: { terrestrial: number; satellite: number; total: number };
  routes: Record<string, RouteCount>;
  requestedAreaKm2: number;
  coveredAreaKm2: number;
  overshootKm2: number;
  uncoveredKm2: number;
  // Beyond the requested area where a phone applying the Warning Area Coordinates still alerts.
  geofencedOvershootKm2?: number;
  // coveredAreaKm2 / requestedAreaKm2, and the factor above which it is a warning.
  coverageFactor?: number;
  overshootWarnFactor?: number;
  areas?: AreaTargeting[];
  warnings?: TargetingWarning[];
  residentPopulation: number;
  method: string;
  computedAt: string;
}

export interface Alert {
  id: string;
  incidentId: string;
  state: AlertState;
  msgType: MsgType;
  capStatus: AlertStatus;
  capIdentifier: string;
  sender: string;
  sent: Date;
  hazard: Hazard;
  severity: Severity;
  urgency: Urgency;
  certainty: Certainty;
  level1: boolean;
  expiresAt: Date;
  referencesAlertId: string | null;
  rootAlertId: string;
  languages: AlertLanguage[];
  areas: AlertArea[];
  messageIdentifier: number;
  additionalMessageIdentifier: number;
  geographicalScope: 0 | 1 | 2 | 3;
  messageCode: number;
  codeCycle: number;
  updateNumber: number;
  targeting: TargetingSummary | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  releasedAt: Date | null;
  // Who drafted it (actorRef: 'user:<id>' or 'sensor:<id>'), where, and who released it.
  draftedBy: string;
  jurisdictionId: string;
  approvedBy: string | null;
  origin: 'operator' | 'sensor';
  // null: the public; otherwise the restricted-audience group whose members alone can read it.
  audienceGroupId: string | null;
}

export interface Incident {
  id: string;
  source: string;
  format: 'json' | 'cap';
  dedupeKey: string | null;
  hazard: Hazard;
  payload: unknown;
  raw: string | null;
  alertId: string | null;
  receivedAt: Date;
  sensorId?: string | null;
  jurisdictionId?: string | null;
}

// The alert's tier (lower runs first): its fan-out job's BullMQ priority, and the strict first
// part of each of its uplink batches' priorities (batch-priority.ts). Level 1 and extreme alerts
// jump every queue.
export function fanoutPriority(a: Pick<Alert, 'capStatus' | 'severity' | 'level1'>): number {
  if (a.capStatus !== 'Actual') return 10;
  if (a.level1) return 1;
  if (a.severity === 'Extreme') return 2;
  if (a.severity === 'Severe') return 3;
  return 5;
}
