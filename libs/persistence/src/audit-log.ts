import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { AuditEntry } from '@faro/alerts';
import { canonicalJson } from '@faro/broadcast-security';

export const AUDIT_GENESIS = '0'.repeat(64);

export function auditHash(prevHash: string, e: { seq: number; at: string; actor: string; action: string; subjectType: string; subjectId: string; details: unknown }): string {
  const content = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, details: e.details });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

// Appends inside the caller's transaction. The advisory lock serialises writers so each
// entry chains onto the true previous one; it is released at commit.
export async function appendAudit(q: QueryRunner, entry: AuditEntry, at = new Date()): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(7243001)`);
  const [last] = await q.query(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last ? String(last.hash) : AUDIT_GENESIS;
  // Millisecond ISO time, the form PostgreSQL returns it in, so verification recomputes it.
  const atIso = new Date(Math.floor(at.getTime())).toISOString();
  const hash = auditHash(prevHash, { seq, at: atIso, ...entry });
  await q.query(
    `INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [seq, atIso, entry.actor, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.details), prevHash, hash],
  );
}

export interface AuditVerification {
  intact: boolean;
  entries: number;
  headHash: string;
  firstBad?: { seq: number; reason: string };
}

// Walks the chain in order, recomputing each hash from the stored content.
export async function verifyAuditChain(q: { query: (sql: string, params?: unknown[]) => Promise<any[]> }): Promise<AuditVerification> {
  let prev = AUDIT_GENESIS;
  let expectedSeq = 1;
  let count = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = await q.query(
      `SELECT seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
      [afterSeq],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { intact: false, entries: count, headHash: prev, firstBad: { seq, reason: `expected entry ${expectedSeq}, found ${seq}` } };
      if (r.prev_hash !== prev) return { intact: false, entries: count, headHash: prev, firstBad: { seq, reason: 'previous hash does not match' } };
      const h = auditHash(prev, { seq, at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, details: r.details });
      if (h !== r.hash) return { intact: false, entries: count, headHash: prev, firstBad: { seq, reason: 'content does not match its hash' } };
      prev = h;
      expectedSeq++;
      count++;
      afterSeq = seq;
    }
  }
  return { intact: true, entries: count, headHash: prev };
}
