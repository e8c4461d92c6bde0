import { createHash } from 'node:crypto';
import { AUDIT_GENESIS, auditHash, chainAuditEntry } from './audit-entry';

const ENTRY = { actor: 'user:1', action: 'alert.released', subjectType: 'alert', subjectId: 'a-1', details: { b: 2, a: [1, { d: 4, c: 3 }] } };

describe('auditHash', () => {
  it('is SHA-256 over the previous hash, a newline and the canonical JSON of the content, keys sorted at every level', () => {
    const at = '2026-12-06T14:00:00.123Z';
    const expected = createHash('sha256')
      .update(`${AUDIT_GENESIS}\n{"action":"alert.released","actor":"user:1","at":"${at}","details":{"a":[1,{"c":3,"d":4}],"b":2},"seq":1,"subjectId":"a-1","subjectType":"alert"}`)
      .digest('hex');
    expect(auditHash(AUDIT_GENESIS, { seq: 1, at, ...ENTRY })).toBe(expected);
  });

  it('does not depend on the order the details were written in', () => {
    const at = '2026-12-06T14:00:00.000Z';
    expect(auditHash(AUDIT_GENESIS, { seq: 1, at, ...ENTRY, details: { a: [1, { c: 3, d: 4 }], b: 2 } })).toBe(auditHash(AUDIT_GENESIS, { seq: 1, at, ...ENTRY }));
  });

  it('changes with the previous hash and with every field of the content', () => {
    const base = { seq: 1, at: '2026-12-06T14:00:00.000Z', ...ENTRY };
    const h = auditHash(AUDIT_GENESIS, base);
    expect(auditHash('1'.repeat(64), base)).not.toBe(h);
    for (const change of [{ seq: 2 }, { at: '2026-12-06T14:00:00.001Z' }, { actor: 'user:2' }, { action: 'alert.cancelled' }, { subjectType: 'incident' }, { subjectId: 'a-2' }, { details: {} }]) {
      expect(auditHash(AUDIT_GENESIS, { ...base, ...change })).not.toBe(h);
    }
  });
});

describe('chainAuditEntry', () => {
  it('starts the chain at entry 1 on the genesis hash', () => {
    const e = chainAuditEntry(null, ENTRY, new Date('2026-12-06T14:00:00.123Z'));
    expect(e).toEqual({ seq: 1, at: '2026-12-06T14:00:00.123Z', ...ENTRY, prevHash: AUDIT_GENESIS, hash: auditHash(AUDIT_GENESIS, { seq: 1, at: e.at, ...ENTRY }) });
  });

  it('links an entry onto the head: the next seq and the head hash as its previous hash', () => {
    const first = chainAuditEntry(null, ENTRY, new Date());
    const second = chainAuditEntry({ seq: first.seq, hash: first.hash }, ENTRY, new Date());
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(auditHash(first.hash, second));
  });

  it('keeps the time to the millisecond, as PostgreSQL gives it back', () => {
    const at = new Date(Date.UTC(2026, 11, 6, 14, 0, 0, 123) + 0.7);
    expect(chainAuditEntry(null, ENTRY, at).at).toBe('2026-12-06T14:00:00.123Z');
  });
});
