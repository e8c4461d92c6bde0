import type { AuditCheckpoint, AuditEntry, AuditHead, AuditLog, AuditSealStore, ChainedAuditEntry, NewAuditCheckpoint, PendingAuditEntry, SealedAuditEntry } from '@faro/audit';
import type { DataSource } from 'typeorm';
import { noteAuditAppended, ringAuditBell } from './audit-bell';

/** A DataSource, or a QueryRunner inside a transaction. */
export interface Queryable {
  query: (sql: string, params?: unknown[]) => Promise<any[]>;
}

const ENTRY_COLUMNS = `seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash`;
const CHECKPOINT_COLUMNS = `id, seq, head_hash, key_id, signature, created_at`;

// Taken by the one sealer at work; appenders take no lock at all.
const SEALER_LOCK = 7243001;

/** An entry's insert, pending its seal: for an adapter that appends inside a single statement (a CTE). */
export const AUDIT_INSERT = `INSERT INTO audit_log (at, actor, action, subject_type, subject_id, details)`;

/**
 * audit_log and audit_checkpoints (append-only by trigger: migrations/1764400000000-audit-trail-guards;
 * an entry's one permitted change is its sealing: migrations/1765750000000-audit-sealer).
 */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly q: Queryable) {}

  // Inside the caller's transaction or on its own: an INSERT that waits for no other appender.
  // The entry is chained by the sealer once committed (SqlAuditSealStore); until then it is
  // stored, read back in appending order, and guarded by the same trigger as a sealed one.
  async append(entry: AuditEntry, at = new Date()): Promise<void> {
    await this.q.query(`${AUDIT_INSERT} VALUES ($1, $2, $3, $4, $5, $6)`, [
      new Date(Math.floor(at.getTime())),
      entry.actor,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      JSON.stringify(entry.details),
    ]);
    const runner = this.q as { isTransactionActive?: boolean };
    if (runner.isTransactionActive) noteAuditAppended(runner);
    else ringAuditBell();
  }

  // The chain's head: the last sealed entry.
  async head(): Promise<AuditHead | null> {
    const [last] = await this.q.query(`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
    return last ? { seq: Number(last.seq), hash: String(last.hash) } : null;
  }

  async range(afterSeq: number, toSeq: number, limit: number): Promise<ChainedAuditEntry[]> {
    const rows = await this.q.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`, [afterSeq, toSeq, limit]);
    return rows.map(entryFromRow);
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    return (await this.q.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq, id`)).map(checkpointFromRow);
  }

  async latestCheckpoint(): Promise<AuditCheckpoint | null> {
    const [row] = await this.q.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq DESC, id DESC LIMIT 1`);
    return row ? checkpointFromRow(row) : null;
  }

  async addCheckpoint(c: NewAuditCheckpoint): Promise<AuditCheckpoint | null> {
    const [row] = await this.q.query(
      `INSERT INTO audit_checkpoints (seq, head_hash, key_id, signature)
       SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE seq >= $1)
       RETURNING ${CHECKPOINT_COLUMNS}`,
      [c.seq, c.headHash, c.keyId, c.signature],
    );
    return row ? checkpointFromRow(row) : null;
  }
}

/**
 * The sealer's side of audit_log: one batch of pending entries chained onto the head, under a
 * transaction-scoped advisory lock that only sealers take, so two sealers never interleave.
 * Not inTransaction: a seal begun while serving a request must commit even if that caller left.
 */
export class SqlAuditSealStore implements AuditSealStore {
  constructor(private readonly ds: DataSource) {}

  async sealBatch(limit: number, seal: (head: AuditHead | null, pending: PendingAuditEntry[]) => SealedAuditEntry[]): Promise<number | 'busy'> {
    const q = this.ds.createQueryRunner();
    await q.connect();
    await q.startTransaction();
    try {
      const [{ got }] = await q.query(`SELECT pg_try_advisory_xact_lock($1) AS got`, [SEALER_LOCK]);
      if (!got) {
        await q.rollbackTransaction();
        return 'busy';
      }
      const rows = await q.query(`SELECT id, at, actor, action, subject_type, subject_id, details FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT $1`, [limit]);
      if (rows.length > 0) {
        const sealed = seal(await new SqlAuditLog(q).head(), rows.map(pendingFromRow));
        await q.query(
          `UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
             FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev_hash, hash) WHERE a.id = v.id`,
          [sealed.map((e) => e.id), sealed.map((e) => e.seq), sealed.map((e) => e.prevHash), sealed.map((e) => e.hash)],
        );
      }
      await q.commitTransaction();
      return rows.length;
    } catch (e) {
      if (q.isTransactionActive) await q.rollbackTransaction();
      throw e;
    } finally {
      await q.release();
    }
  }
}

function pendingFromRow(r: any): PendingAuditEntry {
  return { id: Number(r.id), at: new Date(r.at), actor: r.actor, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, details: r.details };
}

/** Appends inside the stores' transactions (see SqlAuditLog.append). */
export function appendAudit(q: Queryable, entry: AuditEntry, at?: Date): Promise<void> {
  return new SqlAuditLog(q).append(entry, at);
}

export function entryFromRow(r: any): ChainedAuditEntry {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function checkpointFromRow(r: any): AuditCheckpoint {
  return {
    id: Number(r.id),
    seq: Number(r.seq),
    headHash: String(r.head_hash),
    keyId: Number(r.key_id),
    signature: String(r.signature),
    createdAt: new Date(r.created_at).toISOString(),
  };
}
