import { generateSigningKey, keyIdHex, LocalKeyEncryption, signEd25519, type SigningKeyMaterial, type WrappedSecret } from '@faro/broadcast-security';
import { signingKeyContext } from '@faro/keys';
import { auditHash } from './audit-entry';
import { CheckpointAuditTrail } from './checkpoint-audit-trail';
import { kekAnchoredCheckpointKeys } from './kek-anchored-checkpoint-keys';
import { MemoryAuditLog } from './memory-audit-log';
import type { SigningKeyRecords } from './ports';
import { VerifyAuditTrail } from './verify-audit-trail';

const kek = new LocalKeyEncryption(new Uint8Array(32).fill(1));

// The signing_keys table as the KEK-anchored lookup reads it.
class MemorySigningKeyRecords implements SigningKeyRecords {
  rows = new Map<number, { publicKey: Uint8Array; privateKeyWrapped: WrappedSecret }>();
  lookups = 0;

  async add(key: SigningKeyMaterial, wrapWith = kek): Promise<void> {
    this.rows.set(key.keyId, { publicKey: key.publicKey, privateKeyWrapped: await wrapWith.wrap(key.privateKey, signingKeyContext(key.keyId)) });
  }

  async signingKey(keyId: number) {
    this.lookups++;
    return this.rows.get(keyId) ?? null;
  }
}

const signerOf = (key: SigningKeyMaterial) => ({ active: async () => ({ keyId: key.keyId, sign: (p: Uint8Array) => signEd25519(key.privateKey, p) }) });

