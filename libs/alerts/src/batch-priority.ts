import type { BatchRef } from './fanout-ports';

// The uplink queue's order (BullMQ: the lower priority runs first). Two rules:
// - tiers are strict: every batch of a more urgent alert (fanoutPriority: level 1, Extreme, Severe,
//   the rest, then tests and exercises) runs before any batch of a less urgent one;
// - within a tier, a batch's rank (its place among its alert's batches to the same gateway) comes
//   before the order of release, so every alert's first batches go before a large alert's later
//   ones: a national alert's hundreds of batches do not hold back a small alert of its tier
//   released a moment after it.
// A job priority is tier × RANKS_PER_TIER + rank, the rank capped below RANKS_PER_TIER so that
// a tier never reaches into the next. The worst, 10 × 100,000 + 99,999, stays within BullMQ's
// range (1..2^21 − 1 in bullmq 6.7; libs/queue job-contract.spec.ts checks it against the
// installed BullMQ). No alert comes near 100,000 batches to one gateway: all of Italy's 200,000
// cells are some 200 batches of 1,000.
export const RANKS_PER_TIER = 100_000;
export const MAX_ALERT_TIER = 10;

export interface QueuedBatch {
  ref: BatchRef;
  priority: number;
}

export function batchPriority(tier: number, rank: number): number {
  if (!Number.isInteger(tier) || tier < 1 || tier > MAX_ALERT_TIER) throw new RangeError(`alert tier ${tier} is not in 1..${MAX_ALERT_TIER}`);
  return tier * RANKS_PER_TIER + Math.min(Math.max(0, Math.floor(rank)), RANKS_PER_TIER - 1);
}

// Ranks are counted per gateway over every batch of the alert (finished ones too), in the order
// (batch number, route): a route's batch n before its batch n + 1, and a satellite gateway's many
// one-batch beam routes one after the other. Counting over all of them, not only those still to
// run, gives a batch the same priority when the relay enqueues it again as when it was planned.
export function batchRanks(all: readonly BatchRef[]): Map<string, number> {
  const byGateway = new Map<string, BatchRef[]>();
  for (const b of all) {
    const list = byGateway.get(b.gatewayId) ?? [];
    list.push(b);
    byGateway.set(b.gatewayId, list);
  }
  const ranks = new Map<string, number>();
  for (const list of byGateway.values()) {
    list.sort((a, b) => a.batch - b.batch || (a.routeId < b.routeId ? -1 : a.routeId > b.routeId ? 1 : 0));
    list.forEach((b, i) => ranks.set(batchKey(b), i));
  }
  return ranks;
}

// The batches to enqueue (`which`) with their priorities, ranked among `all` of their alert's.
export function prioritiseBatches(tier: number, all: readonly BatchRef[], which: readonly BatchRef[]): QueuedBatch[] {
  const known = new Set(all.map(batchKey));
  const ranks = batchRanks([...all, ...which.filter((b) => !known.has(batchKey(b)))]);
  return which.map((ref) => ({ ref, priority: batchPriority(tier, ranks.get(batchKey(ref))!) }));
}

// (alert, route, batch) names a batch (fanout_batches' key): batchRanks' keys.
export const batchKey = (b: Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>) => `${b.alertId}\u0000${b.routeId}\u0000${b.batch}`;
