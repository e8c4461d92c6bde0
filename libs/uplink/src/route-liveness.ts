// Which routes are alive, from their heartbeats: a route is down once nothing was heard from its
// gateway for timeoutMs, and up again at the next heartbeat answered. Called every tick with the
// clock's time, it returns only the changes, so each becomes one event. A route not heard since
// the watch began gets the same grace as one heard at that moment.
export type RouteState = 'up' | 'down';

export interface RouteChange {
  gatewayId: string;
  state: RouteState;
  at: Date;
  // When the gateway last answered (the watch's start if never).
  lastHeardAt: Date;
}

export class RouteLiveness {
  private readonly routes = new Map<string, { lastHeard: number; state: RouteState; since: number }>();

  constructor(
    private readonly timeoutMs: number,
    gatewayIds: string[],
    startedAt: Date,
  ) {
    if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    for (const id of gatewayIds) this.watch(id, startedAt);
  }

  // A gateway registered after the watch began is watched from then on.
  watch(gatewayId: string, since: Date): void {
    if (!this.routes.has(gatewayId)) this.routes.set(gatewayId, { lastHeard: since.getTime(), state: 'up', since: since.getTime() });
  }

  watched(): string[] {
    return [...this.routes.keys()];
  }

  heard(gatewayId: string, at: Date): void {
    const route = this.routes.get(gatewayId);
    if (route) route.lastHeard = Math.max(route.lastHeard, at.getTime());
  }

  changes(now: Date): RouteChange[] {
    const out: RouteChange[] = [];
    for (const [gatewayId, route] of this.routes) {
      const state: RouteState = now.getTime() - route.lastHeard >= this.timeoutMs ? 'down' : 'up';
      if (state === route.state) continue;
      route.state = state;
      route.since = now.getTime();
      out.push({ gatewayId, state, at: now, lastHeardAt: new Date(route.lastHeard) });
    }
    return out;
  }

  stateOf(gatewayId: string): RouteState | undefined {
    return this.routes.get(gatewayId)?.state;
  }

  // Whether the route has been in `state` for at least forMs at `now` (by the changes returned so
  // far; a route watched from the start is up since then).
  steadily(gatewayId: string, state: RouteState, forMs: number, now: Date): boolean {
    const route = this.routes.get(gatewayId);
    return route !== undefined && route.state === state && now.getTime() - route.since >= forMs;
  }
}
