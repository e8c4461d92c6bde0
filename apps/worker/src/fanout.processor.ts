import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { FanOutAlert, PlanSatelliteBroadcast } from '@faro/alerts';
import { assertHandles, QUEUES, type FanoutJob } from '@faro/queue';
import { WORKER_LOCK_OPTIONS } from './worker-lock';
import { WorkerMetrics } from './worker-metrics';

// Turns a released alert into messages, deliveries and uplink batches.
export const FANOUT_HANDLER = { name: 'FanoutProcessor', queue: QUEUES.fanout, handles: ['alert.fanout', 'alert.kill'] } as const;

@Processor(FANOUT_HANDLER.queue, { concurrency: 2, ...WORKER_LOCK_OPTIONS })
export class FanoutProcessor extends WorkerHost {
  private readonly log = new Logger('fanout');

  constructor(
    private readonly fanOut: FanOutAlert,
    private readonly satellitePlan: PlanSatelliteBroadcast,
    private readonly metrics: WorkerMetrics,
    private readonly pino: PinoLogger,
  ) {
    super();
  }

  // Every line logged while the job runs carries the alert's id, its correlation id from the API on.
  process(job: Job<FanoutJob>): Promise<unknown> {
    return this.pino.runInContext(() => this.run(job), { bindings: { alertId: job.data.alertId, job: job.name, jobId: job.id } });
  }

  private async run(job: Job<FanoutJob>): Promise<unknown> {
    assertHandles(FANOUT_HANDLER, job.name);
    const started = Date.now();
    try {
      const result = await this.fanOut.run(job.data);
      this.log.log({ alertId: job.data.alertId, ...result, ms: Date.now() - started }, 'fan-out done');
      if (job.name === 'alert.fanout') await this.planSatellites(job.data.alertId);
      return result;
    } catch (e) {
      // Out of attempts: the outbox entry records why, so the relay stops re-dispatching
      // and the alert view shows the failure instead of an alert silently stuck.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        const reason = `${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message}`;
        this.log.error({ alertId: job.data.alertId, reason }, 'fan-out failed for good');
        await this.fanOut.giveUp(job.data, reason);
      }
      throw e;
    }
  }

  // After the fan-out, whose batches are already queued: the plan (seconds for a national alert,
  // in turns) never delays the air, and a failure to plan is logged, never retried with the fan-out.
  private async planSatellites(alertId: string): Promise<void> {
    const started = Date.now();
    try {
      const planned = await this.satellitePlan.run(alertId);
      if (planned.planned) this.log.log({ alertId, ...planned, ms: Date.now() - started }, 'satellite plan stored');
    } catch (e) {
      this.log.error({ alertId, reason: `${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message}` }, 'satellite plan failed');
    }
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.metrics.jobFinished(FANOUT_HANDLER.queue, job, 'completed');
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined): void {
    if (job) this.metrics.jobFinished(FANOUT_HANDLER.queue, job, 'failed');
  }
}
