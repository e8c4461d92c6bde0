import type { BatchRef, BatchRequeue, FanoutQueue } from '@faro/alerts';
import type { JobQueues } from '@faro/queue';

// The FanoutQueue port over the job queues (libs/queue): one uplink.batch job a batch, priority by
// severity.
export class BullmqFanoutQueue implements FanoutQueue, BatchRequeue {
  constructor(private readonly jobs: JobQueues) {}

  async enqueueBatches(batches: BatchRef[], priority: number): Promise<void> {
    await this.jobs.addBulk('uplink.batch', batches.map(jobData), { priority });
  }

  // A failover's batches, at once under fresh ids: an earlier job may be waiting out a retry delay
  // against the gateway that went down. Running a batch twice is safe (its gateway deduplicates).
  async requeue(batches: BatchRef[], priority: number, now = Date.now()): Promise<void> {
    await this.jobs.addBulk('uplink.batch', batches.map(jobData), { priority, redispatch: `failover-${now}` });
  }

  // Work re-created from PostgreSQL for batches still pending long after they were touched. A
  // batch whose job will still run (waiting, or held by a worker: a dead one's hold lapses within
  // WORKER_LOCK_MS) is left to it; otherwise (failed, removed, or evicted with its data) a new job is
  // added under a fresh id, so recovery does not wait for a failed job's 24 h expiry.
  async reenqueueStale(batches: BatchRef[], priority: number, now = Date.now()): Promise<number> {
    const orphaned: BatchRef[] = [];
    for (const b of batches) if (!(await this.jobs.willRun('uplink.batch', jobData(b)))) orphaned.push(b);
    await this.jobs.addBulk('uplink.batch', orphaned.map(jobData), { priority, redispatch: String(now) });
    return orphaned.length;
  }
}

// Only the batch's own fields travel: a BatchRef may be a wider row.
function jobData(b: BatchRef): BatchRef {
  return { alertId: b.alertId, routeId: b.routeId, batch: b.batch, kind: b.kind, gatewayId: b.gatewayId, ...(b.targetBatch === undefined ? {} : { targetBatch: b.targetBatch }) };
}
