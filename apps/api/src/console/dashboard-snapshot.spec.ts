import type { DeliveryProgress } from '@faro/persistence';
import { deliveryOf } from './dashboard-snapshot';

describe('deliveryOf', () => {
  const progress = (byRoute: Record<string, Record<string, number>>): DeliveryProgress => {
    const byStatus: Record<string, number> = {};
    for (const counts of Object.values(byRoute)) for (const [s, n] of Object.entries(counts)) byStatus[s] = (byStatus[s] ?? 0) + n;
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    return { total, byStatus, byRoute, failedBatches: [], batches: { pending: 0, done: 0, failed: 0 }, fanoutErrors: [], firstOnAirAt: null, completedAt: null };
  };

  it('counts as on air only what a gateway acknowledged, per route and in all', () => {
    const d = deliveryOf(progress({ 'ter-tim': { broadcasting: 6, queued: 4 }, 'sat-sud': { broadcasting: 2 } }));
    expect(d).toEqual({ total: 12, onAir: 8, failed: 0, byRoute: { 'ter-tim': { total: 10, onAir: 6 }, 'sat-sud': { total: 2, onAir: 2 } } });
  });

  it('counts failed and rejected cells as failed, never as on air', () => {
    const d = deliveryOf(progress({ 'ter-tim': { broadcasting: 1, failed: 2, rejected: 3, killed: 4 } }));
    expect([d.total, d.onAir, d.failed]).toEqual([10, 1, 5]);
  });
});
