import type { CellOutcomeFact } from './report-facts';

export type CellOutcome = 'delivered' | 'failed' | 'never-reached';

// A cell counts as delivered when any of its messages went on air; failed when none did and one
// failed or was rejected; never reached otherwise (still queued, or killed before transmission).
export function cellOutcome(c: CellOutcomeFact): { outcome: CellOutcome; reason: string | null } {
  if (c.onAirAt !== null) return { outcome: 'delivered', reason: null };
  if (c.failed) return { outcome: 'failed', reason: c.failureReason ?? 'no reason given' };
  return { outcome: 'never-reached', reason: c.pendingReason ?? 'no reason given' };
}
