// What Faro tells operators and approvers in their browsers, derived from the audit trail: every
// alert state change and every failed batch is appended there in the transaction that makes it.
// The uplink's routes are national infrastructure: a route going down or coming back is told too.
export type AlertPushKind = 'approval-needed' | 'released' | 'on-air' | 'delivery-failures' | 'cancelled';
export type RoutePushKind = 'route-down' | 'route-up';
export type PushKind = AlertPushKind | RoutePushKind;

export function isRouteKind(kind: PushKind): kind is RoutePushKind {
  return kind === 'route-down' || kind === 'route-up';
}

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
export type PushPayload = AlertPushPayload | RoutePushPayload;

export interface AlertPushPayload {
  kind: AlertPushKind;
  alertId: string;
  event: string;
  headline: string;
  msgType: string;
  status: string;
  territory: string;
  url: string;
}

// A route's change: which gateway, since when; the dashboard shows the rest.
export interface RoutePushPayload {
  kind: RoutePushKind;
  gatewayId: string;
  since: string | null;
  url: string;
}

export interface PlannedNotice {
  subscriptionId: string;
  userId: string;
  kind: PushKind;
  // null for a route's notice, which names no alert.
  alertId: string | null;
  // One notice per subscription and key: an audit entry, or for failures one per alert.
  dedupeKey: string;
  payload: PushPayload;
}

export type JurisdictionContains = (parentId: string, childId: string) => boolean;

export const NOTIFIED_ACTIONS = ['alert.pending_approval', 'alert.approved', 'alert.active', 'alert.batch-failed', 'alert.cancelled', 'uplink.route-down', 'uplink.route-up'] as const;

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
    case 'uplink.route-down':
      return 'route-down';
    case 'uplink.route-up':
      return 'route-up';
    case 'alert.batch-failed':
      return failedShare().then((share) => (share > threshold ? 'delivery-failures' : null));
    default:
      return null;
  }
}

// Who hears of it: operators and approvers whose territory holds the alert's. Only approvers are
// asked to decide, and never the one who drafted or submitted the alert (four eyes); the one who
// made a change is not told of it.
export function recipientsOf(kind: AlertPushKind, alert: AlertSummary, actor: string, candidates: readonly PushCandidate[], contains: JurisdictionContains): PushCandidate[] {
  return candidates.filter((c) => {
    const ref = `user:${c.userId}`;
    if (ref === actor) return false;
    if (!contains(c.jurisdictionId, alert.jurisdictionId)) return false;
    if (kind === 'approval-needed') return c.roles.includes('approver') && ref !== alert.draftedBy;
    return c.roles.includes('operator') || c.roles.includes('approver');
  });
}

export function pushPayloadOf(kind: AlertPushKind, alert: AlertSummary): AlertPushPayload {
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

export function planNotices(e: AuditedChange, kind: AlertPushKind, alert: AlertSummary, candidates: readonly PushCandidate[], contains: JurisdictionContains): PlannedNotice[] {
  const payload = pushPayloadOf(kind, alert);
  const dedupeKey = kind === 'delivery-failures' ? `delivery-failures:${alert.id}` : `audit:${e.seq}`;
  return recipientsOf(kind, alert, e.actor, candidates, contains).map((c) => ({ subscriptionId: c.subscriptionId, userId: c.userId, kind, alertId: alert.id, dedupeKey, payload }));
}

// Who hears of a route's change: every subscribed operator and approver, whatever their
// territory, since every territory's alerts go out over the same gateways and a route down may
// leave any of them short. Auditors and admins cannot subscribe (push is for those who act on
// alerts); they see the state on the dashboard and in the audit listing.
export function routeRecipientsOf(candidates: readonly PushCandidate[]): PushCandidate[] {
  return candidates.filter((c) => c.roles.includes('operator') || c.roles.includes('approver'));
}

// When the change happened: the liveness records the last heartbeat and the silence before the
// change, whose sum is the moment it was seen.
export function routeChangedAt(e: AuditedChange): string | null {
  const heard = typeof e.details.lastHeardAt === 'string' ? Date.parse(e.details.lastHeardAt) : NaN;
  const silent = typeof e.details.silentForMs === 'number' ? e.details.silentForMs : NaN;
  return Number.isFinite(heard) && Number.isFinite(silent) ? new Date(heard + silent).toISOString() : null;
}

export function planRouteNotices(e: AuditedChange, kind: RoutePushKind, candidates: readonly PushCandidate[]): PlannedNotice[] {
  const payload: RoutePushPayload = { kind, gatewayId: e.subjectId, since: routeChangedAt(e), url: '/' };
  return routeRecipientsOf(candidates).map((c) => ({ subscriptionId: c.subscriptionId, userId: c.userId, kind, alertId: null, dedupeKey: `audit:${e.seq}`, payload }));
}