describe('VerifyAuditTrail', () => {
  let log: MemoryAuditLog;
  let records: MemorySigningKeyRecords;
  let key: SigningKeyMaterial;
  const verify = () => new VerifyAuditTrail(log, kekAnchoredCheckpointKeys(records, kek)).run();
  const checkpoint = (signer = key) => new CheckpointAuditTrail(log, signerOf(signer)).run();
  const append = async (n: number) => {
    for (let i = 0; i < n; i++) await log.append({ actor: 'user:spec', action: 'spec.appended', subjectType: 'alert', subjectId: 'a-1', details: { i, note: 'original' } });
  };
  const at = (seq: number) => log.entries.find((e) => e.seq === seq)!;
  // What a careful forger does: rewrite entry `from` and recompute every hash after it.
  const rewriteAndRehash = (from: number) => {
    let prev = at(from - 1).hash;
    for (const e of log.entries.filter((x) => x.seq >= from).sort((a, b) => a.seq - b.seq)) {
      if (e.seq === from) e.details = { ...(e.details as object), note: 'forged' };
      e.prevHash = prev;
      e.hash = auditHash(prev, e);
      prev = e.hash;
    }
  };

  beforeEach(async () => {
    log = new MemoryAuditLog();
    records = new MemorySigningKeyRecords();
    key = generateSigningKey();
    await records.add(key);
  });

  it('reports an untouched chain as intact, counting every entry and naming the head hash', async () => {
    await append(5);
    expect(await verify()).toEqual({ intact: true, entries: 5, headHash: at(5).hash, checkpoints: { verified: 0, latest: null } });
  });

  it('reports an empty trail as intact, with the genesis as its head', async () => {
    expect(await verify()).toEqual({ intact: true, entries: 0, headHash: '0'.repeat(64), checkpoints: { verified: 0, latest: null } });
  });

  it('verifies every checkpoint of an untouched chain and names the latest with its kid', async () => {
    await append(3);
    await checkpoint();
    await append(2);
    const latest = (await checkpoint())!;
    const report = await verify();
    expect(report.intact).toBe(true);
    expect(report.checkpoints).toEqual({ verified: 2, latest: { ...latest, keyId: keyIdHex(key.keyId) } });
  });

  it('names the entry whose content was edited in place', async () => {
    await append(6);
    (at(3).details as { note: string }).note = 'edited';
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad).toEqual({ seq: 3, reason: 'its content does not match its hash' });
    expect(report.entries).toBe(2);
    expect(report.headHash).toBe(at(2).hash);
  });

  it('names the gap where an entry was removed', async () => {
    await append(5);
    log.entries = log.entries.filter((e) => e.seq !== 3);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad).toEqual({ seq: 4, reason: 'entry 3 is missing: the next entry is 4' });
  });

  it('names the entry that no longer chains when two entries swap places', async () => {
    await append(5);
    const [a, b] = [at(3), at(4)];
    [a.seq, b.seq] = [b.seq, a.seq];
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad).toEqual({ seq: 3, reason: 'its previous hash is not the hash of entry 2' });
  });

  it('catches a tail cut off after a checkpoint, which the hash chain alone accepts', async () => {
    await append(6);
    const c = (await checkpoint())!;
    log.entries = log.entries.filter((e) => e.seq <= 4);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.entries).toBe(4);
    expect(report.firstBad).toEqual({ seq: 6, reason: `checkpoint ${c.id} (entry 6, ${c.createdAt}) vouches for entry 6, but the chain ends at entry 4: entries were removed` });
  });

  it('catches a tail rewritten and rehashed, which the hash chain alone accepts, by a signed checkpoint', async () => {
    await append(3);
    const first = (await checkpoint())!;
    await append(3);
    const second = (await checkpoint())!;
    await append(2);
    rewriteAndRehash(5);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.entries).toBe(8);
    expect(report.checkpoints.verified).toBe(1);
    expect(report.firstBad).toEqual({
      seq: second.seq,
      reason: `entry 6 is not the one checkpoint ${second.id} (entry 6, ${second.createdAt}) signed: the chain was rewritten after entry ${first.seq}, the last one a checkpoint confirms`,
    });
  });

  it('lets only what was appended after the latest checkpoint be rewritten unnoticed', async () => {
    await append(4);
    await checkpoint();
    await append(3);
    rewriteAndRehash(6);
    expect((await verify()).intact).toBe(true);
  });

  it('refuses a checkpoint whose signature was altered', async () => {
    await append(2);
    const c = (await checkpoint())!;
    log.stored[0].signature = (c.signature[0] === '0' ? '1' : '0') + c.signature.slice(1);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad).toEqual({ seq: 2, reason: `checkpoint ${c.id} (entry 2, ${c.createdAt}) has a signature that does not verify` });
  });

  it('does not trust a checkpoint signed by a key that is not in the key table', async () => {
    await append(2);
    const c = (await checkpoint(generateSigningKey()))!;
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad!.reason).toBe(`checkpoint ${c.id} (entry 2, ${c.createdAt}) cannot be trusted: it names signing key ${keyIdHex(c.keyId)}, which does not exist`);
  });

  it('still trusts checkpoints signed by a key retired since, as long as it is in the key table', async () => {
    await append(2);
    await checkpoint();
    const next = generateSigningKey();
    await records.add(next);
    await append(2);
    await checkpoint(next);
    expect(await verify()).toMatchObject({ intact: true, checkpoints: { verified: 2 } });
  });

  it('does not trust a rewritten chain re-signed with a key planted in the key table without the KEK', async () => {
    await append(4);
    await checkpoint();
    rewriteAndRehash(3);
    const planted = generateSigningKey();
    await records.add(planted, new LocalKeyEncryption(new Uint8Array(32).fill(7)));
    log.stored = [];
    const forged = (await checkpoint(planted))!;
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad!.reason).toBe(`checkpoint ${forged.id} (entry 4, ${forged.createdAt}) cannot be trusted: signing key ${keyIdHex(planted.keyId)} does not open with this key-encryption key`);
  });

  it('does not trust a key whose stored public half was swapped for another', async () => {
    await append(2);
    const c = (await checkpoint())!;
    records.rows.get(key.keyId)!.publicKey = generateSigningKey().publicKey;
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad!.reason).toBe(`checkpoint ${c.id} (entry 2, ${c.createdAt}) cannot be trusted: the stored public key of signing key ${keyIdHex(key.keyId)} is not the one its private key derives`);
  });

  it('reports the earliest finding when there are several', async () => {
    await append(3);
    const c = (await checkpoint())!;
    await append(3);
    (at(5).details as { note: string }).note = 'edited';
    log.stored[0].signature = '00'.repeat(64);
    const report = await verify();
    expect(report.firstBad).toEqual({ seq: 3, reason: `checkpoint ${c.id} (entry 3, ${c.createdAt}) has a signature that does not verify` });
  });

  it('looks each key up once a run, however many checkpoints it signed', async () => {
    for (let i = 0; i < 3; i++) {
      await append(1);
      await checkpoint();
    }
    await verify();
    expect(records.lookups).toBe(1);
    await verify();
    expect(records.lookups).toBe(2);
  });

  it('walks a chain longer than one page of the log', async () => {
    await append(5003);
    (at(5002).details as { note: string }).note = 'edited';
    expect((await verify()).firstBad).toEqual({ seq: 5002, reason: 'its content does not match its hash' });
  });
});

