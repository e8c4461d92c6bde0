import { generateSigningKey, signEd25519, verifyEd25519 } from '@faro/broadcast-security';
import { auditCheckpointPayload } from './audit-checkpoint';
import { auditHash } from './audit-entry';
import { AuditTrailError } from './audit-trail-error';
import { CheckpointAuditTrail } from './checkpoint-audit-trail';
import { MemoryAuditLog } from './memory-audit-log';

describe('CheckpointAuditTrail', () => {
  const key = generateSigningKey();
  const signer = { active: async () => ({ keyId: key.keyId, sign: (p: Uint8Array) => signEd25519(key.privateKey, p) }) };
  let log: MemoryAuditLog;
  const checkpoint = () => new CheckpointAuditTrail(log, signer).run();
  const append = async (n: number) => {
    for (let i = 0; i < n; i++) await log.append({ actor: 'user:spec', action: 'spec.appended', subjectType: 'alert', subjectId: 'a-1', details: { i } });
  };

  beforeEach(() => {
    log = new MemoryAuditLog();
  });

  it('signs the head of the chain with the active key over its seq and hash', async () => {
    await append(3);
    const c = await checkpoint();
    expect(c).toMatchObject({ seq: 3, headHash: log.entries[2].hash, keyId: key.keyId });
    expect(verifyEd25519(key.publicKey, auditCheckpointPayload(3, c!.headHash), Buffer.from(c!.signature, 'hex'))).toBe(true);
    expect(log.stored).toEqual([c]);
  });

  it('signs nothing when the chain is empty', async () => {
    expect(await checkpoint()).toBeNull();
    expect(log.stored).toEqual([]);
  });

  it('signs nothing when no entry was added since the latest checkpoint, and the new head once one was', async () => {
    await append(2);
    await checkpoint();
    expect(await checkpoint()).toBeNull();
    await append(1);
    expect(await checkpoint()).toMatchObject({ seq: 3, headHash: log.entries[2].hash });
  });

  it('refuses to vouch for an entry since the latest checkpoint that does not chain, naming it', async () => {
    await append(2);
    await checkpoint();
    await append(3);
    (log.entries[3].details as { i: number }).i = 99;
    const error = await checkpoint().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditTrailError);
    expect(error).toMatchObject({ code: 'audit/chain-broken', message: 'Not checkpointing: entry 4 does not chain (its content does not match its hash)' });
    expect(log.stored).toHaveLength(1);
  });

  it('refuses when the entries since the latest checkpoint do not chain onto what it signed', async () => {
    await append(2);
    await checkpoint();
    await append(2);
    // Entry 3 rehashed onto another predecessor: it is self-consistent but not what was signed.
    const third = log.entries[2];
    third.prevHash = 'ff'.repeat(32);
    third.hash = auditHash(third.prevHash, third);
    const error = await checkpoint().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'audit/chain-broken', message: 'Not checkpointing: entry 3 does not chain (its previous hash is not the hash of entry 2)' });
  });

  it('refuses when the head is not the end of a chain that links up to it', async () => {
    await append(4);
    log.entries = log.entries.filter((e) => e.seq !== 2);
    const error = await checkpoint().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'audit/chain-broken', message: 'Not checkpointing: entry 3 does not chain (entry 2 is missing: the next entry is 3)' });
  });

  it('keeps the first of two checkpointers racing to sign the same head', async () => {
    await append(2);
    const [a, b] = await Promise.all([checkpoint(), checkpoint()]);
    expect([a, b].filter((c) => c !== null)).toHaveLength(1);
    expect(log.stored).toHaveLength(1);
  });
});
