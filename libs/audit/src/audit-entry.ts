import { createHash } from 'node:crypto';
import { canonicalJson } from '@faro/broadcast-security';

/** The hash the first entry chains onto. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** What a use case records: who did what to which subject. */
export interface AuditEntry {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
}

/** An entry as the chain holds it: numbered, timed and linked to the one before. */
export interface ChainedAuditEntry extends AuditEntry {
  seq: number;
  /** ISO 8601 with milliseconds. */
  at: string;
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/** SHA-256 over the previous hash, a newline and the canonical JSON of the entry's content. */
export function auditHash(prevHash: string, e: Omit<ChainedAuditEntry, 'prevHash' | 'hash'>): string {
  const content = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, details: e.details });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** The entry that follows `head` (the genesis when the chain is empty). */
export function chainAuditEntry(head: AuditHead | null, entry: AuditEntry, at: Date): ChainedAuditEntry {
  const seq = head ? head.seq + 1 : 1;
  const prevHash = head ? head.hash : AUDIT_GENESIS;
  // Millisecond ISO time, the form PostgreSQL returns it in, so verification recomputes it.
  const atIso = new Date(Math.floor(at.getTime())).toISOString();
  const linked = { seq, at: atIso, actor: entry.actor, action: entry.action, subjectType: entry.subjectType, subjectId: entry.subjectId, details: entry.details };
  return { ...linked, prevHash, hash: auditHash(prevHash, linked) };
}
