import { verifyAuditChain } from './audit-chain-walk';
import type { AuditHead, ChainedAuditEntry } from './audit-entry';
import { AuditSealer } from './audit-sealer';
import type { AuditSealStore } from './ports';
import { type PendingAuditEntry, sealAuditEntries, type SealedAuditEntry } from './seal-audit-entries';

// A store as the database holds it: pending entries by id, a chain by seq, one lock.
class FakeSealStore implements AuditSealStore {
  pending: PendingAuditEntry[] = [];
  chain: ChainedAuditEntry[] = [];
  calls = 0;
  busyFor = 0;
  failNext?: Error;
  // Runs once the batch has been read: what commits while a seal is under way.
  afterRead?: () => void;
  private nextId = 1;

  append(i: number): void {
    this.pending.push({ id: this.nextId++, at: new Date(Date.UTC(2026, 11, 7, 8, 0, i)), actor: 'user:spec', action: 'spec.appended', subjectType: 'alert', subjectId: 'a-1', details: { i } });
  }

  async sealBatch(limit: number, seal: (head: AuditHead | null, pending: PendingAuditEntry[]) => SealedAuditEntry[]): Promise<number | 'busy'> {
    this.calls++;
    await Promise.resolve();
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = undefined;
      throw e;
    }
    if (this.busyFor > 0) {
      this.busyFor--;
      return 'busy';
    }
    const batch = [...this.pending].sort((a, b) => a.id - b.id).slice(0, limit);
    const after = this.afterRead;
    this.afterRead = undefined;
    after?.();
    const last = this.chain.at(-1);
    for (const s of seal(last ? { seq: last.seq, hash: last.hash } : null, batch)) {
      const p = batch.find((b) => b.id === s.id)!;
      this.chain.push({ seq: s.seq, at: p.at.toISOString(), actor: p.actor, action: p.action, subjectType: p.subjectType, subjectId: p.subjectId, details: p.details, prevHash: s.prevHash, hash: s.hash });
    }
    this.pending = this.pending.filter((p) => !batch.includes(p));
    return batch.length;
  }

  async range(afterSeq: number, toSeq: number, limit: number): Promise<ChainedAuditEntry[]> {
    return this.chain.filter((e) => e.seq > afterSeq && e.seq <= toSeq).slice(0, limit);
  }
}

describe('sealAuditEntries', () => {
  it('chains pending entries onto the head in the order they were appended, not the order read', async () => {
    const store = new FakeSealStore();
    for (let i = 0; i < 3; i++) store.append(i);
    const sealed = sealAuditEntries({ seq: 41, hash: 'a'.repeat(64) }, [...store.pending].reverse());
    expect(sealed.map((s) => [s.id, s.seq])).toEqual([[1, 42], [2, 43], [3, 44]]);
    expect(sealed[0].prevHash).toBe('a'.repeat(64));
    expect(sealed[1].prevHash).toBe(sealed[0].hash);
    expect(sealed[2].prevHash).toBe(sealed[1].hash);
  });

  it('starts the chain at the genesis, and what it seals verifies', async () => {
    const store = new FakeSealStore();
    for (let i = 0; i < 5; i++) store.append(i);
    await new AuditSealer(store).drain();
    expect(store.chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyAuditChain(store)).toMatchObject({ intact: true, entries: 5 });
  });

  it('seals nothing when nothing is pending', () => {
    expect(sealAuditEntries(null, [])).toEqual([]);
  });
});

describe('AuditSealer', () => {
  it('seals batch after batch until nothing is pending', async () => {
    const store = new FakeSealStore();
    for (let i = 0; i < 7; i++) store.append(i);
    await new AuditSealer(store, { batch: 3 }).drain();
    expect(store.pending).toEqual([]);
    expect(store.chain.map((e) => e.details)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => ({ i })));
    // 3 + 3 + 1: the short batch says nothing is left.
    expect(store.calls).toBe(3);
  });

  it('tries again while another sealer holds the lock: that one may have looked before our entries committed', async () => {
    const store = new FakeSealStore();
    store.append(0);
    store.busyFor = 2;
    await new AuditSealer(store, { busyRetryMs: 1 }).drain();
    expect(store.calls).toBe(3);
    expect(store.chain).toHaveLength(1);
  });

  it('looks once more when rung during a run, so an entry committed meanwhile is not left to the sweep', async () => {
    const store = new FakeSealStore();
    store.append(0);
    const sealer = new AuditSealer(store);
    // Committed, and rung, after the first look read what was pending.
    store.afterRead = () => {
      store.append(1);
      sealer.ring();
    };
    sealer.ring();
    await new Promise((r) => setTimeout(r, 5));
    expect(store.chain.map((e) => e.details)).toEqual([{ i: 0 }, { i: 1 }]);
    expect(store.calls).toBe(2);
  });

  it('reports a failure to whoever drains, keeps the entries pending, and seals them on the next ring', async () => {
    const store = new FakeSealStore();
    store.append(0);
    store.failNext = new Error('connection lost');
    const errors: unknown[] = [];
    const sealer = new AuditSealer(store, { onError: (e) => errors.push(e) });
    await expect(sealer.drain()).rejects.toThrow('connection lost');
    expect(store.pending).toHaveLength(1);
    sealer.ring();
    await sealer.drain();
    expect(store.chain).toHaveLength(1);
    // A background ring's failure goes to onError, not to an unhandled rejection.
    store.append(1);
    store.failNext = new Error('again');
    sealer.ring();
    await new Promise((r) => setTimeout(r, 5));
    expect(errors.map((e) => (e as Error).message)).toContain('again');
  });

  it('sweeps for entries no bell announced, and seals what is left when stopped', async () => {
    const store = new FakeSealStore();
    const sealer = new AuditSealer(store, { sweepMs: 5 });
    sealer.start();
    store.append(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(store.chain).toHaveLength(1);
    store.append(1);
    await sealer.stop();
    expect(store.chain).toHaveLength(2);
    store.append(2);
    await sealer.drain();
    // Stopped: nothing more is sealed by this process.
    expect(store.pending).toHaveLength(1);
  });
});
