import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  broadcastAad,
  gatewayKeyId,
  generateGatewayKeyPair,
  keyEncryptionFromConfig,
  LocalKeyEncryption,
  sealForGateway,
  type GatewayKeyPair,
  type KeyEncryptionPort,
} from '@faro/broadcast-security';
import { systemClock } from '@faro/identity';
import { PLATFORM_KEY_ACTOR, RewrapSecrets, RotateGatewayKey } from '@faro/keys';
import { createDataSource, ensureSimulatedGateways, SqlGatewaySealer, SqlKeyStore, SqlSimulatorGatewayKeys } from '@faro/persistence';
import { defaultGatewayProfiles, encodeBroadcastEnvelope, UplinkSimulator, type TransmissionRecord } from '@faro/uplink';
import { GatewayKeyRotation1764600000000 } from '../migrations/1764600000000-gateway-key-rotation';
import { bearerFor, callApi, createUser, type Bearer } from './auth-client';
import { capDateTime } from '@faro/cap';
import { capAlert } from './fixtures/catania-earthquake';
import { cloneTestDatabase, dropDatabase, startPlatform, type Platform } from './platform';
import { releasedAlert } from './released-alert';
import { grantToken, type TestUser } from './principals';

jest.setTimeout(300_000);

const run = promisify(execFile);
const CLI = resolve(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const KID = /^[0-9a-f]{16}$/;

// The key rules (libs/keys) over the SQL adapter, as the API, the CLI and the worker run them.
const rotateGatewayKey = (ds: DataSource, kek: KeyEncryptionPort, gatewayId: string, reason: string) =>
  new RotateGatewayKey(new SqlKeyStore(ds), kek, systemClock).run(PLATFORM_KEY_ACTOR, gatewayId, reason);
const rewrapAllSecrets = (ds: DataSource, kek: KeyEncryptionPort) => new RewrapSecrets(new SqlKeyStore(ds), kek).run(PLATFORM_KEY_ACTOR);

// The Catania alert released by a second person, every batch done.
async function releasedCatania(platform: Platform, db: Client, by: { operator: TestUser; approver: TestUser }): Promise<string> {
  const sent = new Date(Date.now() - 1000);
  const doc = capAlert({ identifier: `INGV-GK-${sent.getTime()}-${randomBytes(3).toString('hex')}`, sent: capDateTime(sent), expires: capDateTime(new Date(Date.now() + 3 * 3600_000)) });
  const alertId = await releasedAlert({ baseUrl: platform.baseUrl, db, logs: platform.logs }, doc, by);
  const { rows: batches } = await db.query(`SELECT status, last_error FROM fanout_batches WHERE alert_id = $1 AND status <> 'done'`, [alertId]);
  expect(batches).toEqual([]);
  return alertId;
}

// Which gateway key each gateway opened the alert's transmissions with.
async function keysOpenedWith(db: Client, alertId: string): Promise<Record<string, string[]>> {
  const { rows } = await db.query(`SELECT DISTINCT gateway_id, gateway_key_id FROM broadcasts WHERE alert_id = $1 AND kind = 'broadcast' ORDER BY 1, 2`, [alertId]);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.gateway_id] ??= []).push(r.gateway_key_id);
  return out;
}

