// What Faro tells operators and approvers in their browsers, derived from the audit trail: every
// alert state change and every failed batch is appended there in the transaction that makes it.
export type PushKind = 'approval-needed' | 'released' | 'on-air' | 'delivery-failures' | 'cancelled';

// One entry of the audit trail, as much of it as a notice needs.
export interface AuditedChange {
  seq: number;
  actor: string;
  action: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export interface AlertSummary {
  id: string;
  jurisdictionId: string;
  draftedBy: string;
  hazard: string;
  msgType: string;
  capStatus: string;
  headline: string;
}

// A stored subscription with its user's roles and territory as they are now.
export interface PushCandidate {
  subscriptionId: string;
  userId: string;
  roles: readonly string[];
  jurisdictionId: string;
}

// The notification's content: no secret, nothing a locked phone should not show; the console
// page gives the rest after the user signs in.
export interface PushPayload {
  kind: PushKind;
  alertId: string;
  event: string;
  headline: string;
  msgType: string;
  status: string;
  territory: string;
  url: string;
}

export interface PlannedNotice {
  subscriptionId: string;
  userId: string;
  kind: PushKind;
  alertId: string;
  // One notice per subscription and key: an audit entry, or for failures one per alert.
  dedupeKey: string;
  payload: PushPayload;
}

export type JurisdictionContains = (parentId: string, childId: string) => boolean;

export const NOTIFIED_ACTIONS = ['alert.pending_approval', 'alert.approved', 'alert.active', 'alert.batch-failed', 'alert.cancelled'] as const;

// The kind of notice an audit entry gives, if any. failedShare is the share of the alert's
// cells failed so far (asked for only on a failed batch).
export function pushKindOf(e: AuditedChange, failedShare: () => Promise<number>, threshold: number): Promise<PushKind | null> | PushKind | null {
  switch (e.action) {
    case 'alert.pending_approval':
      // A draft released straight away passes pending_approval inside the release: nobody waits.
      return e.details.submittedOnReleaseBy ? null : 'approval-needed';
    case 'alert.approved':
      return 'released';
    case 'alert.active':
      return 'on-air';
    case 'alert.cancelled':
      return 'cancelled';
    case 'alert.batch-failed':
      return failedShare().then((share) => (share > threshold ? 'delivery-failures' : null));
    default:
      return null;
  }
}

// Who hears of it: operators and approvers whose territory holds the alert's. Only approvers are
// asked to decide, and never the one who drafted or submitted the alert (four eyes); the one who
// made a change is not told of it.
export function recipientsOf(kind: PushKind, alert: AlertSummary, actor: string, candidates: readonly PushCandidate[], contains: JurisdictionContains): PushCandidate[] {
  return candidates.filter((c) => {
    const ref = `user:${c.userId}`;
    if (ref === actor) return false;
    if (!contains(c.jurisdictionId, alert.jurisdictionId)) return false;
    if (kind === 'approval-needed') return c.roles.includes('approver') && ref !== alert.draftedBy;
    return c.roles.includes('operator') || c.roles.includes('approver');
  });
}

export function pushPayloadOf(kind: PushKind, alert: AlertSummary): PushPayload {
  return {
    kind,
    alertId: alert.id,
    event: alert.hazard,
    headline: alert.headline.length > 120 ? `${alert.headline.slice(0, 119)}…` : alert.headline,
    msgType: alert.msgType,
    status: alert.capStatus,
    territory: alert.jurisdictionId,
    // The console's page for the alert, on the console's own origin.
    url: `/alerts/${alert.id}`,
  };
}

export function planNotices(e: AuditedChange, kind: PushKind, alert: AlertSummary, candidates: readonly PushCandidate[], contains: JurisdictionContains): PlannedNotice[] {
  const payload = pushPayloadOf(kind, alert);
  const dedupeKey = kind === 'delivery-failures' ? `delivery-failures:${alert.id}` : `audit:${e.seq}`;
  return recipientsOf(kind, alert, e.actor, candidates, contains).map((c) => ({ subscriptionId: c.subscriptionId, userId: c.userId, kind, alertId: alert.id, dedupeKey, payload }));
}
