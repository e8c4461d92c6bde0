import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { FaroConfig } from '@faro/config';
import { SqlReportJobs } from '@faro/persistence';
import { JobQueues, type ReportJob } from '@faro/queue';
import { CONFIG } from './tokens';

// The API stores a report request in report_jobs (it does not touch the queue); this hands each
// unfinished one to the reports queue, again when it was handed over long ago and its job will
// not run by itself (failed, evicted). PostgreSQL stays the truth, as with the outbox.
@Injectable()
export class ReportRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('report-relay');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @Inject(CONFIG) private readonly config: FaroConfig,
    private readonly jobs: JobQueues,
    private readonly reports: SqlReportJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.OUTBOX_POLL_MS);
    void this.tick();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const due of await this.reports.claimDue(this.config.OUTBOX_STALE_MS)) {
        const data: ReportJob = { reportJobId: due.id };
        const redispatch = due.dispatchCount > 1 && !(await this.jobs.willRun('report.period', data)) ? String(Date.now()) : undefined;
        await this.jobs.add('report.period', data, { redispatch });
      }
    } catch (e) {
      this.log.warn(`report relay pass failed (${(e as Error).message}); pending reports stay in PostgreSQL`);
    } finally {
      this.running = false;
    }
  }
}
