import { execFile } from 'node:child_process';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { keyEncryptionFromConfig, type KeyEncryptionPort } from '@faro/broadcast-security';
import { PLATFORM_KEY_ACTOR, RewrapSecrets } from '@faro/keys';
import { createDataSource, SqlKeyStore } from '@faro/persistence';
import type { DataSource } from 'typeorm';
import { bearerFor, callApi, createUser, type Bearer } from './auth-client';
import { capDateTime } from '@faro/cap';
import { capAlert } from './fixtures/catania-earthquake';
import { cloneTestDatabase, dropDatabase, startPlatform, type Platform } from './platform';
import { releasedAlert } from './released-alert';
import { grantToken, type TestUser } from './principals';

// Runs once, not per queue backend, on the Redis pass when there is one (scripts/test.sh): its
// alerts are queued, but what it tests is which key signs and wraps what; the queue backends are
// compared by the specs of the pipeline.

jest.setTimeout(300_000);

const run = promisify(execFile);
const CLI = resolve(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

// The rewrap (libs/keys) over the SQL adapter, as `faro keys:rewrap` runs it.
const rewrapAllSecrets = (ds: DataSource, kek: KeyEncryptionPort) => new RewrapSecrets(new SqlKeyStore(ds), kek).run(PLATFORM_KEY_ACTOR);

const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

// The Catania alert as CAP 1.2, under an identifier of its own.
const catania = () => {
  const sent = new Date(Date.now() - 1000);
  return capAlert({ identifier: `INGV-KR-${sent.getTime()}-${randomBytes(3).toString('hex')}`, sent: capDateTime(sent), expires: capDateTime(new Date(Date.now() + 3 * 3600_000)) });
};

describe('signing key rotation', () => {
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

  const jwks = async () => (await callApi(platform.baseUrl, 'GET', '/.well-known/faro/keys')).body.keys as Array<Record<string, string>>;
  const rotate = (headers: Record<string, string>, body?: unknown) => callApi(platform.baseUrl, 'POST', '/api/v1/keys/signing/rotate', { headers, body });
  const broadcasts = async (alertId: string) => (await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${alertId}/broadcasts`, { headers: operator.headers })).body.broadcasts as any[];

  it('signs with the new key at once, keeps the old one in the JWKS until the next rotation, and audits both', async () => {
    const before = await jwks();
    expect(before).toHaveLength(1);
    const original = before[0].kid;
    const earlier = await releasedAlert({ baseUrl: platform.baseUrl, db, logs: platform.logs }, catania(), { operator, approver });
    expect((await broadcasts(earlier))[0].keyId).toBe(original);

    const first = await rotate(admin.headers, { reason: 'drill' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ kid: expect.stringMatching(/^[0-9a-f]{8}$/), previousKid: original, retiredKid: null });
    const after = await jwks();
    expect(after.map((k) => k.kid)).toEqual([first.body.kid, original]);

    const later = await releasedAlert({ baseUrl: platform.baseUrl, db, logs: platform.logs }, catania(), { operator, approver });
    const { rows: used } = await db.query(`SELECT DISTINCT key_id FROM messages WHERE alert_id = $1`, [later]);
    expect(used.map((r) => Number(r.key_id).toString(16).padStart(8, '0'))).toEqual([first.body.kid]);

    // A broadcast signed before the rotation still verifies against the published previous key.
    // Its signature is in its FS2 companion: key id at 5, issue time at 9, signature at 13..77.
    const earlierBroadcasts = await broadcasts(earlier);
    const old = earlierBroadcasts.find((b) => b.kind === 'alert');
    const companion = earlierBroadcasts.find((b) => b.kind === 'companion' && b.signsMessageIdentifier === old.messageIdentifier);
    const pages = (old.pages as string[]).map((h) => Buffer.from(h, 'hex'));
    const sig = Buffer.from(companion.pages[0], 'hex').subarray(6);
    const signed = Buffer.concat([u16(old.messageIdentifier), u16(old.serialNumber), Buffer.from([old.dataCodingScheme]), sig.subarray(9, 13), sig.subarray(5, 9), ...pages.map((p) => p.subarray(6))]);
    const previousJwk = after.find((k) => k.kid === original);
    expect(verify(null, signed, createPublicKey({ key: previousJwk as any, format: 'jwk' }), sig.subarray(13, 77))).toBe(true);

    const second = await rotate(admin.headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ kid: expect.any(String), previousKid: first.body.kid, retiredKid: original });
    expect((await jwks()).map((k) => k.kid)).toEqual([second.body.kid, first.body.kid]);
    const { rows: retired } = await db.query(`SELECT status, retired_at FROM signing_keys WHERE key_id = $1`, [parseInt(original, 16)]);
    expect(retired[0]).toMatchObject({ status: 'retired', retired_at: expect.any(Date) });

    const { rows: audit } = await db.query(`SELECT actor, subject_id, details FROM audit_log WHERE action = 'key.signing-rotated' ORDER BY id`);
    expect(audit).toEqual([
      { actor: `user:${adminId}`, subject_id: first.body.kid, details: expect.objectContaining({ kid: first.body.kid, previousKid: original, retiredKid: null, reason: 'drill' }) },
      { actor: `user:${adminId}`, subject_id: second.body.kid, details: expect.objectContaining({ previousKid: first.body.kid, retiredKid: original, reason: 'on demand' }) },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/ciphertext|privateKey/);
  });

  it('lets only an admin rotate the signing key', async () => {
    const r = await rotate(operator.headers);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('auth/forbidden');
  });

  it('refuses a rotation request with a field it does not know', async () => {
    const r = await rotate(admin.headers, { kid: '00000001' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('http/bad-request');
  });
});

describe('KEK rotation', () => {
  const kekA = randomBytes(32).toString('base64');
  const kekB = randomBytes(32).toString('base64');
  let url: string;
  let db: Client;

  beforeAll(async () => {
    url = await cloneTestDatabase();
    db = new Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    if (url) await dropDatabase(url);
  });

  const kekIds = async () =>
    (
      await db.query(
        `SELECT private_key_wrapped->>'kekId' AS k FROM signing_keys UNION ALL SELECT private_key_wrapped->>'kekId' FROM simulator_gateway_keys
         UNION ALL SELECT secret_wrapped->>'kekId' FROM sensor_secrets UNION ALL SELECT key_wrapped->>'kekId' FROM group_keys`,
      )
    ).rows.map((r) => r.k as string);

  it('rewraps every stored secret under the new KEK, after which the platform runs with the new KEK alone', async () => {
    // Under KEK A: the signing key (api), the simulator's gateway keys (worker), a sensor secret, a group key.
    const first = await startPlatform({ FARO_KEK: kekA, DATABASE_URL: url });
    try {
      const admin = await bearerFor(url, await createUser(url, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true, kek: kekA }));
      const sensor = await callApi(first.baseUrl, 'POST', '/api/v1/sensors', { headers: admin.headers, body: { name: 'INGV Etna', jurisdictionId: 'IT-R19', releasePolicy: 'approve' } });
      expect(sensor.status).toBe(201);
      const group = await callApi(first.baseUrl, 'POST', '/api/v1/groups', { headers: admin.headers, body: { id: 'vvf-sicilia', name: 'VVF Sicilia', jurisdictionId: 'IT-R19' } });
      expect(group.status).toBe(201);
    } finally {
      await first.stop();
    }
    const idA = keyEncryptionFromConfig({ FARO_KEK: kekA }).kekId;
    const stored = await kekIds();
    expect(new Set(stored)).toEqual(new Set([idA]));
    const { rows: gateways } = await db.query(`SELECT count(*)::int AS n FROM simulator_gateway_keys`);
    expect(gateways[0].n).toBeGreaterThan(0);

    const keyring = keyEncryptionFromConfig({ FARO_KEK: kekB, FARO_KEK_PREVIOUS: kekA });
    const ds = await createDataSource(url, { poolSize: 2, applicationName: 'faro-key-rotation-spec' }).initialize();
    try {
      const result = await rewrapAllSecrets(ds, keyring);
      expect(result).toEqual({ kekId: keyring.kekId, rewrapped: { signingKeys: 1, gatewayKeys: gateways[0].n, sensorSecrets: 1, totpSecrets: 1, groupKeys: 1, vapidKeys: 0 } });
      expect(new Set(await kekIds())).toEqual(new Set([keyring.kekId]));
      expect((await rewrapAllSecrets(ds, keyring)).rewrapped).toEqual({ signingKeys: 0, gatewayKeys: 0, sensorSecrets: 0, totpSecrets: 0, groupKeys: 0, vapidKeys: 0 });
    } finally {
      await ds.destroy();
    }
    const { rows: audit } = await db.query(`SELECT details FROM audit_log WHERE action = 'key.kek-rewrapped' ORDER BY id`);
    expect(audit[0].details).toEqual({ kekId: keyring.kekId, fromKekIds: [idA], rewrapped: { signingKeys: 1, gatewayKeys: gateways[0].n, sensorSecrets: 1, totpSecrets: 1, groupKeys: 1, vapidKeys: 0 } });
    expect(JSON.stringify(audit)).not.toContain(kekA);

    // The CLI runs the same rewrap; nothing is left to do.
    const cli = await run(process.execPath, [CLI, 'keys:rewrap'], { env: { PATH: process.env.PATH, DATABASE_URL: url, FARO_KEK: kekB, LOG_LEVEL: 'warn' } });
    expect(cli.stdout).toContain(`rewrapped 0 secret(s) under KEK ${keyring.kekId}`);

    const second = await startPlatform({ FARO_KEK: kekB, DATABASE_URL: url });
    try {
      const operator = await grantToken(url, ['operator']);
      const approver = await grantToken(url, ['approver']);
      await releasedAlert({ baseUrl: second.baseUrl, db, logs: second.logs }, catania(), { operator, approver });
    } finally {
      await second.stop();
    }
  });
});
