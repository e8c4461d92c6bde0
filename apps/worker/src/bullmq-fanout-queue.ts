import type { Queue } from 'bullmq';
import type { BatchRef, FanoutQueue } from '@faro/alerts';
import { uplinkJobId, type UplinkJob } from '@faro/queue';

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
    for (let i = 0; i < batches.length; i += 500) {
      await this.uplink.addBulk(
        batches.slice(i, i + 500).map((b) => {
          const data: UplinkJob = { alertId: b.alertId, routeId: b.routeId, batch: b.batch, kind: b.kind, gatewayId: b.gatewayId, ...(b.targetBatch === undefined ? {} : { targetBatch: b.targetBatch }) };
          return {
            name: 'uplink.batch',
            data,
            opts: {
              jobId: uplinkJobId(data),
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
