import type { ChainHead } from '../report-facts';
import type { ReportJobRecord, ReportJobStore } from '../report-jobs';

// report_jobs in memory, for specs.
export class InMemoryReportJobs implements ReportJobStore {
  rows = new Map<string, ReportJobRecord & { content: Buffer | null }>();
  progressSeen: number[] = [];

  async create(j: Parameters<ReportJobStore['create']>[0]) {
    this.rows.set(j.id, { ...j, status: 'queued', progress: 0, error: null, chainHead: null, createdAt: new Date(0).toISOString(), finishedAt: null, content: null });
  }
  async get(id: string) {
    const r = this.rows.get(id);
    if (!r) return null;
    const { content: _c, ...rec } = r;
    return rec;
  }
  async content(id: string) {
    return this.rows.get(id)?.content ?? null;
  }
  async start(id: string) {
    const r = this.rows.get(id);
    if (!r || r.status === 'done' || r.status === 'failed') return false;
    r.status = 'running';
    return true;
  }
  async progress(id: string, fraction: number) {
    this.progressSeen.push(fraction);
    this.rows.get(id)!.progress = fraction;
  }
  async finish(id: string, content: Buffer, head: ChainHead | null) {
    Object.assign(this.rows.get(id)!, { status: 'done', progress: 1, content, chainHead: head, finishedAt: new Date(1).toISOString() });
  }
  async fail(id: string, error: string) {
    Object.assign(this.rows.get(id)!, { status: 'failed', error });
  }
}
