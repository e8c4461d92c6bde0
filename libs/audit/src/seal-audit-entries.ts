import { type AuditEntry, type AuditHead, chainAuditEntry } from './audit-entry';

/** An entry as appended: stored, not yet in the chain. `id` is its order of appending. */
export interface PendingAuditEntry extends AuditEntry {
  id: number;
  at: Date;
}

/** Where the sealer put a pending entry: its place in the chain and the hashes that link it. */
export interface SealedAuditEntry {
  id: number;
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * The pending entries chained onto `head` in the order they were appended. Appenders never wait
 * for one another (a certificate-transparency log's design): one sealer at a time gives each
 * entry its seq and hashes, so the chain stays gap-free and each entry links to the true
 * previous one. The hash covers what the appender wrote, exactly as the chain walk recomputes it.
 */
export function sealAuditEntries(head: AuditHead | null, pending: readonly PendingAuditEntry[]): SealedAuditEntry[] {
  const sealed: SealedAuditEntry[] = [];
  let at = head;
  for (const p of [...pending].sort((a, b) => a.id - b.id)) {
    const e = chainAuditEntry(at, p, p.at);
    sealed.push({ id: p.id, seq: e.seq, prevHash: e.prevHash, hash: e.hash });
    at = { seq: e.seq, hash: e.hash };
  }
  return sealed;
}
