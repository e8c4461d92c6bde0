import type { Alert, SatelliteReach } from '@faro/alerts';
import type { SqlSatellitePlans } from '@faro/persistence';
import type { DraftingPool } from '../drafting/drafting-pool';

const ASSESSED_STATES = new Set<Alert['state']>(['draft', 'pending_approval', 'approved', 'broadcasting', 'active']);

// The alert view's satellite reach: the plan stored at release, else (not yet released, or the
// worker's plan not yet made) assessed now in a drafting thread; nothing for a Cancel or an
// alert that is over.
export async function satelliteReachOf(alert: Alert, plans: SqlSatellitePlans, pool: DraftingPool, now: Date): Promise<SatelliteReach | null> {
  const planned = await plans.planSummary(alert.id);
  if (planned) return planned;
  if (alert.msgType === 'Cancel' || !ASSESSED_STATES.has(alert.state) || alert.expiresAt.getTime() <= now.getTime()) return null;
  return pool.assess(alert.areas.map((a) => a.spec), alert.expiresAt);
}

export function satelliteReachView(r: SatelliteReach | null | undefined) {
  return r ? { ...r, deadline: r.deadline.toISOString() } : r;
}
