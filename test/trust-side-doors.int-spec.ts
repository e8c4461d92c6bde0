import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { webhookSignature } from '@faro/sensors';
import { bearerFor, callApi, createUser, nextTotpCode, sessionFor, type Bearer } from './auth-client';
import { printed, runFaro } from './faro-cli';
import { cataniaFlood } from './fixtures/catania-flood';
import { waitUntil, type Platform } from './platform';
import { sharedPlatform } from './shared-platform';
import { grantToken, type TestUser } from './principals';

jest.setTimeout(300_000);


// What a first real user found (issue 8, points 1 to 4): each rule tried through its side door.
describe('trust side doors: token scopes, four eyes on Updates, auditors, sensor retries', () => {
  let platform: Platform;
  let db: Client;
  let operator: TestUser;
  let approver: TestUser;
  let admin: Bearer;

  beforeAll(async () => {
    platform = await sharedPlatform();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
    admin = await bearerFor(platform, await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true }));
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const faro = (...args: string[]) => runFaro(args, { DATABASE_URL: platform.databaseUrl, FARO_KEK: process.env.FARO_KEK });
  const as = (headers: Record<string, string>) => ({ headers });

  // Actual, so the four-eyes and audit rules meet what goes on air for real.
  const incident = (over: Record<string, unknown> = {}) => cataniaFlood({ status: 'Actual', languages: [{ language: 'it-IT', text: 'Rischio alluvione: allontanarsi dai corsi d acqua.' }], ...over });
  const draft = async (by: { headers: Record<string, string> } = operator, over: Record<string, unknown> = {}) => {
    const r = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: by.headers, body: incident(over) });
    expect(r.status).toBe(201);
    return r.body.alertId as string;
  };
  const release = (id: string, headers: Record<string, string>) => callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/release`, { headers });
  const auditOf = async (action: string, subjectId: string) =>
    (await db.query(`SELECT actor, details FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY id`, [action, subjectId])).rows;
  const active = (id: string) =>
    waitUntil(`alert ${id} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state === 'active', 120_000, platform.logs);

  describe('1. an API token does not skip the second factor', () => {
    it('refuses release with a CLI token of an approver who never enrolled TOTP, and audits the refusal', async () => {
      const noTotp = await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19' });
      const made = await faro('tokens:create', '--email', noTotp.email, '--name', 'script');
      expect(made.code).toBe(0);
      expect(made.stdout).toContain('scopes read,write');
      const headers = { authorization: `Bearer ${printed(made.stdout, 'token')}` };
      const id = await draft();
      const r = await release(id, headers);
      expect([r.status, r.body.code]).toEqual([403, 'auth/scope']);
      expect((await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0].state).toBe('draft');
      const [refusal] = (await db.query(`SELECT details FROM audit_log WHERE action = 'auth.refused' AND actor = $1 ORDER BY id DESC LIMIT 1`, [`user:${noTotp.id}`])).rows;
      expect(refusal.details).toMatchObject({ reason: 'token-scope', requiredScope: 'release', tokenSecondFactor: 'none' });
    });

    it('refuses to make a release token on the CLI without a current TOTP code, and makes one with it', async () => {
      const noTotp = await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19' });
      const refused = await faro('tokens:create', '--email', noTotp.email, '--name', 'script', '--scopes', 'read,release');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('proven second factor');
      const withTotp = await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19', withTotp: true });
      const wrongCode = await faro('tokens:create', '--email', withTotp.email, '--name', 'script', '--scopes', 'read,release', '--totp', '000000');
      expect(wrongCode.code).toBe(1);
      const made = await faro('tokens:create', '--email', withTotp.email, '--name', 'script', '--scopes', 'read,release', '--totp', await nextTotpCode(platform, withTotp));
      expect(made.code).toBe(0);
      const id = await draft();
      const r = await release(id, { authorization: `Bearer ${printed(made.stdout, 'token')}` });
      expect([r.status, r.body.state]).toEqual([200, 'approved']);
    });

    it('gives a session without TOTP no privileged token, and a TOTP session one whose release is audited with its token id', async () => {
      const op = await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R19' });
      const opSession = await sessionFor(platform, op);
      const refused = await opSession.call('POST', '/api/v1/tokens', { name: 'ci', scopes: ['read', 'release'] });
      expect([refused.status, refused.body.code]).toEqual([403, 'auth/second-factor-required']);

      const person = await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19', withTotp: true });
      const session = await sessionFor(platform, person);
      const plain = await session.call('POST', '/api/v1/tokens', { name: 'reader' });
      expect([plain.status, plain.body.scopes]).toEqual([201, ['read', 'write']]);
      const made = await session.call('POST', '/api/v1/tokens', { name: 'desk', scopes: ['read', 'release'], expiresInDays: 7 });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ scopes: ['read', 'release'], secondFactor: 'totp' });
      expect(Date.parse(made.body.expiresAt) - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);

      const byPlain = await release(await draft(), { authorization: `Bearer ${plain.body.token}` });
      expect([byPlain.status, byPlain.body.code]).toEqual([403, 'auth/scope']);
      const id = await draft();
      expect((await release(id, { authorization: `Bearer ${made.body.token}` })).status).toBe(200);
      const [approved] = await auditOf('alert.approved', id);
      expect(approved.actor).toBe(`user:${person.id}`);
      expect(approved.details.via).toEqual({ method: 'api-token', tokenId: made.body.id, scopes: ['read', 'release'], secondFactor: 'totp' });

      const bySession = await draft();
      expect((await session.call('POST', `/api/v1/alerts/${bySession}/release`)).status).toBe(200);
      const [viaSession] = await auditOf('alert.approved', bySession);
      expect(viaSession.details.via).toEqual({ method: 'session', secondFactor: 'totp' });
    });

    it('stops a release token working once its user no longer has a second factor', async () => {
      const person = await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19', withTotp: true });
      const token = await bearerFor(platform, person);
      await db.query(`UPDATE users SET totp_secret_wrapped = NULL, totp_last_step = NULL WHERE id = $1`, [person.id]);
      const r = await release(await draft(), token.headers);
      expect([r.status, r.body.code]).toEqual([403, 'auth/second-factor-required']);
    });

    it('needs the admin scope for administration by token, not only the admin role', async () => {
      const plainAdmin = await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true });
      const readWrite = await bearerFor(platform, plainAdmin, 'rw', ['read', 'write']);
      const r = await callApi(platform.baseUrl, 'POST', '/api/v1/keys/signing/rotate', { headers: readWrite.headers });
      expect([r.status, r.body.code]).toEqual([403, 'auth/scope']);
    });
  });

  describe('2. four eyes on Updates', () => {
    it('refuses the approver who drafted an Update releasing it, and lets a second approver', async () => {
      const id = await draft();
      expect((await release(id, approver.headers)).status).toBe(200);
      await active(id);
      const author = await grantToken(platform.databaseUrl, ['operator', 'approver'], 'IT-R19');
      const update = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/update`, {
        headers: author.headers,
        body: incident({ severity: 'Extreme', languages: [{ language: 'it-IT', text: 'Esondazione in corso: salire ai piani alti.' }] }),
      });
      expect(update.status).toBe(201);
      const own = await release(update.body.id, author.headers);
      expect([own.status, own.body.code]).toEqual([403, 'alert/own-approval']);
      expect(own.body.detail).toContain('Update');
      expect((await release(update.body.id, approver.headers)).status).toBe(200);
    });

    it('still lets the approver who drafted a Cancel release it at once, audited as single-approver', async () => {
      const id = await draft();
      expect((await release(id, approver.headers)).status).toBe(200);
      await active(id);
      const cancel = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/cancel`, { headers: approver.headers });
      expect(cancel.status).toBe(201);
      expect((await release(cancel.body.id, approver.headers)).status).toBe(200);
      const [approved] = await auditOf('alert.approved', cancel.body.id);
      expect(approved.details).toMatchObject({ singleApprover: true, reason: 'cancel of a live alert' });
    });
  });

  describe('3. auditors can name people, within their territory', () => {
    it('names the drafter as submitter and the approver as approver, with names, roles and territory', async () => {
      const id = await draft();
      expect((await release(id, approver.headers)).status).toBe(200);
      const auditor = await grantToken(platform.databaseUrl, ['auditor'], 'IT-R19');
      const r = await callApi(platform.baseUrl, 'GET', `/api/v1/audit?subjectId=${id}`, as(auditor.headers));
      expect(r.status).toBe(200);
      const byAction = Object.fromEntries(r.body.items.map((e: any) => [e.action, e]));
      expect(byAction['alert.drafted'].actor).toBe(`user:${operator.id}`);
      expect(byAction['alert.pending_approval'].actor).toBe(`user:${operator.id}`);
      expect(byAction['alert.pending_approval'].details.submittedOnReleaseBy).toBe(`user:${approver.id}`);
      expect(byAction['alert.approved'].actor).toBe(`user:${approver.id}`);
      expect(r.body.actors[`user:${operator.id}`]).toEqual({ ref: `user:${operator.id}`, kind: 'user', name: operator.email, roles: ['operator'], jurisdictionId: 'IT-R19' });
      expect(r.body.actors[`user:${approver.id}`]).toMatchObject({ name: approver.email, roles: ['approver'] });
      expect(JSON.stringify(r.body.actors)).not.toMatch(/password|totp|token_hash/);
    });

    it('hides another territory’s entries from a regional auditor and shows them to a national one', async () => {
      const lombardy = await grantToken(platform.databaseUrl, ['operator'], 'IT-R03');
      const milan = await draft(lombardy, { areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '015146' }] });
      const sicilian = await grantToken(platform.databaseUrl, ['auditor'], 'IT-R19');
      const national = await grantToken(platform.databaseUrl, ['auditor'], 'IT');
      const regional = await callApi(platform.baseUrl, 'GET', `/api/v1/audit?subjectId=${milan}`, as(sicilian.headers));
      expect([regional.status, regional.body.items]).toEqual([200, []]);
      const all = await callApi(platform.baseUrl, 'GET', `/api/v1/audit?subjectId=${milan}`, as(national.headers));
      expect(all.body.items.map((e: any) => e.action)).toContain('alert.drafted');
      const page = await callApi(platform.baseUrl, 'GET', '/api/v1/audit?limit=500', as(sicilian.headers));
      expect(page.body.items.some((e: any) => e.subjectId === milan || e.actor === `user:${lombardy.id}`)).toBe(false);
    });
  });

  describe('4. a sensor retrying its incident', () => {
    const createSensor = async () => {
      const r = await callApi(platform.baseUrl, 'POST', '/api/v1/sensors', {
        headers: admin.headers,
        body: { name: `Idrometro ${randomUUID().slice(0, 6)}`, jurisdictionId: 'IT-R19', releasePolicy: 'approve' },
      });
      expect(r.status).toBe(201);
      return { id: r.body.id as string, secret: r.body.secret as string };
    };
    const send = async (sensor: { id: string; secret: string }, body: string, timestamp: number) => {
      const ts = String(timestamp);
      const signature = webhookSignature(Buffer.from(sensor.secret, 'utf8'), ts, Buffer.from(body, 'utf8'));
      const r = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensor.id}/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-faro-timestamp': ts, 'x-faro-signature': signature },
        body,
      });
      return { status: r.status, body: (await r.json()) as any };
    };
    const now = () => Math.floor(Date.now() / 1000);
    const alertsOf = async (sensorId: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM alerts a JOIN incidents i ON i.id = a.incident_id WHERE i.sensor_id = $1`, [sensorId])).rows[0].n;

    it('makes one alert of the same JSON incident re-signed with a fresh timestamp, even re-serialised', async () => {
      const sensor = await createSensor();
      const fields = incident();
      const first = await send(sensor, JSON.stringify(fields), now());
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(fields).reverse()), null, 2);
      const retry = await send(sensor, reordered, now() + 1);
      expect([first.status, retry.status]).toEqual([201, 200]);
      expect(retry.body).toMatchObject({ incidentId: first.body.incidentId, alertId: first.body.alertId, duplicate: true });
      expect(await alertsOf(sensor.id)).toBe(1);
    });

    it('makes one alert per event id, and two of two different incidents', async () => {
      const sensor = await createSensor();
      const first = await send(sensor, JSON.stringify(incident({ identifier: 'IDRO-2026-117' })), now());
      const sameEvent = await send(sensor, JSON.stringify(incident({ identifier: 'IDRO-2026-117', severity: 'Extreme' })), now() + 1);
      expect(sameEvent.body).toMatchObject({ alertId: first.body.alertId, duplicate: true });
      const other = await send(sensor, JSON.stringify(incident({ identifier: 'IDRO-2026-118' })), now() + 2);
      expect([other.status, other.body.duplicate]).toEqual([201, false]);
      expect(await alertsOf(sensor.id)).toBe(2);
    });
  });
});
