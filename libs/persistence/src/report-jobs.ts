import type { DataSource } from 'typeorm';
import type { ChainHead, ReportFormat, ReportJobRecord, ReportJobStore } from '@faro/reports';
import { returnedRows } from './update-result';

const COLUMNS = `id, requested_by, jurisdiction_id, period_from, period_to, format, status, progress, error, chain_head_seq, chain_head_hash, created_at, finished_at`;

function recordFromRow(r: any): ReportJobRecord {
  return {
    id: r.id,
    requestedBy: r.requested_by,
    jurisdictionId: r.jurisdiction_id,
    period: { from: new Date(r.period_from), to: new Date(r.period_to) },
    format: r.format,
    status: r.status,
    progress: Number(r.progress),
    error: r.error,
    chainHead: r.chain_head_seq === null ? null : { seq: Number(r.chain_head_seq), hash: r.chain_head_hash },
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

/** report_jobs: period reports asked for, their progress and their files (migrations/1765540000000). */
export class SqlReportJobs implements ReportJobStore {
  constructor(private readonly ds: DataSource) {}

  async create(j: { id: string; requestedBy: string; jurisdictionId: string; period: { from: Date; to: Date }; format: ReportFormat }): Promise<void> {
    await this.ds.query(`INSERT INTO report_jobs (id, requested_by, jurisdiction_id, period_from, period_to, format) VALUES ($1, $2, $3, $4, $5, $6)`, [
      j.id,
      j.requestedBy,
      j.jurisdictionId,
      j.period.from,
      j.period.to,
      j.format,
    ]);
  }

  async get(id: string): Promise<ReportJobRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [r] = await this.ds.query(`SELECT ${COLUMNS} FROM report_jobs WHERE id = $1`, [id]);
    return r ? recordFromRow(r) : null;
  }

  async content(id: string): Promise<Buffer | null> {
    const [r] = await this.ds.query(`SELECT content FROM report_jobs WHERE id = $1 AND status = 'done'`, [id]);
    return r?.content ?? null;
  }

  async start(id: string): Promise<boolean> {
    const rows = returnedRows(await this.ds.query(`UPDATE report_jobs SET status = 'running' WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`, [id]));
    return rows.length === 1;
  }

  async progress(id: string, fraction: number): Promise<void> {
    await this.ds.query(`UPDATE report_jobs SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, fraction]);
  }

  async finish(id: string, content: Buffer, head: ChainHead | null): Promise<void> {
    await this.ds.query(
      `UPDATE report_jobs SET status = 'done', progress = 1, content = $2, chain_head_seq = $3, chain_head_hash = $4, finished_at = now() WHERE id = $1 AND status = 'running'`,
      [id, content, head?.seq ?? null, head?.hash ?? null],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.ds.query(`UPDATE report_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [id, error.slice(0, 500)]);
  }

  /** Unfinished reports not handed to the queue within `staleMs` (or never): marked as handed over now. */
  async claimDue(staleMs: number): Promise<Array<{ id: string; dispatchCount: number }>> {
    const rows = returnedRows(await this.ds.query(
      `UPDATE report_jobs SET dispatched_at = now(), dispatch_count = dispatch_count + 1
        WHERE id IN (SELECT id FROM report_jobs WHERE status IN ('queued', 'running')
                        AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $1 / 1000.0))
                      ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED)
        RETURNING id, dispatch_count`,
      [staleMs],
    ));
    return rows.map((r: any) => ({ id: r.id, dispatchCount: r.dispatch_count }));
  }
}
