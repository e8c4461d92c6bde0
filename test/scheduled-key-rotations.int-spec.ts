import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { generateHandsetKeyPair, keyEncryptionFromConfig, toBase64Url } from '@faro/broadcast-security';
import { createDataSource, ensureSimulatedGateways } from '@faro/persistence';
import { bearerFor, callApi, createUser, type Bearer } from './auth-client';
import { startPlatform, waitUntil, type Platform } from './platform';

jest.setTimeout(300_000);

// The worker's start-up check rotates every key older than its kind's maximum age: signing keys,
// gateway keys and group keys. One platform serves the three cases: each ages keys of its own
// kind before the one worker start, and each checks that only what it aged was rotated.
describe('scheduled key rotation at worker start', () => {
  const kek = randomBytes(32).toString('base64');
  let platform: Platform;
  let db: Client;
  let ds: DataSource;
  let admin: Bearer;
  let agedSigningKid: string;
  let oldGateway: string;
  let agedGatewayKid: string;
  let agedGroupKeyId: number;

  const call = (method: string, path: string, body?: unknown) => callApi(platform.baseUrl, method, path, { body, headers: admin.headers });

  beforeAll(async () => {
    platform = await startPlatform(
      { FARO_KEK: kek, SIGNING_KEY_MAX_AGE_DAYS: '30', GATEWAY_KEY_MAX_AGE_DAYS: '90', GROUP_KEY_MAX_AGE_DAYS: '30' },
      { worker: false },
    );
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    ds = await createDataSource(platform.databaseUrl, { poolSize: 2, applicationName: 'faro-scheduled-rotation-spec' }).initialize();
    admin = await bearerFor(platform, await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true, kek }));

    // Signing: the active key is 31 days old.
    const { rows: signing } = await db.query(`UPDATE signing_keys SET created_at = now() - interval '31 days' WHERE status = 'active' RETURNING key_id`);
    agedSigningKid = Number(signing[0].key_id).toString(16).padStart(8, '0');

    // Gateways: made now (the worker would make them at start) so that one is over the age and
    // one just under it.
    const gateways = await ensureSimulatedGateways(ds, keyEncryptionFromConfig({ FARO_KEK: kek }));
    const [old, young] = gateways.map((g) => g.id);
    oldGateway = old;
    const { rows: aged } = await db.query(
      `UPDATE gateway_keys SET created_at = now() - interval '91 days' WHERE gateway_id = $1 AND status = 'active' RETURNING key_id`,
      [old],
    );
    agedGatewayKid = aged[0].key_id;
    await db.query(`UPDATE gateway_keys SET created_at = now() - interval '89 days' WHERE gateway_id = $1 AND status = 'active'`, [young]);

    // Groups: one aged with a member, one young.
    expect((await call('POST', '/api/v1/groups', { id: 'marina-tirreno', name: 'Unità navali, Tirreno' })).status).toBe(201);
    expect((await call('POST', '/api/v1/groups', { id: 'prefetture', name: 'Prefetture' })).status).toBe(201);
    expect((await call('POST', '/api/v1/handsets', { id: 'nave-01', label: 'Nave 01', publicKey: toBase64Url((await generateHandsetKeyPair()).publicKey) })).status).toBe(201);
    expect((await call('POST', '/api/v1/groups/marina-tirreno/members', { handsetId: 'nave-01' })).status).toBe(201);
    const { rows: group } = await db.query(
      `UPDATE group_keys SET created_at = now() - interval '31 days' WHERE group_id = 'marina-tirreno' AND status = 'active' RETURNING key_id`,
    );
    agedGroupKeyId = Number(group[0].key_id);

    await platform.startWorker();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.end();
    await platform?.stop();
  });

  it('rotates a signing key older than SIGNING_KEY_MAX_AGE_DAYS', async () => {
    const rotated = await waitUntil('scheduled signing key rotation', async () => {
      const { rows } = await db.query(`SELECT actor, details FROM audit_log WHERE action = 'key.signing-rotated'`);
      return rows[0];
    }, 30_000, platform.logs);
    expect(rotated).toEqual({
      actor: 'system:keys',
      details: expect.objectContaining({ previousKid: agedSigningKid, reason: 'scheduled: active key older than 30 days' }),
    });
    const { rows: statuses } = await db.query(`SELECT status FROM signing_keys ORDER BY created_at`);
    expect(statuses.map((r) => r.status)).toEqual(['previous', 'active']);
  });

  it('rotates the gateways whose active key is older than GATEWAY_KEY_MAX_AGE_DAYS, and only those', async () => {
    const rotatedEntry = await waitUntil('scheduled gateway key rotation', async () => {
      const { rows } = await db.query(`SELECT actor, details FROM audit_log WHERE action = 'key.gateway-rotated'`);
      return rows[0];
    }, 30_000, platform.logs);
    expect(rotatedEntry).toEqual({
      actor: 'system:keys',
      details: expect.objectContaining({ gatewayId: oldGateway, previousKid: agedGatewayKid, retiredKid: null, reason: 'scheduled: active key older than 90 days' }),
    });
    await waitUntil(
      'rotation logged',
      async () => platform.logs().includes(`gateway keys rotated: gateway ${oldGateway}: ${rotatedEntry.details.kid} active, ${agedGatewayKid} previous`),
      10_000,
      platform.logs,
    );
    const { rows: entries } = await db.query(`SELECT details->>'gatewayId' AS g FROM audit_log WHERE action = 'key.gateway-rotated'`);
    expect(entries).toEqual([{ g: oldGateway }]);
    const { rows: statuses } = await db.query(`SELECT status FROM gateway_keys WHERE gateway_id = $1 ORDER BY created_at`, [oldGateway]);
    expect(statuses.map((r) => r.status)).toEqual(['previous', 'active']);
  });

  it('rotates a group key older than GROUP_KEY_MAX_AGE_DAYS, with bundles to the members, and only that group', async () => {
    const rotated = await waitUntil('scheduled group key rotation', async () => {
      const { rows } = await db.query(`SELECT actor, subject_id, details FROM audit_log WHERE action = 'group.key-rotated' AND details->>'reason' LIKE 'scheduled%'`);
      return rows.length > 0 ? rows : undefined;
    }, 30_000, platform.logs);
    expect(rotated).toEqual([
      { actor: 'system:keys', subject_id: 'marina-tirreno', details: expect.objectContaining({ previousKeyId: agedGroupKeyId, reason: 'scheduled: active key older than 30 days', members: ['nave-01'] }) },
    ]);
    const bundles = (await call('GET', '/api/v1/handsets/nave-01/key-bundles')).body.bundles;
    expect(bundles.map((b: any) => b.keyId)).toEqual([rotated[0].details.keyId]);
  });

  it('writes no key material to the logs', () => {
    const logs = platform.logs();
    expect(logs).not.toContain(kek);
    expect(logs).not.toMatch(/"ciphertext"|private_key_wrapped/);
  });
});
