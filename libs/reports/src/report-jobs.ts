import type { BuildPeriodReport, PeriodReport } from './period-report';
import { assertPeriod } from './period-report';
import type { ChainHead, ReportPeriod, TerritoryPort } from './report-facts';
import { ReportError } from './report-error';
import { reportCsv } from './report-csv';
import { periodReportPdf } from './pdf/report-pdf';

export type ReportFormat = 'json' | 'csv' | 'pdf';
export type ReportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ReportJobRecord {
  id: string;
  requestedBy: string;
  jurisdictionId: string;
  period: ReportPeriod;
  format: ReportFormat;
  status: ReportJobStatus;
  /** 0 to 1. */
  progress: number;
  error: string | null;
  chainHead: ChainHead | null;
  createdAt: string;
  finishedAt: string | null;
}

/** report_jobs (libs/persistence SqlReportJobs). */
export interface ReportJobStore {
  create(j: { id: string; requestedBy: string; jurisdictionId: string; period: ReportPeriod; format: ReportFormat }): Promise<void>;
  get(id: string): Promise<ReportJobRecord | null>;
  content(id: string): Promise<Buffer | null>;
  /** queued or running → running; false when the job is finished already. */
  start(id: string): Promise<boolean>;
  progress(id: string, fraction: number): Promise<void>;
  finish(id: string, content: Buffer, chainHead: ChainHead | null): Promise<void>;
  fail(id: string, error: string): Promise<void>;
}

const CONTENT_TYPE: Record<ReportFormat, string> = { json: 'application/json', csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' };

export async function renderPeriodReport(r: PeriodReport, format: ReportFormat): Promise<Buffer> {
  if (format === 'json') return Buffer.from(JSON.stringify(r), 'utf8');
  if (format === 'csv') return Buffer.from(reportCsv(r), 'utf8');
  return periodReportPdf(r);
}

/** An auditor asks for a period report of their territory; the worker builds it (RunPeriodReport). */
export class RequestPeriodReport {
  constructor(
    private readonly store: ReportJobStore,
    private readonly newId: () => string,
  ) {}

  async run(by: { id: string; jurisdictionId: string }, period: ReportPeriod, format: ReportFormat): Promise<ReportJobRecord> {
    assertPeriod(period);
    const id = this.newId();
    // The territory is the requester's at the time of asking: the report covers that.
    await this.store.create({ id, requestedBy: by.id, jurisdictionId: by.jurisdictionId, period, format });
    return (await this.store.get(id))!;
  }
}

/** The worker's side: build the report of a stored request, with progress, and keep the file. */
export class RunPeriodReport {
  constructor(
    private readonly store: ReportJobStore,
    private readonly build: BuildPeriodReport,
  ) {}

  async run(id: string, onProgress?: (fraction: number) => Promise<void> | void): Promise<'done' | 'skipped'> {
    const job = await this.store.get(id);
    if (!job || !(await this.store.start(id))) return 'skipped';
    let last = 0;
    const report = await this.build.run(job.period, job.jurisdictionId, async (done, total) => {
      const fraction = total === 0 ? 1 : done / total;
      // A row update per percent at most: a year of alerts does not write a row per alert.
      if (fraction - last >= 0.01 || done === total) {
        last = fraction;
        await this.store.progress(id, Math.min(fraction, 0.99));
        await onProgress?.(fraction);
      }
    });
    await this.store.finish(id, await renderPeriodReport(report, job.format), report.generatedFrom.chainHead);
    return 'done';
  }
}

/**
 * A stored report as its requester reads it. Anyone else — another auditor, even of the same
 * territory — is told there is no such report; so is the requester once their territory no longer
 * holds the report's (moved to another region).
 */
export class ReadReportJob {
  constructor(
    private readonly store: ReportJobStore,
    private readonly territory: TerritoryPort,
  ) {}

  async view(id: string, reader: { id: string; jurisdictionId: string }): Promise<ReportJobRecord> {
    const job = await this.store.get(id);
    if (!job || job.requestedBy !== reader.id || !this.territory.within(reader.jurisdictionId).ids.includes(job.jurisdictionId)) {
      throw new ReportError('report/not-found', `No report ${id}`);
    }
    return job;
  }

  async file(id: string, reader: { id: string; jurisdictionId: string }): Promise<{ content: Buffer; contentType: string; filename: string }> {
    const job = await this.view(id, reader);
    const content = job.status === 'done' ? await this.store.content(id) : null;
    if (!content) throw new ReportError('report/not-ready', `Report ${id} is ${job.status}${job.error ? `: ${job.error}` : ''}`);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return { content, contentType: CONTENT_TYPE[job.format], filename: `faro-period-${job.jurisdictionId}-${day(job.period.from)}-${day(job.period.to)}.${job.format}` };
  }
}
