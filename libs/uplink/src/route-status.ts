// A route's state as the dashboard and GET /api/v1/uplink/routes show it, from the last change the
// liveness audited for its gateway (uplink.route-down / uplink.route-up). The liveness records only
// changes and watches every gateway as up from its start, so a gateway with no change is up, since
// no known time. With several workers each records its own view; the latest entry wins.
export interface RouteChangeEntry {
  action: string;
  at: Date;
  details: Record<string, unknown>;
}

export interface RouteStatus {
  state: 'up' | 'down';
  since: string | null;
  // The last heartbeat the liveness had heard when it recorded the change.
  lastHeardAt: string | null;
}

export const ROUTE_ACTIONS = ['uplink.route-down', 'uplink.route-up'] as const;

export function routeStatusOf(last: RouteChangeEntry | null): RouteStatus {
  if (!last || !(ROUTE_ACTIONS as readonly string[]).includes(last.action)) return { state: 'up', since: null, lastHeardAt: null };
  const heard = typeof last.details.lastHeardAt === 'string' && !Number.isNaN(Date.parse(last.details.lastHeardAt)) ? new Date(last.details.lastHeardAt).toISOString() : null;
  return { state: last.action === 'uplink.route-down' ? 'down' : 'up', since: last.at.toISOString(), lastHeardAt: heard };
}
