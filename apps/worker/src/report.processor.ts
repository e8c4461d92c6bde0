import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { SqlReportJobs } from '@faro/persistence';
import { assertHandles, QUEUES, type ReportJob } from '@faro/queue';
import { RunPeriodReport } from '@faro/reports';
import { WORKER_LOCK_OPTIONS } from './worker-lock';

// Builds one period report (RunPeriodReport) and keeps its file in report_jobs. The job carries
// the row's id; a finished row is not built again. Progress goes to the row (what the API shows)
// and to the BullMQ job. One at a time: a year of alerts is CPU work.
export const REPORT_HANDLER = { name: 'ReportProcessor', queue: QUEUES.reports, handles: ['report.period'] } as const;

@Processor(REPORT_HANDLER.queue, { concurrency: 1, ...WORKER_LOCK_OPTIONS })
export class ReportProcessor extends WorkerHost {
  private readonly log = new Logger('reports');

  constructor(
    private readonly run: RunPeriodReport,
    private readonly jobs: SqlReportJobs,
  ) {
    super();
  }

  async process(job: Job<ReportJob>): Promise<unknown> {
    assertHandles(REPORT_HANDLER, job.name);
    try {
      return { outcome: await this.run.run(job.data.reportJobId, (fraction) => job.updateProgress(Math.round(fraction * 100))) };
    } catch (e) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.log.warn(`report ${job.data.reportJobId} failed${last ? '' : ', will retry'}: ${(e as Error).message}`);
      if (last) await this.jobs.fail(job.data.reportJobId, (e as Error).message);
      throw e;
    }
  }
}
