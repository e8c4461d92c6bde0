import type { AuditCheckpoint, AuditEntry, AuditHead, AuditLog, ChainedAuditEntry, NewAuditCheckpoint } from '@faro/audit';
import { chainAuditEntry } from '@faro/audit';

/** A DataSource, or a QueryRunner inside a transaction. */
export interface Queryable {
  query: (sql: string, params?: unknown[]) => Promise<any[]>;
}

const ENTRY_COLUMNS = `seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash`;
const CHECKPOINT_COLUMNS = `id, seq, head_hash, key_id, signature, created_at`;

/** audit_log and audit_checkpoints (append-only by trigger: migrations/1764400000000-audit-trail-guards). */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly q: Queryable) {}

  // Only inside the caller's transaction (a QueryRunner's): the advisory lock serialises writers
  // so each entry chains onto the true previous one, and is released at commit.
  async append(entry: AuditEntry, at = new Date()): Promise<void> {
    await this.q.query(`SELECT pg_advisory_xact_lock(7243001)`);
    const e = chainAuditEntry(await this.head(), entry, at);
    await this.q.query(
      `INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.seq, e.at, e.actor, e.action, e.subjectType, e.subjectId, JSON.stringify(e.details), e.prevHash, e.hash],
    );
  }

  async head(): Promise<AuditHead | null> {
    const [last] = await this.q.query(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
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
