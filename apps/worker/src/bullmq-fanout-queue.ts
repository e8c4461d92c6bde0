import type { BatchRef, BatchRequeue, FanoutQueue, QueuedBatch } from '@faro/alerts';
import type { JobQueues } from '@faro/queue';

// The FanoutQueue port over the job queues (libs/queue): one uplink.batch job a batch, at the
// priority libs/alerts gave it (batch-priority.ts: tier, then rank within its alert).
export class BullmqFanoutQueue implements FanoutQueue, BatchRequeue {
  constructor(private readonly jobs: JobQueues) {}

  async enqueueBatches(batches: QueuedBatch[]): Promise<void> {
    await this.jobs.addEachAt('uplink.batch', batches.map((q) => ({ data: jobData(q.ref), priority: q.priority })));
  }

  // A failover's batches, at once under fresh ids: an earlier job may be waiting out a retry delay
  // against the gateway that went down. Running a batch twice is safe (its gateway deduplicates).
  async requeue(batches: QueuedBatch[], now = Date.now()): Promise<void> {
    await this.jobs.addEachAt('uplink.batch', batches.map((q) => ({ data: jobData(q.ref), priority: q.priority })), { redispatch: `failover-${now}` });
  }

  // Work re-created from PostgreSQL for batches still pending long after they were touched. A
  // batch whose job will still run (waiting, delayed, or held by a worker: a dead one's hold lapses
  // within WORKER_LOCK_MS) is left to it; otherwise (failed, removed, or evicted with its data) a
  // new job is added under a fresh id, at the priority its first job had, so recovery does not wait
  // for a failed job's 24 h expiry.
  async reenqueueStale(batches: QueuedBatch[], now = Date.now()): Promise<number> {
    const orphaned: QueuedBatch[] = [];
    for (const q of batches) if (!(await this.jobs.willRun('uplink.batch', jobData(q.ref)))) orphaned.push(q);
    await this.jobs.addEachAt('uplink.batch', orphaned.map((q) => ({ data: jobData(q.ref), priority: q.priority })), { redispatch: String(now) });
    return orphaned.length;
  }
}

// Only the batch's own fields travel: a BatchRef may be a wider row.
function jobData(b: BatchRef): BatchRef {
  return { alertId: b.alertId, routeId: b.routeId, batch: b.batch, kind: b.kind, gatewayId: b.gatewayId, ...(b.targetBatch === undefined ? {} : { targetBatch: b.targetBatch }) };
}
