import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { generateSigningKey, keyIdHex, LocalKeyEncryption, signEd25519 } from '@faro/broadcast-security';
import {
  type AuditCheckpoint,
  auditCheckpointPayload,
  auditHash,
  AuditTrailError,
  chainAuditEntry,
  type AuditTrailReport,
  CheckpointAuditTrail,
  kekAnchoredCheckpointKeys,
  verifyAuditChain,
  VerifyAuditTrail,
} from '@faro/audit';
import { appendAudit, AuditSealing, createDataSource, inTransaction, runMigrations, sealPendingAudit, SqlAuditLog, SqlAuditTrail, seedJurisdictions, SqlSigningKeyRecords, SqlSigningKeys } from '@faro/persistence';
import { BoundaryCatalog } from '@faro/targeting';
import { bearerFor, callApi, createUser } from './auth-client';
import { cloneTestDatabase, dropDatabase, startPlatform, waitUntil, type Platform } from './platform';

jest.setTimeout(180_000);

const TEST_KEK = Buffer.alloc(32, 1).toString('base64');
const kekBase64 = () => process.env.FARO_KEK ?? TEST_KEK;
const run = promisify(execFile);
const CLI = resolve(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

// Entries appended one transaction each, as the use cases do, then sealed into the chain as a
// running process's sealer does within milliseconds.
async function append(ds: DataSource, n: number, subjectId: string = randomUUID()): Promise<void> {
  await appendPending(ds, n, subjectId);
  await sealPendingAudit(ds);
}

async function appendPending(ds: DataSource, n: number, subjectId: string = randomUUID()): Promise<void> {
  for (let i = 0; i < n; i++) {
    await inTransaction(ds, (q) =>
      appendAudit(q, { actor: 'user:audit-spec', action: 'spec.appended', subjectType: 'alert', subjectId, details: { i, note: 'original' } }),
    );
  }
}

async function headSeq(ds: DataSource): Promise<number> {
  const [r] = await ds.query(`SELECT coalesce(max(seq), 0) AS seq FROM audit_log`);
  return Number(r.seq);
}

// What only the database owner can do: switch the append-only triggers off for one transaction.
async function asOwner(ds: DataSource, table: 'audit_log' | 'audit_checkpoints', work: (q: { query: (sql: string, p?: unknown[]) => Promise<any> }) => Promise<void>): Promise<void> {
  const trigger = table === 'audit_log' ? 'audit_log_no_update_delete' : 'audit_checkpoints_no_update_delete';
  await inTransaction(ds, async (q) => {
    await q.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    await work(q);
    await q.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  });
}

// Rewrites entry `from` and recomputes every hash after it, as a careful forger would.
async function rewriteAndRehash(ds: DataSource, from: number): Promise<void> {
  await asOwner(ds, 'audit_log', async (q) => {
    const [before] = await q.query(`SELECT hash FROM audit_log WHERE seq = $1`, [from - 1]);
    let prev: string = before.hash;
    const rows = await q.query(`SELECT seq, at, actor, action, subject_type, subject_id, details FROM audit_log WHERE seq >= $1 ORDER BY seq`, [from]);
    for (const r of rows) {
      const details = Number(r.seq) === from ? { ...r.details, note: 'forged' } : r.details;
      const hash = auditHash(prev, { seq: Number(r.seq), at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, details });
      await q.query(`UPDATE audit_log SET details = $2, prev_hash = $3, hash = $4 WHERE seq = $1`, [r.seq, JSON.stringify(details), prev, hash]);
      prev = hash;
    }
  });
}

describe('the audit trail in PostgreSQL', () => {
  let url: string;
  let ds: DataSource;
  let kek: LocalKeyEncryption;
  let trail: SqlAuditTrail;
  let verify: () => Promise<AuditTrailReport>;
  let writeCheckpoint: () => Promise<AuditCheckpoint | null>;
  let keys: SqlSigningKeys;

  beforeEach(async () => {
    url = await cloneTestDatabase();
    ds = await createDataSource(url, { poolSize: 4, applicationName: 'faro-audit-spec' }).initialize();
    kek = new LocalKeyEncryption(Buffer.from(kekBase64(), 'base64'));
    trail = new SqlAuditTrail(ds);
    keys = new SqlSigningKeys(ds, kek);
    // As the API, the CLI and the worker wire them.
    const verifyTrail = new VerifyAuditTrail(new SqlAuditLog(ds), kekAnchoredCheckpointKeys(new SqlSigningKeyRecords(ds), kek), { drain: () => sealPendingAudit(ds) });
    const checkpointTrail = new CheckpointAuditTrail(new SqlAuditLog(ds), keys);
    verify = () => verifyTrail.run();
    writeCheckpoint = () => checkpointTrail.run();
    // The signing key (created and audited on first use) is in place before the counting starts.
    await keys.ensureActive();
  });

  afterEach(async () => {
    await ds?.destroy();
    if (url) await dropDatabase(url);
  });

  it('verifies an untouched chain as intact, counting every entry and naming the head hash', async () => {
    await append(ds, 5);
    const n = await headSeq(ds);
    const [head] = await ds.query(`SELECT hash FROM audit_log WHERE seq = $1`, [n]);
    expect(await verify()).toEqual({ intact: true, entries: n, headHash: head.hash, checkpoints: { verified: 0, latest: null } });
  });

  it('names the entry whose content was edited in place by the database owner', async () => {
    await append(ds, 6);
    const k = (await headSeq(ds)) - 3;
    await asOwner(ds, 'audit_log', (q) => q.query(`UPDATE audit_log SET details = details || '{"note":"edited"}' WHERE seq = $1`, [k]));
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad).toEqual({ seq: k, reason: 'its content does not match its hash' });
    expect(report.entries).toBe(k - 1);
  });

  it('catches a tail rewritten and rehashed, which the hash chain alone accepts, by a signed checkpoint', async () => {
    await append(ds, 6);
    const checkpoint = await writeCheckpoint();
    expect(checkpoint).not.toBeNull();
    await append(ds, 2);
    const k = checkpoint!.seq - 2;
    await rewriteAndRehash(ds, k);

    expect((await verifyAuditChain(new SqlAuditLog(ds))).intact).toBe(true);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad!.seq).toBe(checkpoint!.seq);
    expect(report.firstBad!.reason).toContain(`entry ${checkpoint!.seq} is not the one checkpoint ${checkpoint!.id}`);
    expect(report.firstBad!.reason).toContain('the chain was rewritten');
  });

  it('catches entries deleted from the end of the chain by a signed checkpoint', async () => {
    await append(ds, 8);
    const checkpoint = (await writeCheckpoint())!;
    await asOwner(ds, 'audit_log', (q) => q.query(`DELETE FROM audit_log WHERE seq > $1`, [checkpoint.seq - 3]));

    expect((await verifyAuditChain(new SqlAuditLog(ds))).intact).toBe(true);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad).toEqual({
      seq: checkpoint.seq,
      reason: expect.stringContaining(`vouches for entry ${checkpoint.seq}, but the chain ends at entry ${checkpoint.seq - 3}: entries were removed`),
    });
  });

  it('cannot see entries removed after the latest checkpoint: the checkpointer bounds that window', async () => {
    await append(ds, 3);
    const checkpoint = (await writeCheckpoint())!;
    await append(ds, 3);
    await asOwner(ds, 'audit_log', (q) => q.query(`DELETE FROM audit_log WHERE seq > $1`, [checkpoint.seq]));
    expect(await verify()).toMatchObject({ intact: true, entries: checkpoint.seq, checkpoints: { verified: 1 } });
  });

  it('reports every checkpoint verified, and the latest, while the chain is intact', async () => {
    await append(ds, 2);
    const first = (await writeCheckpoint())!;
    await append(ds, 2);
    const second = (await writeCheckpoint())!;
    const report = await verify();
    // Key ids are printed as the JWKS prints them (kid, 8 hex digits), not as numbers.
    expect(report).toMatchObject({ intact: true, checkpoints: { verified: 2, latest: { ...second, keyId: keyIdHex(second.keyId) } } });
    expect(second.seq).toBe(first.seq + 2);
    const [key] = await ds.query(`SELECT key_id FROM signing_keys WHERE status = 'active'`);
    expect(second.keyId).toBe(Number(key.key_id));
  });

  it('writes no checkpoint when nothing was appended since the last one', async () => {
    await append(ds, 1);
    expect(await writeCheckpoint()).not.toBeNull();
    expect(await writeCheckpoint()).toBeNull();
  });

  it('refuses to sign a checkpoint over a broken chain, naming the entry', async () => {
    await append(ds, 4);
    const k = await headSeq(ds);
    await asOwner(ds, 'audit_log', (q) => q.query(`UPDATE audit_log SET actor = 'user:someone-else' WHERE seq = $1`, [k]));
    let error: unknown;
    try {
      await writeCheckpoint();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuditTrailError);
    expect((error as AuditTrailError).code).toBe('audit/chain-broken');
    expect((error as AuditTrailError).message).toBe(`Not checkpointing: entry ${k} does not chain (its content does not match its hash)`);
  });

  it('refuses a checkpoint whose signature was altered', async () => {
    await append(ds, 2);
    const checkpoint = (await writeCheckpoint())!;
    const flipped = (checkpoint.signature[0] === '0' ? '1' : '0') + checkpoint.signature.slice(1);
    await asOwner(ds, 'audit_checkpoints', (q) => q.query(`UPDATE audit_checkpoints SET signature = $2 WHERE id = $1`, [checkpoint.id, flipped]));
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad).toEqual({ seq: checkpoint.seq, reason: expect.stringContaining('has a signature that does not verify') });
  });

  it('does not trust a rewritten chain re-signed with a key planted in signing_keys without the KEK', async () => {
    await append(ds, 4);
    const genuine = (await writeCheckpoint())!;
    await rewriteAndRehash(ds, genuine.seq - 1);
    const [head] = await ds.query(`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
    // The forger's key, wrapped under a KEK of their own, and a checkpoint it signs.
    const planted = generateSigningKey();
    const theirKek = new LocalKeyEncryption(Buffer.alloc(32, 7));
    const wrapped = await theirKek.wrap(planted.privateKey, `signing-key:${planted.keyId.toString(16).padStart(8, '0')}`);
    await ds.query(`INSERT INTO signing_keys (key_id, public_key, private_key_wrapped, status) VALUES ($1, $2, $3, 'retired')`, [
      planted.keyId,
      Buffer.from(planted.publicKey),
      JSON.stringify(wrapped),
    ]);
    const signature = Buffer.from(signEd25519(planted.privateKey, auditCheckpointPayload(Number(head.seq), head.hash))).toString('hex');
    await asOwner(ds, 'audit_checkpoints', async (q) => {
      await q.query(`DELETE FROM audit_checkpoints`);
      await q.query(`INSERT INTO audit_checkpoints (seq, head_hash, key_id, signature) VALUES ($1, $2, $3, $4)`, [head.seq, head.hash, planted.keyId, signature]);
    });

    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBad!.reason).toContain('cannot be trusted');
    expect(report.firstBad!.reason).toContain('does not open with this key-encryption key');
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit entries and UPDATE and DELETE of checkpoints to the application', async () => {
    await append(ds, 1);
    await writeCheckpoint();
    const refusal = async (sql: string) => {
      try {
        await ds.query(sql);
      } catch (e) {
        return { code: (e as { code?: string }).code, message: (e as Error).message };
      }
      return null;
    };
    expect(await refusal(`UPDATE audit_log SET actor = 'x'`)).toEqual({ code: '42501', message: 'audit_log is append-only (UPDATE refused)' });
    expect(await refusal(`DELETE FROM audit_log`)).toEqual({ code: '42501', message: 'audit_log is append-only (DELETE refused)' });
    expect(await refusal(`TRUNCATE audit_log`)).toEqual({ code: '42501', message: 'audit_log is append-only (TRUNCATE refused)' });
    expect(await refusal(`UPDATE audit_checkpoints SET seq = seq`)).toMatchObject({ code: '42501' });
    expect(await refusal(`DELETE FROM audit_checkpoints`)).toMatchObject({ code: '42501' });
    expect((await verify()).intact).toBe(true);
  });

  it('lists entries in chain order by subject, a page at a time', async () => {
    const subject = randomUUID();
    await append(ds, 3, subject);
    await append(ds, 2);
    await append(ds, 2, subject);
    const first = await trail.entries({ visibleTo: 'IT', subjectId: subject, limit: 3 });
    expect(first.items.map((e) => e.details)).toEqual([0, 1, 2].map((i) => ({ i, note: 'original' })));
    expect(first.items.every((e) => e.subjectId === subject && e.actor === 'user:audit-spec')).toBe(true);
    expect(first.next).toBe(first.items[2].seq);
    const second = await trail.entries({ visibleTo: 'IT', subjectId: subject, after: first.next!, limit: 3 });
    expect(second.items.map((e) => (e.details as { i: number }).i)).toEqual([0, 1]);
    expect(second.items[0].seq).toBe(first.items[2].seq + 3);
    expect(second.next).toBeNull();
  });

  // Issue 15, target 4: no appender waits for another; one sealer chains what they committed.
  describe('appended without a lock, sealed by one sealer', () => {
    const entry = (i: number) => ({ actor: 'user:audit-spec', action: 'spec.appended', subjectType: 'alert', subjectId: 'sealing', details: { i } });
    const pending = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`))[0].n);

    it('lets an append commit while another transaction holding an entry is still open, and chains each as it commits', async () => {
      await sealPendingAudit(ds);
      const open = ds.createQueryRunner();
      await open.connect();
      await open.startTransaction();
      try {
        await appendAudit(open, entry(1));
        // Before, this waited on the open transaction's lock until it ended.
        const committed = inTransaction(ds, (q) => appendAudit(q, entry(2)));
        const outcome = await Promise.race([committed.then(() => 'committed'), new Promise((r) => setTimeout(() => r('still waiting'), 5_000))]);
        expect(outcome).toBe('committed');
        await sealPendingAudit(ds);
        const head = await headSeq(ds);
        expect((await ds.query(`SELECT details FROM audit_log WHERE seq = $1`, [head]))[0].details).toEqual({ i: 2 });
        await open.commitTransaction();
      } finally {
        await open.release();
      }
      expect(await pending()).toBe(1);
      await sealPendingAudit(ds);
      const last = await ds.query(`SELECT seq, id, details FROM audit_log WHERE subject_id = 'sealing' ORDER BY seq`);
      // Chained in the order they committed: the entry appended first (lower id) comes second.
      expect(last.map((r: any) => r.details.i)).toEqual([2, 1]);
      expect(Number(last[0].id)).toBeGreaterThan(Number(last[1].id));
      expect(await verify()).toMatchObject({ intact: true, entries: await headSeq(ds) });
    });

    it('seals 120 entries appended over 8 connections by two processes\' sealers: each once, seq gap-free, the chain intact', async () => {
      const other = await createDataSource(url, { poolSize: 2, applicationName: 'faro-audit-spec-other' }).initialize();
      const errors: unknown[] = [];
      // As the API's and the worker's: each rung by its own commits, both sweeping.
      const sealers = [new AuditSealing(ds, (e) => errors.push(e)), new AuditSealing(other, (e) => errors.push(e))];
      sealers.forEach((s) => s.onApplicationBootstrap());
      const wide = await createDataSource(url, { poolSize: 8, applicationName: 'faro-audit-spec-appenders' }).initialize();
      try {
        const before = await headSeq(ds);
        await Promise.all(Array.from({ length: 120 }, (_, i) => inTransaction(i % 2 ? wide : other, (q) => appendAudit(q, entry(i)))));
        await waitUntil('every entry sealed', async () => (await pending()) === 0, 20_000);
        const rows = await ds.query(`SELECT seq, details FROM audit_log WHERE seq > $1 ORDER BY seq`, [before]);
        expect(rows.map((r: any) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, k) => before + 1 + k));
        expect(rows.filter((r: any) => r.details?.i !== undefined).map((r: any) => r.details.i).sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i));
        expect(await verify()).toMatchObject({ intact: true });
        expect(errors).toEqual([]);
      } finally {
        for (const s of sealers) await s.onApplicationShutdown();
        await wide.destroy();
        await other.destroy();
      }
    });

    it('keeps nothing of an append whose transaction rolled back', async () => {
      await sealPendingAudit(ds);
      const before = await headSeq(ds);
      await expect(
        inTransaction(ds, async (q) => {
          await appendAudit(q, entry(99));
          throw new Error('use case failed');
        }),
      ).rejects.toThrow('use case failed');
      expect(await pending()).toBe(0);
      await sealPendingAudit(ds);
      expect(await headSeq(ds)).toBe(before);
    });

    it('refuses every change to a pending entry but its sealing, and any change to a sealed one', async () => {
      await appendPending(ds, 1, 'guarded');
      const [p] = await ds.query(`SELECT id FROM audit_log WHERE subject_id = 'guarded' AND seq IS NULL`);
      const refusal = async (sql: string, params: unknown[] = []) => {
        try {
          await ds.query(sql, params);
        } catch (e) {
          return (e as { code?: string }).code;
        }
        return null;
      };
      const h = 'f'.repeat(64);
      expect(await refusal(`UPDATE audit_log SET details = '{"i":"forged"}' WHERE id = $1`, [p.id])).toBe('42501');
      expect(await refusal(`DELETE FROM audit_log WHERE id = $1`, [p.id])).toBe('42501');
      // Sealing that also edits the content is not sealing.
      expect(await refusal(`UPDATE audit_log SET seq = 1000000, prev_hash = $2, hash = $2, actor = 'user:forger' WHERE id = $1`, [p.id, h])).toBe('42501');
      // Half a seal breaks the constraint that a sealed entry has its seq and both hashes.
      expect(await refusal(`UPDATE audit_log SET seq = 1000000 WHERE id = $1`, [p.id])).toBe('23514');
      await sealPendingAudit(ds);
      const [sealed] = await ds.query(`SELECT id, seq FROM audit_log WHERE id = $1`, [p.id]);
      expect(sealed.seq).not.toBeNull();
      expect(await refusal(`UPDATE audit_log SET seq = 1000000, prev_hash = $2, hash = $2 WHERE id = $1`, [p.id, h])).toBe('42501');
      expect(await verify()).toMatchObject({ intact: true });
    });

    it('keeps a chain written under the lock intact through the migration to sealing, and seals onto it', async () => {
      // Back to the schema before sealing, however many migrations came after it (the way down
      // refuses while an entry is pending: the signing key's, appended before each test).
      await sealPendingAudit(ds);
      const undo = await createDataSource(url, { poolSize: 1, applicationName: 'faro-audit-spec-undo' }).initialize();
      try {
        while ((await undo.query(`SELECT 1 FROM faro_migrations WHERE name = 'AuditSealer1765750000000'`)).length > 0) await undo.undoLastMigration({ transaction: 'each' });
        // Entries as the code before chained them: onto the head, seq from the column's default.
        for (let i = 0; i < 4; i++) {
          const [h] = await undo.query(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
          const e = chainAuditEntry(h ? { seq: Number(h.seq), hash: h.hash } : null, entry(i), new Date());
          await undo.query(`INSERT INTO audit_log (at, actor, action, subject_type, subject_id, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
            e.at, e.actor, e.action, e.subjectType, e.subjectId, JSON.stringify(e.details), e.prevHash, e.hash,
          ]);
        }
      } finally {
        await undo.destroy();
      }
      expect(await runMigrations(url)).toContain('AuditSealer1765750000000');
      await appendPending(ds, 2);
      await sealPendingAudit(ds);
      const rows = await ds.query(`SELECT id, seq FROM audit_log ORDER BY seq`);
      // The chained entries keep their place (id = seq); the new ones follow them.
      expect(rows.map((r: any) => Number(r.id))).toEqual(rows.map((r: any) => Number(r.seq)));
      expect(await verify()).toMatchObject({ intact: true, entries: rows.length });
    });

    it('verifies what was committed but not yet sealed: verification seals it first', async () => {
      await appendPending(ds, 3);
      expect(await pending()).toBeGreaterThanOrEqual(3);
      const report = await verify();
      expect(await pending()).toBe(0);
      expect(report).toMatchObject({ intact: true, entries: await headSeq(ds) });
    });
  });
});

describe('jurisdictions in PostgreSQL', () => {
  let url: string;
  let ds: DataSource;

  beforeAll(async () => {
    url = await cloneTestDatabase();
    ds = await createDataSource(url, { poolSize: 2 }).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    if (url) await dropDatabase(url);
  });

  it('are seeded with the demo data: Italy, 20 regions, 107 provinces, each under its parent', async () => {
    const rows = await ds.query(`SELECT level, count(*)::int AS n FROM jurisdictions GROUP BY level ORDER BY level`);
    expect(rows).toEqual([
      { level: 'national', n: 1 },
      { level: 'province', n: 107 },
      { level: 'region', n: 20 },
    ]);
    const [catania] = await ds.query(`SELECT * FROM jurisdictions WHERE id = 'IT-P087'`);
    expect(catania).toEqual({ id: 'IT-P087', name: 'Catania', level: 'province', parent_id: 'IT-R19', geocode_scheme: 'ISTAT_PROVINCE', geocode: '087' });
  });

  it('scope alerts through their parents: a Sicilian province is within IT-R19', async () => {
    const [r] = await ds.query(
      `WITH RECURSIVE sub AS (SELECT id FROM jurisdictions WHERE id = 'IT-R19' UNION ALL SELECT j.id FROM jurisdictions j JOIN sub ON j.parent_id = sub.id)
       SELECT count(*)::int AS n, bool_or(id = 'IT-P087') AS catania FROM sub`,
    );
    expect(r).toEqual({ n: 10, catania: true });
  });

  it('are seeded idempotently: a second run changes nothing', async () => {
    expect(await seedJurisdictions(ds, BoundaryCatalog.load(resolve(__dirname, '..', 'data')))).toBe(0);
  });
});

describe('GET /api/v1/audit and the audit commands', () => {
  let platform: Platform;
  let ds: DataSource;

  beforeAll(async () => {
    platform = await startPlatform({}, { worker: false });
    ds = await createDataSource(platform.databaseUrl, { poolSize: 2 }).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await platform?.stop();
  });

  const faro = async (...args: string[]) => {
    const env = { PATH: process.env.PATH, DATABASE_URL: platform.databaseUrl, FARO_KEK: kekBase64(), LOG_LEVEL: 'warn' };
    try {
      const r = await run(process.execPath, [CLI, ...args], { env });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };
  const as = async (roles: Array<'operator' | 'approver' | 'auditor' | 'admin'>, jurisdictionId = 'IT') =>
    (await bearerFor(platform, await createUser(platform, { roles, jurisdictionId }))).headers;

  it('lets an auditor and an admin verify the trail, and refuses an operator and an anonymous caller', async () => {
    const verify = (headers?: Record<string, string>) => callApi(platform.baseUrl, 'GET', '/api/v1/audit/verify', { headers });
    const auditor = await verify(await as(['auditor'], 'IT-R19'));
    expect(auditor.status).toBe(200);
    expect(auditor.body).toMatchObject({ intact: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/), checkpoints: { verified: expect.any(Number) } });
    expect((await verify(await as(['admin']))).status).toBe(200);
    const operator = await verify(await as(['operator']));
    expect(operator.status).toBe(403);
    expect(operator.body.code).toBe('auth/forbidden');
    expect((await verify()).status).toBe(401);
  });

  it('lists the entries of one subject to an auditor, a page at a time', async () => {
    const subject = randomUUID();
    await append(ds, 3, subject);
    const headers = await as(['auditor']);
    const first = await callApi(platform.baseUrl, 'GET', `/api/v1/audit?subjectId=${subject}&limit=2`, { headers });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({ subjectId: subject, subjectType: 'alert', action: 'spec.appended', details: { i: 0, note: 'original' } });
    const rest = await callApi(platform.baseUrl, 'GET', `/api/v1/audit?subjectId=${subject}&after=${first.body.next}`, { headers });
    expect(rest.body).toMatchObject({ items: [{ details: { i: 2 } }], next: null });
  });

  it.each([
    ['limit=0', '/limit'],
    ['after=-1', '/after'],
    ['subject=x', '/subject'],
  ])('refuses the query %s as an invalid query parameter', async (query, pointer) => {
    const r = await callApi(platform.baseUrl, 'GET', `/api/v1/audit?${query}`, { headers: await as(['auditor']) });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'http/invalid-query', pointer });
  });

  it('signs a checkpoint from the CLI, verifies with exit status 0, then 1 once an entry is edited', async () => {
    await append(ds, 2);
    const checkpoint = await faro('audit:checkpoint');
    expect(checkpoint.code).toBe(0);
    expect(checkpoint.stdout).toMatch(/^checkpoint \d+: entry \d+, head [0-9a-f]{64}, key [0-9a-f]{8}, /m);
    expect((await faro('audit:checkpoint')).stdout).toContain('nothing to sign');

    const intact = await faro('audit:verify');
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true, checkpoints: { verified: 1 } });
    const api = await callApi(platform.baseUrl, 'GET', '/api/v1/audit/verify', { headers: await as(['auditor']) });
    expect(api.body).toMatchObject({ intact: true, checkpoints: { verified: 1 } });

    const k = randomInt(1, Number(JSON.parse(intact.stdout).entries) + 1);
    await asOwner(ds, 'audit_log', (q) => q.query(`UPDATE audit_log SET action = 'spec.edited' WHERE seq = $1`, [k]));
    const broken = await faro('audit:verify');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ intact: false, firstBad: { seq: k } });
    expect(broken.stderr).toContain(`the audit trail is NOT intact: entry ${k}:`);
    const afterEdit = await callApi(platform.baseUrl, 'GET', '/api/v1/audit/verify', { headers: await as(['auditor']) });
    expect(afterEdit.status).toBe(200);
    expect(afterEdit.body).toMatchObject({ intact: false, firstBad: { seq: k, reason: 'its content does not match its hash' } });
  });

  // The entry edited above lies before the CLI's checkpoint, which the worker's builds on: a
  // checkpoint verifies only the entries appended since the one before it.
  it('has the worker sign the head soon after it starts, and log the checkpoint in full', async () => {
    await append(ds, 1);
    const [head] = await ds.query(`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
    await platform.startWorker();
    const row = await waitUntil('a checkpoint of the head', async () => {
      const [c] = await ds.query(`SELECT seq, head_hash FROM audit_checkpoints WHERE seq >= $1`, [head.seq]);
      return c;
    }, 30_000, platform.logs);
    expect(row).toEqual({ seq: head.seq, head_hash: head.hash });
    await waitUntil('the checkpoint in the worker log', async () => platform.logs().includes(`entry ${head.seq} head ${head.hash}`), 10_000, platform.logs);
  });

  it('lists the jurisdictions from the CLI', async () => {
    const r = await faro('jurisdictions:list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^IT-R19 +region +IT +Sicilia$/m);
    expect(r.stdout).toMatch(/^IT-P087 +province +IT-R19 +Catania$/m);
    expect(r.stdout.trim().split('\n')).toHaveLength(128);
  });
});
