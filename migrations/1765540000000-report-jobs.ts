import { MigrationInterface, QueryRunner } from 'typeorm';

// Period reports made by the worker (issue 13): who asked, for which territory and period, how
// far it got, and the file, kept in PostgreSQL so a download names a row, never a path.
export class ReportJobs1765540000000 implements MigrationInterface {
  name = 'ReportJobs1765540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_jobs (
        id uuid PRIMARY KEY,
        requested_by uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        jurisdiction_id text NOT NULL REFERENCES jurisdictions(id),
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL CHECK (period_to > period_from),
        format text NOT NULL CHECK (format IN ('json', 'csv', 'pdf')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        dispatch_count integer NOT NULL DEFAULT 0,
        dispatched_at timestamptz,
        error text,
        chain_head_seq bigint,
        chain_head_hash text,
        content bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CHECK ((status = 'done') = (content IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX report_jobs_open ON report_jobs (created_at) WHERE status IN ('queued', 'running')`);
    await q.query(`CREATE INDEX report_jobs_requester ON report_jobs (requested_by, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS report_jobs`);
  }
}
