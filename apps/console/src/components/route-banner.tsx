import { formatTime } from '../format-time';
import type { Dashboard } from '../live-types';
import { useSession } from '../session';

// An uplink route the worker's liveness marked down: alerts may not reach the air through it, so
// the dashboard says so above everything else until the route answers again.
export function RouteDownBanner({ gateways }: { gateways: Dashboard['gateways'] }) {
  const { t, locale } = useSession();
  const down = gateways.filter((g) => g.route.state === 'down');
  if (down.length === 0) return null;
  return (
    <div className="route-banner" role="alert" data-testid="route-banner">
      <ul className="plain">
        {down.map((g) => (
          <li key={g.id}>{g.route.since ? t('banner.routeDown', { id: g.id, time: formatTime(g.route.since, locale) }) : t('banner.routeDownNoTime', { id: g.id })}</li>
        ))}
      </ul>
    </div>
  );
}
