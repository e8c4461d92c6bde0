// What a report is built from, as the store holds it. The adapter (libs/persistence
// SqlReportSource) reads these; every figure is computed from them here.

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface ReportPeriod {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export type CapStatus = 'Actual' | 'Exercise' | 'Test' | 'System';

export interface AlertFact {
  id: string;
  incidentId: string;
  rootAlertId: string;
  referencesAlertId: string | null;
  msgType: 'Alert' | 'Update' | 'Cancel';
  capStatus: CapStatus;
  state: string;
  hazard: string;
  severity: string;
  urgency: string;
  certainty: string;
  jurisdictionId: string;
  headline: string;
  createdAt: string;
  releasedAt: string | null;
  incidentReceivedAt: string;
  /** The areas as drafted (CAP-like specs), for the map. */
  areas: unknown;
  targeting: {
    requestedAreaKm2: number;
    coveredAreaKm2: number;
    overshootKm2: number;
    uncoveredKm2: number;
    residentPopulation: number;
  } | null;
}

export interface MessageFact {
  language: string;
  /** The text as released in this language (the alert's headline and text). */
  headline: string | null;
  text: string;
  alphabet: string;
  characters: number;
  pageCount: number;
  keyId: number;
  signedAt: string;
}

/**
 * One targeted cell of one route, its languages taken together: when the first of its messages
 * went on air (a transmission of its batch, the delivery on air or killed after), whether any
 * of them failed or was rejected and why, and the state of the others (queued, killed before
 * transmission) and why.
 */
export interface CellOutcomeFact {
  routeId: string;
  gatewayId: string;
  cellId: string;
  onAirAt: string | null;
  failed: boolean;
  failureReason: string | null;
  pendingReason: string | null;
}

export interface AuditFact {
  seq: number;
  at: string;
  actor: string;
  /** The user's or sensor's name, when the actor is one. */
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
  hash: string;
}

export interface SensorActivityFact {
  sensorId: string;
  name: string;
  jurisdictionId: string;
  incidents: number;
}

/** A polygon ring list in lon/lat, as GeoJSON holds it. */
export type Polygon = number[][][];

export interface MapFacts {
  /** The requested areas. */
  areas: Polygon[];
  /** The territory around them (the alert's jurisdiction). */
  context: Polygon[];
  cells: Array<{ cellId: string; routeId: string; coverage: Polygon[] }>;
}

/** One consistent view of the store: every read of one report sees the same data. */
export interface ReportView {
  chainHead(): Promise<ChainHead | null>;
  alert(id: string): Promise<AlertFact | null>;
  /** Alerts created within the period whose jurisdiction is one of `jurisdictionIds`, oldest first. */
  alertsIn(period: ReportPeriod, jurisdictionIds: readonly string[]): Promise<AlertFact[]>;
  /** Every alert of a chain (the first Alert, its Updates, its Cancel), oldest first. */
  chainOf(rootAlertId: string): Promise<AlertFact[]>;
  messages(alertId: string): Promise<MessageFact[]>;
  cellOutcomes(alertId: string): Promise<CellOutcomeFact[]>;
  /** Entries about these subjects, up to and including `upToSeq`, in chain order. */
  auditOf(subjectIds: readonly string[], upToSeq: number): Promise<AuditFact[]>;
  /**
   * Entries of these actions within the period and up to `upToSeq`, whose subject or acting user
   * belongs to one of `jurisdictionIds`; platform-wide ones (keys, the KEK) only when `national`.
   */
  auditActions(actions: readonly string[], period: ReportPeriod, upToSeq: number, scope: { jurisdictionIds: readonly string[]; national: boolean }): Promise<AuditFact[]>;
  sensorActivity(period: ReportPeriod, jurisdictionIds: readonly string[]): Promise<SensorActivityFact[]>;
  map(alertId: string): Promise<MapFacts>;
}

export interface ReportSource {
  /** Runs `work` over one snapshot (a read-only repeatable-read transaction). */
  snapshot<T>(work: (view: ReportView) => Promise<T>): Promise<T>;
}

/** The jurisdictions an auditor sees: their own and every one within it. */
export interface TerritoryPort {
  within(jurisdictionId: string): { ids: string[]; national: boolean };
}

/** The whole audit chain checked (libs/audit VerifyAuditTrail fits). */
export interface ChainVerifier {
  run(): Promise<{ intact: boolean; entries: number; headHash: string; firstBad?: { seq: number; reason: string } }>;
}
