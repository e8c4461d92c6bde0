import { MigrationInterface, QueryRunner } from 'typeorm';

// The audit trail read by subject, checkpoints that cannot be truncated away (UPDATE and DELETE
// are already refused) nor name an entry that cannot exist, refusals that name the table they
// protect, and one jurisdiction per boundary.
export class AuditTrailGuards1764400000000 implements MigrationInterface {
  name = 'AuditTrailGuards1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_log_subject ON audit_log (subject_id, seq)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`ALTER TABLE audit_checkpoints ADD CONSTRAINT audit_checkpoints_seq_positive CHECK (seq > 0)`);
    await q.query(`ALTER TABLE audit_checkpoints ADD CONSTRAINT audit_checkpoints_head_hash_hex CHECK (head_hash ~ '^[0-9a-f]{64}$')`);
    await q.query(`CREATE INDEX audit_checkpoints_seq ON audit_checkpoints (seq)`);
    await q.query(`CREATE UNIQUE INDEX jurisdictions_geocode ON jurisdictions (geocode_scheme, geocode) WHERE geocode IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS jurisdictions_geocode`);
    await q.query(`DROP INDEX IF EXISTS audit_checkpoints_seq`);
    await q.query(`ALTER TABLE audit_checkpoints DROP CONSTRAINT IF EXISTS audit_checkpoints_head_hash_hex`);
    await q.query(`ALTER TABLE audit_checkpoints DROP CONSTRAINT IF EXISTS audit_checkpoints_seq_positive`);
    await q.query(`DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON audit_checkpoints`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP INDEX IF EXISTS audit_log_subject`);
  }
}