describe('gateway key rotation', () => {
  let platform: Platform;
  let db: Client;
  let admin: Bearer;
  let adminId: string;
  let operator: TestUser;
  let approver: TestUser;

  beforeAll(async () => {
    platform = await startPlatform();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    const account = await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true });
    adminId = account.id;
    admin = await bearerFor(platform, account);
    operator = await grantToken(platform.databaseUrl, ['operator']);
    approver = await grantToken(platform.databaseUrl, ['approver']);
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const list = async (headers = admin.headers) => callApi(platform.baseUrl, 'GET', '/api/v1/keys/gateways', { headers });
  const rotate = (gatewayId: string, headers: Record<string, string>, body?: unknown) =>
    callApi(platform.baseUrl, 'POST', `/api/v1/keys/gateways/${encodeURIComponent(gatewayId)}/rotate`, { headers, body });

  it('seals to the new key from the rotation on, keeps the previous key opening, and audits the rotation without key material', async () => {
    const before = await list();
    expect(before.status).toBe(200);
    const { rows: stored } = await db.query(`SELECT g.id, g.kind, k.public_key FROM gateways g JOIN gateway_keys k ON k.gateway_id = g.id ORDER BY g.id`);
    expect(stored.length).toBeGreaterThan(1);
    // One key per gateway, named by the hash of its public key.
    expect(before.body.gateways).toEqual(
      stored.map((g) => ({ id: g.id, kind: g.kind, activeKid: gatewayKeyId(new Uint8Array(g.public_key)), previousKid: null, activeSince: expect.any(String) })),
    );
    const original = Object.fromEntries((before.body.gateways as any[]).map((g) => [g.id, g.activeKid as string]));

    const earlier = await releasedCatania(platform, db, { operator, approver });
    const openedBefore = await keysOpenedWith(db, earlier);
    const used = Object.keys(openedBefore);
    expect(used.length).toBeGreaterThan(0);
    expect(openedBefore).toEqual(Object.fromEntries(used.map((g) => [g, [original[g]]])));

    const rotated: Record<string, string> = {};
    for (const gatewayId of used) {
      const r = await rotate(gatewayId, admin.headers, { reason: 'drill' });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ gatewayId, kid: expect.stringMatching(KID), previousKid: original[gatewayId], retiredKid: null });
      rotated[gatewayId] = r.body.kid;
    }
    const after = (await list()).body.gateways as any[];
    for (const g of after) {
      if (rotated[g.id]) expect(g).toMatchObject({ activeKid: rotated[g.id], previousKid: original[g.id] });
      else expect(g).toMatchObject({ activeKid: original[g.id], previousKid: null });
    }

    // Released after the rotation: every transmission was sealed to, and opened with, the new key.
    const later = await releasedCatania(platform, db, { operator, approver });
    expect(await keysOpenedWith(db, later)).toEqual(Object.fromEntries(used.map((g) => [g, [rotated[g]]])));
    const { rows: failed } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status IN ('failed', 'queued')`, [later]);
    expect(failed[0].n).toBe(0);

    const { rows: audit } = await db.query(`SELECT actor, subject_type, subject_id, details FROM audit_log WHERE action = 'key.gateway-rotated' ORDER BY id`);
    expect(audit).toEqual(
      used.map((gatewayId) => ({
        actor: `user:${adminId}`,
        subject_type: 'key',
        subject_id: rotated[gatewayId],
        details: {
          gatewayId,
          kid: rotated[gatewayId],
          previousKid: original[gatewayId],
          retiredKid: null,
          reason: 'drill',
          kekId: expect.stringMatching(/^local-[0-9a-f]{16}$/),
          // How the admin authenticated, as every alert state change records it (libs/keys key-audit.ts).
          via: { method: 'api-token', tokenId: expect.any(String), scopes: expect.arrayContaining(['admin']), secondFactor: 'totp' },
        },
      })),
    );
    expect(JSON.stringify(audit)).not.toMatch(/ciphertext|privateKey|"iv"|"tag"/);

    // A second rotation retires the original key and destroys its private half.
    const [first] = used;
    const second = await rotate(first, admin.headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ gatewayId: first, kid: expect.stringMatching(KID), previousKid: rotated[first], retiredKid: original[first] });
    const { rows: keys } = await db.query(`SELECT key_id, status, retired_at FROM gateway_keys WHERE gateway_id = $1 ORDER BY created_at`, [first]);
    expect(keys).toEqual([
      { key_id: original[first], status: 'retired', retired_at: expect.any(Date) },
      { key_id: rotated[first], status: 'previous', retired_at: null },
      { key_id: second.body.kid, status: 'active', retired_at: null },
    ]);
    const { rows: privateKeys } = await db.query(`SELECT key_id FROM simulator_gateway_keys WHERE gateway_id = $1 ORDER BY key_id`, [first]);
    expect(privateKeys.map((r) => r.key_id)).toEqual([rotated[first], second.body.kid].sort());
    const { rows: reasons } = await db.query(`SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'key.gateway-rotated' AND subject_id = $1`, [second.body.kid]);
    expect(reasons).toEqual([{ reason: 'on demand' }]);
  });

  it('lets only an admin list or rotate gateway keys', async () => {
    const listed = await list(operator.headers);
    expect(listed.status).toBe(403);
    expect(listed.body.code).toBe('auth/forbidden');
    const { rows } = await db.query(`SELECT id FROM gateways ORDER BY id LIMIT 1`);
    const refused = await rotate(rows[0].id, approver.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth/forbidden');
  });

  it('answers a problem+json 404 for a gateway it does not know, and rotates nothing', async () => {
    const { rows: before } = await db.query(`SELECT count(*)::int AS n FROM gateway_keys`);
    const r = await rotate('cbc-nowhere', admin.headers);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ code: 'gateway/not-found', title: 'Gateway not found', status: 404, detail: 'No gateway cbc-nowhere', type: 'https://faro.example/problems/gateway-not-found' });
    const { rows: after } = await db.query(`SELECT count(*)::int AS n FROM gateway_keys`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a rotation request with a field it does not know', async () => {
    const { rows } = await db.query(`SELECT id FROM gateways ORDER BY id LIMIT 1`);
    const r = await rotate(rows[0].id, admin.headers, { kid: '0000000000000001' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'http/bad-request', pointer: '/kid' });
  });
});

describe('the simulated gateway resolving keys from PostgreSQL', () => {
  let url: string;
  let ds: DataSource;
  let kek: KeyEncryptionPort;
  let gatewayId: string;
  const transmissions: TransmissionRecord[] = [];

  beforeAll(async () => {
    url = await cloneTestDatabase();
    ds = await createDataSource(url, { poolSize: 4, applicationName: 'faro-gateway-key-spec' }).initialize();
    kek = new LocalKeyEncryption(randomBytes(32));
    gatewayId = (await ensureSimulatedGateways(ds, kek)).find((g) => g.id.startsWith('cbc-'))!.id;
  });

  afterAll(async () => {
    await ds?.destroy();
    if (url) await dropDatabase(url);
  });

  const keys = () => new SqlSimulatorGatewayKeys(ds, kek);
  const uplink = () =>
    new UplinkSimulator({
      gateways: defaultGatewayProfiles({ [gatewayId]: (kid) => keys().privateKeyFor(gatewayId, kid) }).map((p) => ({ ...p, transientFailureRate: 0, latencyMs: { min: 0, max: 0 } })),
      recorder: { recordTransmission: async (t) => void transmissions.push(t) },
      sleep: async () => undefined,
    });

  async function submission(seal: (plaintext: Uint8Array, aad: Uint8Array) => Promise<any>, n: number) {
    const ids = { alertId: `gk-${randomBytes(4).toString('hex')}`, messageIdentifier: 0x1112, serialNumber: 0x3001 + n };
    const page = Buffer.alloc(88, 0x0d);
    page.writeUInt16BE(ids.serialNumber, 0);
    page.writeUInt16BE(ids.messageIdentifier, 2);
    page[4] = 0x01;
    page[5] = 0x11;
    const envelope = encodeBroadcastEnvelope({ ...ids, dcs: 0x01, language: 'it', keyId: 1, issueTime: Math.floor(Date.now() / 1000), signature: 'ab'.repeat(64), pages: [page.toString('hex')], warningAreaCoordinates: '00' });
    return {
      submissionId: `gk:${ids.alertId}`,
      gatewayId,
      routeId: 'route',
      ...ids,
      sealed: await seal(envelope, broadcastAad(ids)),
      cellIds: ['T-222-01-1'],
      repetition: { periodSeconds: 60, count: 1 },
    };
  }

  it('opens what the sealer sealed to the active key and to the previous one, refuses a retired or unknown key, and seals to the new key at once', async () => {
    const sealer = new SqlGatewaySealer(ds);
    const sealedToFirst = await submission((p, a) => sealer.seal(gatewayId, p, a), 1);
    const first = sealedToFirst.sealed.kid as string;

    const r1 = await rotateGatewayKey(ds, kek, gatewayId, 'spec');
    expect(r1).toMatchObject({ gatewayId, previousKid: first, retiredKid: null });
    // The sealer keeps no cache: the next seal names the new key.
    const sealedToSecond = await submission((p, a) => sealer.seal(gatewayId, p, a), 2);
    expect(sealedToSecond.sealed.kid).toBe(r1!.kid);

    // Sealed before the rotation, submitted after it: the previous key still opens it.
    const sim = uplink();
    await sim.submit(sealedToFirst);
    await sim.submit(sealedToSecond);
    expect(transmissions.slice(-2).map((t) => t.gatewayKeyId)).toEqual([first, r1!.kid]);

    const r2 = await rotateGatewayKey(ds, kek, gatewayId, 'spec');
    expect(r2).toMatchObject({ previousKid: r1!.kid, retiredKid: first });
    // A broadcast sealed to the now retired key (its public half is kept) is refused for good.
    const [retired] = await ds.query(`SELECT public_key, status FROM gateway_keys WHERE key_id = $1`, [first]);
    expect(retired.status).toBe('retired');
    const late = await submission((p, a) => sealForGateway({ kid: first, publicKey: new Uint8Array(retired.public_key) }, p, a), 3);
    await expect(uplink().submit(late)).rejects.toMatchObject({ code: 'uplink/unsealed', retryable: false, message: `gateway ${gatewayId} cannot open the broadcast: it holds no usable key ${first}` });
    expect(await keys().privateKeyFor(gatewayId, first)).toBeUndefined();

    const stranger: GatewayKeyPair = await generateGatewayKeyPair();
    const unknown = await submission((p, a) => sealForGateway(stranger, p, a), 4);
    await expect(uplink().submit(unknown)).rejects.toMatchObject({ code: 'uplink/unsealed', retryable: false, message: `gateway ${gatewayId} cannot open the broadcast: it holds no usable key ${stranger.kid}` });

    // A key of another gateway does not open for this one, even by its id.
    const others: any[] = await ds.query(`SELECT gateway_id, key_id FROM gateway_keys WHERE gateway_id <> $1 AND status = 'active' LIMIT 1`, [gatewayId]);
    expect(await keys().privateKeyFor(gatewayId, others[0].key_id)).toBeUndefined();
    expect(await keys().privateKeyFor(others[0].gateway_id, others[0].key_id)).toBeInstanceOf(Uint8Array);
  });

  it('refuses to rotate a gateway it does not know, with a typed error', async () => {
    await expect(rotateGatewayKey(ds, kek, 'cbc-nowhere', 'spec')).rejects.toMatchObject({ name: 'GatewayKeyError', code: 'gateway/not-found', message: 'No gateway cbc-nowhere' });
  });

  it('rotates every gateway from the CLI with --all, and one with --gateway', async () => {
    const kekB64 = randomBytes(32).toString('base64');
    const cliUrl = await cloneTestDatabase();
    const cliDs = await createDataSource(cliUrl, { poolSize: 2, applicationName: 'faro-gateway-key-spec' }).initialize();
    try {
      const gateways = await ensureSimulatedGateways(cliDs, keyEncryptionFromConfig({ FARO_KEK: kekB64 }));
      const env = { PATH: process.env.PATH, DATABASE_URL: cliUrl, FARO_KEK: kekB64, LOG_LEVEL: 'warn' };
      const all = await run(process.execPath, [CLI, 'keys:rotate-gateway', '--all', '--reason', 'compromise drill'], { env });
      expect(all.stdout.trim().split('\n')).toHaveLength(gateways.length);
      const one = await run(process.execPath, [CLI, 'keys:rotate-gateway', '--gateway', gateways[0].id], { env });
      expect(one.stdout).toMatch(new RegExp(`^gateway ${gateways[0].id}: key [0-9a-f]{16} is active; previous [0-9a-f]{16}; retired [0-9a-f]{16}\\n$`));
      const rows: any[] = await cliDs.query(`SELECT actor, details->>'reason' AS reason, count(*)::int AS n FROM audit_log WHERE action = 'key.gateway-rotated' GROUP BY 1, 2 ORDER BY 2`);
      expect(rows).toEqual([
        { actor: 'system:cli', reason: 'compromise drill', n: gateways.length },
        { actor: 'system:cli', reason: 'on demand', n: 1 },
      ]);
      const refused = await run(process.execPath, [CLI, 'keys:rotate-gateway', '--gateway', 'cbc-nowhere'], { env }).catch((e) => e);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('faro: No gateway cbc-nowhere');
      const neither = await run(process.execPath, [CLI, 'keys:rotate-gateway'], { env }).catch((e) => e);
      expect(neither.code).toBe(1);
      expect(neither.stderr).toContain('name one gateway with --gateway <id>, or every gateway with --all');
    } finally {
      await cliDs.destroy();
      await dropDatabase(cliUrl);
    }
  });
});

describe('gateway keys across the migration and a KEK rotation', () => {
  let url: string;
  let ds: DataSource;

  beforeAll(async () => {
    url = await cloneTestDatabase();
    ds = await createDataSource(url, { poolSize: 2, applicationName: 'faro-gateway-key-spec' }).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    if (url) await dropDatabase(url);
  });

  const migration = new GatewayKeyRotation1764600000000();
  const migrate = async (direction: 'up' | 'down') => {
    const q = ds.createQueryRunner();
    try {
      await q.startTransaction();
      await migration[direction](q);
      await q.commitTransaction();
    } catch (e) {
      await q.rollbackTransaction();
      throw e;
    } finally {
      await q.release();
    }
  };

  it('keeps the keys of a database made before the migration, rewraps them, and goes back down to one key per gateway', async () => {
    const kekA = randomBytes(32).toString('base64');
    const kekB = randomBytes(32).toString('base64');
    const keyringA = keyEncryptionFromConfig({ FARO_KEK: kekA });

    // The schema and the rows as the worker wrote them before gateway keys rotated.
    await migrate('down');
    const routes: Array<{ gateway_id: string; kind: string }> = await ds.query(`SELECT DISTINCT gateway_id, kind FROM cells ORDER BY gateway_id`);
    const legacy = new Map<string, GatewayKeyPair>();
    for (const r of routes) {
      const pair = await generateGatewayKeyPair();
      legacy.set(r.gateway_id, pair);
      await ds.query(`INSERT INTO gateways (id, kind, public_key, profile, created_at) VALUES ($1, $2, $3, '{}', now() - interval '10 days')`, [r.gateway_id, r.kind, Buffer.from(pair.publicKey)]);
      await ds.query(`INSERT INTO simulator_gateway_keys (gateway_id, private_key_wrapped) VALUES ($1, $2)`, [
        r.gateway_id,
        JSON.stringify(await keyringA.wrap(pair.privateKey, `gateway-key:${r.gateway_id}`)),
      ]);
    }

    await migrate('up');
    // PostgreSQL's sha256() names each existing key as gatewayKeyId does; the key keeps its age.
    const migrated: any[] = await ds.query(`SELECT k.gateway_id, k.key_id, k.status, k.created_at = g.created_at AS same_age FROM gateway_keys k JOIN gateways g ON g.id = k.gateway_id ORDER BY 1`);
    expect(migrated).toEqual(routes.map((r) => ({ gateway_id: r.gateway_id, key_id: legacy.get(r.gateway_id)!.kid, status: 'active', same_age: true })));
    expect(await ensureSimulatedGateways(ds, keyringA)).toHaveLength(routes.length);
    const count: any[] = await ds.query(`SELECT count(*)::int AS n FROM gateway_keys`);
    expect(count[0].n).toBe(routes.length);
    const [rotatedGateway, keptGateway] = routes.map((r) => r.gateway_id);
    const keysA = new SqlSimulatorGatewayKeys(ds, keyringA);
    expect(await keysA.privateKeyFor(keptGateway, legacy.get(keptGateway)!.kid)).toEqual(legacy.get(keptGateway)!.privateKey);
    const sealed = await new SqlGatewaySealer(ds).seal(keptGateway, new Uint8Array([1]), new Uint8Array([2]));
    expect(sealed.kid).toBe(legacy.get(keptGateway)!.kid);

    // One gateway rotates: its legacy key is now previous, beside a key bound to the new context.
    const rotation = await rotateGatewayKey(ds, keyringA, rotatedGateway, 'spec');

    // The rewrap covers the legacy rows and the new one, each under the context it was wrapped for.
    const keyringB = keyEncryptionFromConfig({ FARO_KEK: kekB, FARO_KEK_PREVIOUS: kekA });
    const rewrap = await rewrapAllSecrets(ds, keyringB);
    expect(rewrap.rewrapped.gatewayKeys).toBe(routes.length + 1);
    const under: any[] = await ds.query(`SELECT DISTINCT private_key_wrapped->>'kekId' AS k FROM simulator_gateway_keys`);
    expect(under).toEqual([{ k: keyringB.kekId }]);
    expect((await rewrapAllSecrets(ds, keyringB)).rewrapped.gatewayKeys).toBe(0);
    const keysB = new SqlSimulatorGatewayKeys(ds, keyEncryptionFromConfig({ FARO_KEK: kekB }));
    expect(await keysB.privateKeyFor(rotatedGateway, legacy.get(rotatedGateway)!.kid)).toEqual(legacy.get(rotatedGateway)!.privateKey);
    expect(await keysB.privateKeyFor(rotatedGateway, rotation!.kid)).toHaveLength(32);
    expect(await keysB.privateKeyFor(keptGateway, legacy.get(keptGateway)!.kid)).toEqual(legacy.get(keptGateway)!.privateKey);

    // Down: a gateway still on its legacy key keeps it; the rotated one is dropped, for the old
    // worker to register afresh, since its active key is bound to a context the old code lacks.
    await migrate('down');
    const gateways: any[] = await ds.query(`SELECT id, public_key FROM gateways ORDER BY id`);
    expect(gateways.map((g) => g.id)).toEqual(routes.map((r) => r.gateway_id).filter((id) => id !== rotatedGateway));
    expect(new Uint8Array(gateways.find((g) => g.id === keptGateway).public_key)).toEqual(legacy.get(keptGateway)!.publicKey);
    const columns: any[] = await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'simulator_gateway_keys' ORDER BY column_name`);
    expect(columns.map((c) => c.column_name)).toEqual(['gateway_id', 'private_key_wrapped']);
    const [old] = await ds.query(`SELECT private_key_wrapped FROM simulator_gateway_keys WHERE gateway_id = $1`, [keptGateway]);
    expect(await keyringB.unwrap(old.private_key_wrapped, `gateway-key:${keptGateway}`)).toEqual(legacy.get(keptGateway)!.privateKey);
    const tables: any[] = await ds.query(`SELECT to_regclass('gateway_keys') AS t`);
    expect(tables[0].t).toBeNull();

    // And up again, as the next deploy would.
    await migrate('up');
    const again: any[] = await ds.query(`SELECT gateway_id, key_id FROM gateway_keys WHERE gateway_id = $1`, [keptGateway]);
    expect(again).toEqual([{ gateway_id: keptGateway, key_id: legacy.get(keptGateway)!.kid }]);
  });
});
