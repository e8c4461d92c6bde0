import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { FaroConfig } from '@faro/config';
import { SqlPushNotices } from '@faro/persistence';
import { RelayPushNotices } from '@faro/push';
import { JobQueues, type PushJob } from '@faro/queue';
import { CONFIG } from './tokens';

// Turns the audit trail into browser notifications (RelayPushNotices, one transaction with the
// cursor) and hands pending ones to the push queue. The notices live in PostgreSQL, so when Redis
// is down nothing is lost: what could not be queued is queued at a later pass.
@Injectable()
export class PushRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('push-relay');
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    @Inject(CONFIG) private readonly config: FaroConfig,
    private readonly jobs: JobQueues,
    private readonly relay: RelayPushNotices,
    private readonly notices: SqlPushNotices,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.OUTBOX_POLL_MS);
    void this.tick();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      while ((await this.relay.run()) > 0 && !this.stopped);
      await this.dispatch();
    } catch (e) {
      this.log.error(`push relay pass failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  private async dispatch(): Promise<void> {
    const due = await this.notices.claimDue(this.config.OUTBOX_STALE_MS);
    for (let i = 0; i < due.length; i++) {
      const data: PushJob = { notificationId: due[i].id };
      try {
        // Handed over before and still pending: a job that will not run by itself (failed,
        // evicted) is replaced under a fresh id.
        const redispatch = due[i].dispatchCount > 1 && !(await this.jobs.willRun('push.send', data)) ? String(Date.now()) : undefined;
        await this.jobs.add('push.send', data, { redispatch });
      } catch (e) {
        await this.notices.unclaim(due.slice(i).map((d) => d.id));
        this.log.warn(`push queue unavailable (${(e as Error).message}); ${due.length - i} notices stay pending in PostgreSQL`);
        return;
      }
    }
  }
}
