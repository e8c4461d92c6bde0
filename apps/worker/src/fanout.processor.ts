import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { FanOutAlert, PlanSatelliteBroadcast } from '@faro/alerts';
import { SqlAlertStore } from '@faro/persistence';
import { assertHandles, QUEUES, type FanoutJob } from '@faro/queue';
import { WORKER_LOCK_OPTIONS } from './worker-lock';
import { WorkerMetrics } from './worker-metrics';

const PLAN_WAIT_MS = 120_000;
const PLAN_POLL_MS = 250;

// Turns a released alert into messages, deliveries and uplink batches.
export const FANOUT_HANDLER = { name: 'FanoutProcessor', queue: QUEUES.fanout, handles: ['alert.fanout', 'alert.kill'] } as const;

@Processor(FANOUT_HANDLER.queue, { concurrency: 2, ...WORKER_LOCK_OPTIONS })
export class FanoutProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly log = new Logger('fanout');
  private readonly plansWaiting = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly fanOut: FanOutAlert,
    private readonly alerts: SqlAlertStore,
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
      if (job.name === 'alert.fanout') this.planSatellitesAfterTheAir(job.data.alertId);
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

  // Once the alert's batches have gone out (it has left broadcasting), or after PLAN_WAIT_MS: the
  // plan takes this event loop ~0.6 s of CPU for a national alert, which its uplink jobs, in the
  // same process, would otherwise wait for (bench: the first cell 0.6 s later). Not the job's own
  // work, so it does not hold a fan-out slot while it waits; a plan lost to a shutdown leaves the
  // views assessing the reach instead (SatelliteReach 'assessed').
  private planSatellitesAfterTheAir(alertId: string): void {
    const task = (async () => {
      for (const until = Date.now() + PLAN_WAIT_MS; !this.closing && Date.now() < until; await sleep(PLAN_POLL_MS)) {
        if ((await this.alerts.findAlert(alertId))?.state !== 'broadcasting') break;
      }
      if (!this.closing) await this.planSatellites(alertId);
    })().catch((e) => this.log.error({ alertId, reason: (e as Error).message }, 'satellite plan failed'));
    this.plansWaiting.add(task);
    void task.finally(() => this.plansWaiting.delete(task));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.plansWaiting);
  }

  // A failure to plan is logged, never retried with the fan-out.
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
