// The shapes of GET /api/v1/events (apps/api/src/console/console-events.schemas.ts).

export interface RouteProgress {
  total: number;
  onAir: number;
}

export interface AlertSummary {
  id: string;
  state: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  status: 'Actual' | 'Exercise' | 'Test';
  hazard: string;
  severity: string;
  urgency: string;
  certainty: string;
  languages: Array<{ language: string; headline?: string; text: string }>;
  drafter: { ref: string; name: string | null };
  references: string | null;
  createdAt: string;
  expires: string;
  cells: { terrestrial: number; satellite: number; total: number } | null;
  delivery: { total: number; onAir: number; failed: number; byRoute: Record<string, RouteProgress> } | null;
}

export interface Dashboard {
  at: string;
  alerts: AlertSummary[];
  incidents: Array<{ id: string; sensorId: string; sensorName: string | null; hazard: string; alertId: string | null; receivedAt: string }>;
  gateways: Array<{
    id: string;
    kind: 'satellite' | 'terrestrial';
    lastTransmittedAt: string | null;
    pendingBatches: number;
    failedLastHour: number;
    route: { state: 'up' | 'down'; since: string | null; lastHeardAt: string | null };
  }>;
  queue: { outboxOpen: number; pendingBatches: number; failedBatchesLastHour: number };
}

export interface AlertView {
  id: string;
  state: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  status: 'Actual' | 'Exercise' | 'Test';
  hazard: string;
  severity: string;
  languages: Array<{ language: string; headline?: string; text: string }>;
  expires: string;
  createdAt: string;
  releasedAt: string | null;
  activeAt: string | null;
  completedAt: string | null;
  targeting: { counts: { terrestrial: number; satellite: number; total: number }; routes: Record<string, { kind: string; gatewayId: string; cells: number }> } | null;
  delivery?: { total: number; byStatus: Record<string, number>; byRoute: Record<string, Record<string, number>> };
  drafter: { ref: string; name: string | null };
}
