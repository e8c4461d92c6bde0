import { AUDIT_GENESIS, auditHash } from './audit-entry';
import type { AuditLog } from './ports';

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
  log: Pick<AuditLog, 'range'>,
  opts: { fromSeq?: number; fromHash?: string; toSeq?: number; seen?: (seq: number, hash: string) => void } = {},
): Promise<ChainWalk> {
  let prev = opts.fromHash ?? AUDIT_GENESIS;
  let after = opts.fromSeq ?? 0;
  const until = opts.toSeq ?? Number.MAX_SAFE_INTEGER;
  let entries = 0;
  for (;;) {
    const page = await log.range(after, until, PAGE);
    for (const e of page) {
      const bad = (reason: string): ChainWalk => ({ entries, headSeq: after, headHash: prev, firstBad: { seq: e.seq, reason } });
      if (e.seq !== after + 1) return bad(`entry ${after + 1} is missing: the next entry is ${e.seq}`);
      if (e.prevHash !== prev) return bad(`its previous hash is not the hash of entry ${after}`);
      const hash = auditHash(prev, e);
      if (hash !== e.hash) return bad('its content does not match its hash');
      prev = hash;
      after = e.seq;
      entries++;
      opts.seen?.(e.seq, hash);
    }
    if (page.length < PAGE) return { entries, headSeq: after, headHash: prev };
  }
}

export interface AuditChainVerification {
  intact: boolean;
  entries: number;
  headHash: string;
  firstBad?: { seq: number; reason: string };
}

/**
 * The hash chain alone, from the genesis: proves no entry was edited, removed or reordered, but
 * not that the tail was not cut or rewritten and rehashed (VerifyAuditTrail's checkpoints do).
 */
export async function verifyAuditChain(log: Pick<AuditLog, 'range'>): Promise<AuditChainVerification> {
  const walk = await walkAuditChain(log);
  const result: AuditChainVerification = { intact: !walk.firstBad, entries: walk.entries, headHash: walk.headHash };
  if (walk.firstBad) result.firstBad = walk.firstBad;
  return result;
}
