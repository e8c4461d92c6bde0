import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { DeliverBatch } from '@faro/alerts';
import type { FaroConfig } from '@faro/config';
import { assertHandles, QUEUES, type UplinkJob } from '@faro/queue';
import { CONFIG } from './tokens';
import { WORKER_LOCK_OPTIONS } from './worker-lock';
import { WorkerMetrics } from './worker-metrics';

function retryable(e: unknown): boolean {
  const r = (e as { retryable?: unknown })?.retryable;
  // Unknown failures (a dropped connection, a timeout) are worth another try.
  return typeof r === 'boolean' ? r : true;
}

// A little over the wait the budget or the gateway named, so that the job does not arrive just
// before its token; at least 20 ms, at most a minute (a gateway asking for more is asked again).
function rateLimitWaitMs(e: unknown): number | undefined {
  if ((e as { code?: unknown })?.code !== 'uplink/rate-limited') return undefined;
  const ms = (e as { retryAfterMs?: unknown }).retryAfterMs;
  return Math.min(60_000, Math.max(20, (typeof ms === 'number' && Number.isFinite(ms) ? ms : 1000) + 5));
}

// Delivers one batch of cells on one route. A job that exhausts its retries, or meets a
// permanent refusal, leaves its cells failed in PostgreSQL with the reason.
export const UPLINK_HANDLER = { name: 'UplinkProcessor', queue: QUEUES.uplink, handles: ['uplink.batch'] } as const;

@Processor(UPLINK_HANDLER.queue, { ...WORKER_LOCK_OPTIONS })
export class UplinkProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger('uplink');

  constructor(
    private readonly deliver: DeliverBatch,
    @Inject(CONFIG) private readonly config: FaroConfig,
    private readonly metrics: WorkerMetrics,
    private readonly pino: PinoLogger,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // One worker process, many jobs at once (YARDSTICK.md).
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  // Every line logged while the job runs (the uplink's too) carries the alert's id.
  process(job: Job<UplinkJob>, token?: string): Promise<unknown> {
    const d = job.data;
    return this.pino.runInContext(() => this.run(job, token), { bindings: { alertId: d.alertId, job: job.name, jobId: job.id, routeId: d.routeId, gatewayId: d.gatewayId } });
  }

  private async run(job: Job<UplinkJob>, token: string | undefined): Promise<unknown> {
    assertHandles(UPLINK_HANDLER, job.name);
    const attempt = job.attemptsMade + 1;
    try {
      return await this.deliver.run(job.data, attempt);
    } catch (e) {
      const wait = rateLimitWaitMs(e);
      if (wait !== undefined) {
        // Over the gateway's rate: nothing was sent. The job is put off until a token is due,
        // spending no attempt (BullMQ's moveToDelayed skips the attempt count) and holding no
        // worker slot meanwhile, so other gateways' work goes on. It keeps its priority.
        this.metrics.uplinkRateLimited(job.data.gatewayId);
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
      this.metrics.uplinkError(job.data.gatewayId, (e as { code?: string }).code);
      const last = attempt >= (job.opts.attempts ?? 1);
      if (!retryable(e) || last) {
        const code = (e as { code?: string }).code;
        const reason = `${code ?? 'error'}: ${(e as Error).message}`;
        const { deferred } = await this.deliver.giveUp(job.data, reason, attempt, code);
        if (deferred) {
          this.log.warn({ ...job.data, attempt, reason }, 'batch waits (its target batch, or its submission in progress at the gateway); left pending for the relay');
          return { deferred: true, reason };
        }
        this.log.warn({ ...job.data, attempt, reason }, 'batch failed for good');
        return { failed: true, reason };
      }
      this.log.debug?.({ ...job.data, attempt, err: (e as Error).message }, 'batch will be retried');
      throw e;
    }
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.metrics.jobFinished(UPLINK_HANDLER.queue, job, 'completed');
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined): void {
    if (job) this.metrics.jobFinished(UPLINK_HANDLER.queue, job, 'failed');
  }
}
