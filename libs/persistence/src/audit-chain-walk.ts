import { AUDIT_GENESIS, auditHash } from './audit-log';

export interface Queryable {
  query: (sql: string, params?: unknown[]) => Promise<any[]>;
}

export interface ChainWalk {
  /** Entries that chain correctly, from the starting point. */
  entries: number;
  /** The last entry that chains correctly (the starting point when none does). */
  headSeq: number;
  headHash: string;
  firstBad?: { seq: number; reason: string };
}

const PAGE = 5000;

/**
 * Walks the chain after entry `fromSeq` (whose hash is `fromHash`) up to `toSeq`, recomputing
 * every hash from the stored content, and stops at the first entry that does not chain: a gap in
 * seq, a prev_hash that is not the previous hash, or content that no longer matches its hash.
 * `seen` is told every entry that chains.
 */
export async function walkAuditChain(
  q: Queryable,
  opts: { fromSeq?: number; fromHash?: string; toSeq?: number; seen?: (seq: number, hash: string) => void } = {},
): Promise<ChainWalk> {
  let prev = opts.fromHash ?? AUDIT_GENESIS;
  let after = opts.fromSeq ?? 0;
  const until = opts.toSeq ?? Number.MAX_SAFE_INTEGER;
  let entries = 0;
  for (;;) {
    const rows = await q.query(
      `SELECT seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash
         FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT ${PAGE}`,
      [after, until],
    );
    for (const r of rows) {
      const seq = Number(r.seq);
      const bad = (reason: string): ChainWalk => ({ entries, headSeq: after, headHash: prev, firstBad: { seq, reason } });
      if (seq !== after + 1) return bad(`entry ${after + 1} is missing: the next entry is ${seq}`);
      if (r.prev_hash !== prev) return bad(`its previous hash is not the hash of entry ${after}`);
      const hash = auditHash(prev, {
        seq,
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        details: r.details,
      });
      if (hash !== r.hash) return bad('its content does not match its hash');
      prev = hash;
      after = seq;
      entries++;
      opts.seen?.(seq, hash);
    }
    if (rows.length < PAGE) return { entries, headSeq: after, headHash: prev };
  }
}
