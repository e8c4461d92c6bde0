import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { bearerFor, callApi, createUser, type Bearer } from './auth-client';
import type { Platform } from './platform';
import { sharedPlatform } from './shared-platform';
import { releasedAlert } from './released-alert';
import { grantToken, type TestUser } from './principals';

jest.setTimeout(300_000);

const run = promisify(execFile);
const CLI = resolve(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const GROUP = 'soccorso-fvg';
const TEXT_IT = 'Squadre USAR: raccolta al campo sportivo di Gemona, ingresso nord, ore 03:30. Portare generatori.';
const TEXT_NEXT = 'Squadre USAR: il punto di raccolta si sposta a Osoppo, zona industriale. Non diffondere.';

// The handset CLI as a phone maker would run it; resolves to its exit status and output.
async function handset(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

describe('a restricted alert to one group, end to end', () => {
  let platform: Platform;
  let db: Client;
  let admin: Bearer;
  let operator: TestUser;
  let approver: TestUser;
  let dir: string;

  beforeAll(async () => {
    platform = await sharedPlatform();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    admin = await bearerFor(platform, await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT-R06', withTotp: true }));
    operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R06');
    approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R06');
    dir = mkdtempSync(join(tmpdir(), 'faro-handsets-'));
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = admin.headers) => callApi(platform.baseUrl, method, path, { body, headers });

  // A phone makes its key pair; the administrator registers the public half.
  async function phone(id: string): Promise<string> {
    const file = join(dir, `${id}.key.json`);
    const made = await handset(['handset:keygen', '--id', id, '--out', file]);
    expect(made).toMatchObject({ code: 0 });
    const { publicKey } = JSON.parse(readFileSync(file, 'utf8'));
    expect((await api('POST', '/api/v1/handsets', { id, label: `phone ${id}`, publicKey })).status).toBe(201);
    return file;
  }

  async function bundlesOf(id: string): Promise<string> {
    const r = await api('GET', `/api/v1/handsets/${id}/key-bundles`);
    expect(r.status).toBe(200);
    const file = join(dir, `${id}.bundles.${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(r.body.bundles));
    return file;
  }

  const releaseToGroup = (body: Record<string, unknown>) => releasedAlert({ baseUrl: platform.baseUrl, db, logs: platform.logs }, body, { operator, approver });

  // What the uplink put on air for the alert's Italian message, from the simulated gateway's record.
  async function onAir(alertId: string): Promise<{ pages: string[]; b: any }> {
    const r = await api('GET', `/api/v1/alerts/${alertId}/broadcasts`, undefined, operator.headers);
    const b = (r.body.broadcasts as any[]).find((x) => x.language === 'it');
    expect(b.pagesOnAir).toEqual(b.pages);
    return { pages: b.pagesOnAir, b };
  }

  const incident = (text: string, extra: Record<string, unknown> = {}) => ({
    hazard: 'earthquake',
    areas: [{ type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '030', description: 'Provincia di Udine' }],
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Observed',
    status: 'Actual',
    languages: [{ language: 'it-IT', text }],
    expires: new Date(Date.now() + 3 * 3600_000).toISOString(),
    audience: GROUP,
    ...extra,
  });

  it('reaches members only, verifies with a generic Ed25519 verifier, and leaves a removed member out of the next message', async () => {
    expect((await api('POST', '/api/v1/groups', { id: GROUP, name: 'Soccorso, Friuli Venezia Giulia' })).status).toBe(201);
    const member = await phone('usar-ud-01');
    const leaver = await phone('usar-ud-02');
    const outsider = await phone('vvf-ts-09');
    for (const h of ['usar-ud-01', 'usar-ud-02']) expect((await api('POST', `/api/v1/groups/${GROUP}/members`, { handsetId: h })).status).toBe(201);

    const alertId = await releaseToGroup(incident(TEXT_IT));
    const alert = (await api('GET', `/api/v1/alerts/${alertId}`, undefined, operator.headers)).body;
    expect(alert.audience).toBe(GROUP);
    expect(alert.cellBroadcast.messageIdentifier).toBe(4000);
    const { pages, b } = await onAir(alertId);
    expect(b).toMatchObject({ dataCodingScheme: 0x44, audience: GROUP, groupKeyId: expect.any(Number) });
    // Nothing of the text is on air in clear.
    expect(Buffer.from(pages.join(''), 'hex').toString('latin1')).not.toContain('Gemona');

    const jwksFile = join(dir, 'jwks.json');
    const jwks = (await api('GET', '/.well-known/faro/keys')).body;
    writeFileSync(jwksFile, JSON.stringify(jwks));

    // A generic Ed25519 verifier (WebCrypto) over the documented signed payload.
    const raw = pages.map((h) => Buffer.from(h, 'hex'));
    const fs1 = raw.at(-1)!.subarray(6);
    const keyId = fs1.readUInt32BE(3);
    const jwk = jwks.keys.find((k: any) => k.kid === keyId.toString(16).padStart(8, '0'));
    const publicKey = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'Ed25519', false, ['verify']);
    const payload = Buffer.concat([raw[0].subarray(2, 4), raw[0].subarray(0, 2), raw[0].subarray(4, 5), fs1.subarray(7, 11), fs1.subarray(3, 7), ...raw.slice(0, -1).map((p) => p.subarray(6))]);
    expect(await crypto.subtle.verify('Ed25519', publicKey, fs1.subarray(11, 75), payload)).toBe(true);
    const tampered = Buffer.from(payload);
    tampered[payload.length - 1] ^= 0x01;
    expect(await crypto.subtle.verify('Ed25519', publicKey, fs1.subarray(11, 75), tampered)).toBe(false);

    // The member's bundle opens it in the handset CLI; the outsider has no bundle and cannot.
    const memberBundles = await bundlesOf('usar-ud-01');
    const verify = (key: string, bundles: string, p = pages) => handset(['handset:verify', '--pages', p.join(','), '--jwks', jwksFile, '--handset-key', key, '--bundles', bundles]);
    const read = await verify(member, memberBundles);
    expect(read.code).toBe(0);
    expect(read.stdout).toContain(TEXT_IT);
    expect(read.stdout).toContain(`group key ${b.groupKeyId}`);
    const outsiderRun = await verify(outsider, await bundlesOf('vvf-ts-09'));
    expect(outsiderRun.code).toBe(1);
    expect(outsiderRun.stderr).toContain('refused (not-a-member)');
    expect(outsiderRun.stdout).not.toContain('Gemona');
    // Nor can the outsider use the member's bundle: it is sealed to the member's key.
    const stolen = await verify(outsider, memberBundles);
    expect(stolen.code).toBe(1);
    expect(stolen.stderr).toMatch(/sealed to handset usar-ud-01|does not open/);

    // Removing a member rotates the group key; the next message is sealed under the new one.
    const leaverOldBundles = await bundlesOf('usar-ud-02');
    const removed = await api('DELETE', `/api/v1/groups/${GROUP}/members/usar-ud-02`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ groupId: GROUP, previousKeyId: b.groupKeyId, bundles: 1 });
    const update = await releaseToGroup(incident(TEXT_NEXT, { msgType: 'Update', references: alertId, audience: undefined }));
    const next = await onAir(update);
    expect(next.b.groupKeyId).toBe(removed.body.keyId);
    const leaverRun = await verify(leaver, leaverOldBundles, next.pages);
    expect(leaverRun.code).toBe(1);
    expect(leaverRun.stderr).toContain('refused (not-a-member)');
    // A removed handset gets no bundle of the new key even if it asks.
    expect(JSON.parse(readFileSync(await bundlesOf('usar-ud-02'), 'utf8'))).toEqual([]);
    const memberNext = await verify(member, await bundlesOf('usar-ud-01'), next.pages);
    expect(memberNext.code).toBe(0);
    expect(memberNext.stdout).toContain(TEXT_NEXT);
    // The rotated-out key no longer reads what follows.
    const stale = await verify(member, memberBundles, next.pages);
    expect(stale.stderr).toContain('refused (not-a-member)');

    const { rows: audit } = await db.query(`SELECT action, details FROM audit_log WHERE subject_type = 'group' AND subject_id = $1 ORDER BY id`, [GROUP]);
    expect(audit.map((r) => r.action)).toEqual([
      'group.created', 'group.key-rotated', 'group.member-added', 'group.member-added', 'group.member-removed', 'group.key-rotated',
    ]);
    expect(audit.at(-1).details).toMatchObject({ reason: 'member removed: usar-ud-02', members: ['usar-ud-01'], previousKeyId: b.groupKeyId });
    // Group keys are stored wrapped under the KEK only.
    const { rows: keys } = await db.query(`SELECT key_wrapped FROM group_keys WHERE group_id = $1`, [GROUP]);
    for (const k of keys) expect(Object.keys(k.key_wrapped).sort()).toEqual(expect.arrayContaining(['kekId']));
    void outsider;
  });

  it('refuses an audience that does not exist or lies outside the drafter, and an Update that changes the audience', async () => {
    const unknown = await api('POST', '/api/v1/incidents', incident('Prova.', { audience: 'nessuno' }), operator.headers);
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ code: 'alert/unknown-audience', pointer: '/audience' });

    const national = await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true });
    const nationalAdmin = await bearerFor(platform, national);
    expect((await api('POST', '/api/v1/groups', { id: 'difesa-nazionale', name: 'Difesa', jurisdictionId: 'IT' }, nationalAdmin.headers)).status).toBe(201);
    const outside = await api('POST', '/api/v1/incidents', incident('Prova.', { audience: 'difesa-nazionale' }), operator.headers);
    expect(outside.status).toBe(403);
    // The regional admin cannot manage the national group either.
    expect((await api('POST', '/api/v1/groups/difesa-nazionale/key/rotate', {})).status).toBe(403);

    const publicAlert = await api('POST', '/api/v1/incidents', incident('Scossa avvertita, nessun danno.', { audience: 'public' }), operator.headers);
    expect(publicAlert.status).toBe(201);
    const widened = await api('POST', '/api/v1/incidents', incident('Solo squadre.', { msgType: 'Update', references: publicAlert.body.alertId }), operator.headers);
    expect(widened.status).toBe(409);
    expect(widened.body.detail).toContain('cannot change the audience public to soccorso-fvg');
  });
  it('answers bad handset and group requests with problem+json and changes nothing', async () => {
    const problem = async (method: string, path: string, body: unknown, status: number, code: string, headers = admin.headers) => {
      const r = await api(method, path, body, headers);
      expect([r.status, r.headers.get('content-type')]).toEqual([status, expect.stringContaining('application/problem+json')]);
      expect(r.body.code).toBe(code);
      return r.body;
    };
    const before = (await db.query(`SELECT (SELECT count(*) FROM handsets) AS h, (SELECT count(*) FROM group_keys) AS k, (SELECT count(*) FROM audit_log WHERE subject_type IN ('group', 'handset')) AS a`)).rows[0];
    expect((await problem('POST', '/api/v1/handsets', { id: 'x-1', label: 'x', publicKey: 'AAAA' }, 422, 'audience/invalid-input')).pointer).toBe('/publicKey');
    expect((await problem('POST', '/api/v1/handsets', { id: 'x-1', label: 'x', publicKey: 'A'.repeat(43), colour: 'red' }, 422, 'audience/invalid-input')).pointer).toBe('/colour');
    await problem('POST', '/api/v1/handsets', { id: 'x-1', label: 'x', publicKey: 'A'.repeat(43), jurisdictionId: 'IT-R03' }, 403, 'audience/forbidden');
    await problem('POST', '/api/v1/groups', { id: 'Not An Id', name: 'x' }, 422, 'audience/invalid-input');
    await problem('POST', `/api/v1/groups/${GROUP}/members`, { handsetId: 'nobody' }, 404, 'audience/unknown-handset');
    await problem('POST', '/api/v1/groups/nobody/key/rotate', {}, 404, 'audience/unknown-group');
    await problem('POST', '/api/v1/groups', { id: GROUP, name: 'again' }, 409, 'audience/conflict');
    await problem('POST', '/api/v1/groups', { id: 'altro', name: 'x' }, 403, 'auth/forbidden', operator.headers);
    const after = (await db.query(`SELECT (SELECT count(*) FROM handsets) AS h, (SELECT count(*) FROM group_keys) AS k, (SELECT count(*) FROM audit_log WHERE subject_type IN ('group', 'handset')) AS a`)).rows[0];
    expect(after).toEqual(before);
  });
});
