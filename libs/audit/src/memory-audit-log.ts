import type { AuditCheckpoint, NewAuditCheckpoint } from './audit-checkpoint';
import { type AuditEntry, type AuditHead, type ChainedAuditEntry, chainAuditEntry } from './audit-entry';
import type { AuditLog } from './ports';

/**
 * An AuditLog in memory, for specs. `entries` and `stored` are open so a spec can play the
 * database owner: edit, remove, reorder or rewrite what is stored.
 */
export class MemoryAuditLog implements AuditLog {
  entries: ChainedAuditEntry[] = [];
  stored: AuditCheckpoint[] = [];
  private nextCheckpointId = 1;

  async append(entry: AuditEntry, at = new Date()): Promise<void> {
    this.entries.push(chainAuditEntry(await this.head(), entry, at));
  }

  async head(): Promise<AuditHead | null> {
    const last = [...this.entries].sort((a, b) => a.seq - b.seq).at(-1);
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  async range(afterSeq: number, toSeq: number, limit: number): Promise<ChainedAuditEntry[]> {
    return this.entries
      .filter((e) => e.seq > afterSeq && e.seq <= toSeq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    return [...this.stored].sort((a, b) => a.seq - b.seq || a.id - b.id);
  }

  async latestCheckpoint(): Promise<AuditCheckpoint | null> {
    return (await this.checkpoints()).reduce<AuditCheckpoint | null>((l, c) => (!l || c.seq > l.seq || (c.seq === l.seq && c.id > l.id) ? c : l), null);
  }

  async addCheckpoint(c: NewAuditCheckpoint): Promise<AuditCheckpoint | null> {
    if (this.stored.some((s) => s.seq >= c.seq)) return null;
    const stored = { ...c, id: this.nextCheckpointId++, createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString() };
    this.stored.push(stored);
    return stored;
  }
}
