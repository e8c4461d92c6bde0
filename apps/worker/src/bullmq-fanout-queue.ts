import type { Queue } from 'bullmq';
import type { BatchRef, FanoutQueue } from '@faro/alerts';
import { uplinkJobId, willRunByItself, type UplinkJob } from '@faro/queue';


function jobData(b: BatchRef): UplinkJob {
  return { alertId: b.alertId, routeId: b.routeId, batch: b.batch, kind: b.kind, gatewayId: b.gatewayId, ...(b.targetBatch === undefined ? {} : { targetBatch: b.targetBatch }) };
}

// The FanoutQueue port over BullMQ: one job a batch, deterministic ids, priority by
// severity, exponential backoff. Completed jobs are removed so that work re-created
// from PostgreSQL is never mistaken for work already done.
export class BullmqFanoutQueue implements FanoutQueue {
  constructor(
    private readonly uplink: Queue,
    private readonly attempts: number,
    private readonly backoffMs: number,
  ) {}

  async enqueueBatches(batches: BatchRef[], priority: number): Promise<void> {
    await this.add(batches, priority);
  }

  // Work re-created from PostgreSQL for batches still pending long after they were touched. A
  // batch whose job will still run (waiting, or held by a worker: a dead one's hold lapses within
  // WORKER_LOCK_MS) is left to it; otherwise (failed, removed, or evicted with its data) a new job is
  // added under a fresh id, so recovery does not wait for a failed job's 24 h expiry.
  async reenqueueStale(batches: BatchRef[], priority: number, now = Date.now()): Promise<number> {
    const orphaned: BatchRef[] = [];
    for (const b of batches) {
      const state = await this.uplink.getJobState(uplinkJobId(jobData(b)));
      if (!willRunByItself(state)) orphaned.push(b);
    }
    await this.add(orphaned, priority, String(now));
    return orphaned.length;
  }

  private async add(batches: BatchRef[], priority: number, redispatch?: string): Promise<void> {
    for (let i = 0; i < batches.length; i += 500) {
      await this.uplink.addBulk(
        batches.slice(i, i + 500).map((b) => {
          const data = jobData(b);
          return {
            name: 'uplink.batch',
            data,
            opts: {
              jobId: uplinkJobId(data, redispatch),
              priority,
              attempts: this.attempts,
              backoff: { type: 'exponential', delay: this.backoffMs },
              removeOnComplete: true,
              removeOnFail: { age: 24 * 3600 },
            },
          };
        }),
      );
    }
  }
}
