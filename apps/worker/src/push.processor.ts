import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { FaroConfig } from '@faro/config';
import { SqlPushNotices, SqlVapidKeys } from '@faro/persistence';
import { assertHandles, QUEUES, type PushJob } from '@faro/queue';
import { CONFIG } from './tokens';
import { postWebPush } from './web-push-request';
import { WORKER_LOCK_OPTIONS } from './worker-lock';
import { WorkerMetrics } from './worker-metrics';

// RFC 8030 §8: 404 and 410 say the subscription is gone for good; 408, 429 and 5xx are worth
// another try; any other refusal (400, 403, 413) would be refused again.
function outcomeOf(status: number): 'sent' | 'gone' | 'retry' | 'refused' {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 404 || status === 410) return 'gone';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

// Sends one browser notification. The job carries the notice's id; the row says whether it is
// still to be sent, so a job run twice sends once more at most and a sent notice not again.
// Several at once: each waits on a push service over the network (up to 10 s), not on this process.
export const PUSH_HANDLER = { name: 'PushProcessor', queue: QUEUES.push, handles: ['push.send'] } as const;

@Processor(PUSH_HANDLER.queue, { concurrency: 8, ...WORKER_LOCK_OPTIONS })
export class PushProcessor extends WorkerHost {
  private readonly log = new Logger('push');

  constructor(
    private readonly notices: SqlPushNotices,
    private readonly vapid: SqlVapidKeys,
    @Inject(CONFIG) private readonly config: FaroConfig,
    private readonly metrics: WorkerMetrics,
  ) {
    super();
  }

  async process(job: Job<PushJob>): Promise<unknown> {
    assertHandles(PUSH_HANDLER, job.name);
    const d = await this.notices.pendingDelivery(job.data.notificationId);
    if (!d) return { done: true };
    const attempt = job.attemptsMade + 1;
    const last = attempt >= (job.opts.attempts ?? 1);
    let outcome: ReturnType<typeof outcomeOf>;
    let reason: string;
    let status = 0;
    try {
      const res = await postWebPush(d, await this.vapid.keys(), this.config.PUSH_VAPID_SUBJECT);
      status = res.status;
      outcome = outcomeOf(res.status);
      reason = `push service answered ${res.status}`;
    } catch (e) {
      outcome = 'retry';
      reason = `push service unreachable: ${(e as Error).message}`;
    }
    if (outcome === 'sent') {
      await this.notices.markSent(d.id, attempt);
      return { sent: true };
    }
    if (outcome === 'gone') {
      await this.notices.removeSubscription(d.subscriptionId, status);
      this.log.log({ subscriptionId: d.subscriptionId, notificationId: d.id }, `${reason}: subscription removed`);
      return { gone: true };
    }
    const failed = outcome === 'refused' || last;
    await this.notices.markAttempt(d.id, attempt, reason, failed);
    if (failed) {
      this.log.warn({ notificationId: d.id, attempt, reason }, 'browser notification given up');
      return { failed: true, reason };
    }
    throw new Error(reason);
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.metrics.jobFinished(PUSH_HANDLER.queue, job, 'completed');
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined): void {
    if (job) this.metrics.jobFinished(PUSH_HANDLER.queue, job, 'failed');
  }
}
