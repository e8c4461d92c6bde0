import { randomUUID } from 'node:crypto';
import type { Alert } from './alert';
import type { IncidentDraft } from './incident-draft';

// The Cancel of an alert, drafted from the alert itself: same hazard, areas and
// languages, referencing it (CAP msgType Cancel).
export function cancelDraftFor(alert: Alert, now: Date, sender: string): IncidentDraft {
  return {
    msgType: 'Cancel',
    references: { alertId: alert.id },
    hazard: alert.hazard,
    areas: alert.areas,
    severity: alert.severity,
    urgency: alert.urgency,
    certainty: alert.certainty,
    status: alert.capStatus,
    level1: alert.level1,
    languages: alert.languages,
    expires: alert.expiresAt > now ? alert.expiresAt : new Date(now.getTime() + 3600_000),
    sender,
    identifier: `faro-${randomUUID()}`,
    sent: now,
  };
}
