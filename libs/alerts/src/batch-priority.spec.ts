import { fanoutPriority } from './alert';
import { batchPriority, batchRanks, MAX_ALERT_TIER, prioritiseBatches, RANKS_PER_TIER } from './batch-priority';
import type { BatchRef } from './fanout-ports';

const ref = (alertId: string, gatewayId: string, routeId: string, batch: number): BatchRef => ({ alertId, routeId, batch, kind: 'broadcast', gatewayId });
const tier = (severity: 'Extreme' | 'Severe' | 'Moderate', capStatus: 'Actual' | 'Exercise' = 'Actual') => fanoutPriority({ capStatus, severity, level1: false });

// A national alert: one terrestrial route of 300 batches, and 40 one-batch beam routes.
const national = [
  ...Array.from({ length: 300 }, (_, i) => ref('nat', 'cbc-tim', 'ter-tim', i)),
  ...Array.from({ length: 40 }, (_, i) => ref('nat', 'sat-nord', `sat-nord-bg${String(i).padStart(2, '0')}`, 0)),
];
const small = [ref('small', 'cbc-tim', 'ter-tim', 0), ref('small', 'cbc-tim', 'ter-tim', 1), ref('small', 'sat-nord', 'sat-nord-bg03', 0)];

describe('batchPriority', () => {
  it('keeps tiers strict: the last rank of a tier still runs before the first of the next', () => {
    expect(batchPriority(2, RANKS_PER_TIER * 5)).toBeLessThan(batchPriority(3, 0));
    expect(batchPriority(2, RANKS_PER_TIER - 1)).toBe(batchPriority(2, RANKS_PER_TIER + 7));
    expect(batchPriority(tier('Extreme'), 299)).toBeLessThan(batchPriority(tier('Severe'), 0));
    expect(batchPriority(tier('Moderate'), 299)).toBeLessThan(batchPriority(tier('Extreme', 'Exercise'), 0));
  });

  it('stays within BullMQ priorities 1..2^21 - 1 for every tier and rank', () => {
    expect(batchPriority(1, 0)).toBeGreaterThanOrEqual(1);
    expect(batchPriority(MAX_ALERT_TIER, Number.MAX_SAFE_INTEGER)).toBeLessThanOrEqual(2 ** 21 - 1);
  });

  it('refuses a tier outside 1..10', () => {
    expect(() => batchPriority(0, 0)).toThrow(RangeError);
    expect(() => batchPriority(11, 0)).toThrow('alert tier 11 is not in 1..10');
  });
});

describe('batchRanks', () => {
  it('ranks per gateway by batch number, then route: each gateway starts at rank 0', () => {
    const r = batchRanks(national);
    expect([r.get('nat\u0000ter-tim\u00000'), r.get('nat\u0000ter-tim\u0000299'), r.get('nat\u0000sat-nord-bg00\u00000'), r.get('nat\u0000sat-nord-bg39\u00000')]).toEqual([0, 299, 0, 39]);
  });
});

describe('prioritiseBatches', () => {
  it("interleaves alerts of one tier: a small alert released after a national one goes before the national one's later batches", () => {
    const queued = [...prioritiseBatches(tier('Moderate'), national, national), ...prioritiseBatches(tier('Moderate'), small, small)];
    // BullMQ: by priority, then first in first out.
    const order = queued.map((q, i) => ({ ...q, i })).sort((a, b) => a.priority - b.priority || a.i - b.i);
    const lastSmall = Math.max(...order.flatMap((q, pos) => (q.ref.alertId === 'small' ? [pos] : [])));
    const nationalAfter = order.slice(lastSmall + 1).filter((q) => q.ref.alertId === 'nat').length;
    // Rank 0 of both alerts (2 + 2), the national's rank 1 (2), then the small one's rank 1.
    expect(lastSmall).toBe(6);
    expect(nationalAfter).toBe(national.length - 4);
  });

  it('puts every batch of an Extreme alert before any batch of a lower tier, whatever their ranks', () => {
    const moderate = prioritiseBatches(tier('Moderate'), national, national);
    const extreme = prioritiseBatches(tier('Extreme'), national.map((b) => ({ ...b, alertId: 'ext' })), national.map((b) => ({ ...b, alertId: 'ext' })));
    expect(Math.max(...extreme.map((q) => q.priority))).toBeLessThan(Math.min(...moderate.map((q) => q.priority)));
  });

  it('gives a batch enqueued again the priority it was first given, ranked among all of its alert\'s batches', () => {
    const first = prioritiseBatches(tier('Severe'), national, national);
    const later = national.filter((b) => b.batch >= 250 || b.routeId === 'sat-nord-bg39');
    const again = prioritiseBatches(tier('Severe'), national, later);
    const before = new Map(first.map((q) => [`${q.ref.routeId}/${q.ref.batch}`, q.priority]));
    expect(again.map((q) => q.priority)).toEqual(again.map((q) => before.get(`${q.ref.routeId}/${q.ref.batch}`)));
    expect(again.find((q) => q.ref.routeId === 'ter-tim' && q.ref.batch === 250)?.priority).toBe(batchPriority(3, 250));
  });
});
