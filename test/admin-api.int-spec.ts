import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { auditSealed } from './audit-sealed';
import { callApi } from './auth-client';
import { cataniaFlood } from './fixtures/catania-flood';
import { grantToken, type TestUser } from './principals';
import { sharedPlatform } from './shared-platform';
import type { Platform } from './platform';

// Runs once, not per queue backend: nothing here is released, so nothing is fanned out or queued
// (scripts/test.sh).

// What the console's audit and admin pages read and do, through the API: the audit trail's
// filters and its territory (tried through side doors), the TOTP reset, and every admin route
// refused to people without the admin role.

jest.setTimeout(120_000);

const milanArea = [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '015146' }];

describe('the audit and admin API the console uses', () => {
  let platform: Platform;
  let db: Client;
  let admin: TestUser;
  let sicilianAuditor: TestUser;
  let nationalAuditor: TestUser;

  beforeAll(async () => {
    platform = await sharedPlatform();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    admin = await grantToken(platform.databaseUrl, ['admin'], 'IT');
    sicilianAuditor = await grantToken(platform.databaseUrl, ['auditor'], 'IT-R19');
    nationalAuditor = await grantToken(platform.databaseUrl, ['auditor'], 'IT');
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const get = (who: TestUser, path: string) => callApi(platform.baseUrl, 'GET', path, { headers: who.headers });
  const draft = async (by: TestUser, over: Record<string, unknown> = {}) => {
    const r = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: by.headers, body: cataniaFlood(over) });
    expect(r.status).toBe(201);
    return r.body.alertId as string;
  };

  describe('the audit trail is scoped to the auditor’s territory, side doors included', () => {
    let milan: string;
    let drafted: number;
    let mover: TestUser;

    beforeAll(async () => {
      // A Lombard operator drafts in Milan, then moves to Sicily: their past entries about
      // Lombardy's alert stay Lombardy's.
      mover = await grantToken(platform.databaseUrl, ['operator'], 'IT-R03');
      milan = await draft(mover, { areas: milanArea });
      const moved = await callApi(platform.baseUrl, 'PATCH', `/api/v1/users/${mover.id}`, { headers: admin.headers, body: { jurisdictionId: 'IT-R19' } });
      expect([moved.status, moved.body.user?.jurisdictionId]).toEqual([200, 'IT-R19']);
      await auditSealed(db);
      const { rows } = await db.query(`SELECT seq FROM audit_log WHERE subject_id = $1 AND action = 'alert.drafted'`, [milan]);
      drafted = Number(rows[0].seq);
    });

    it('gives a regional auditor nothing of another region’s alert, asked for by subject, by actor or by action', async () => {
      for (const query of [`subjectId=${milan}`, `actor=user:${mover.id}`, `subjectId=${milan}&action=alert.drafted`, `subjectType=alert&actor=user:${mover.id}&limit=500`]) {
        const r = await get(sicilianAuditor, `/api/v1/audit?${query}`);
        expect([query, r.status, r.body.items.filter((e: any) => e.subjectId === milan)]).toEqual([query, 200, []]);
      }
      // The user's own change (subject: a Sicilian user now) is the Sicilian auditor's to see.
      const own = await get(sicilianAuditor, `/api/v1/audit?subjectId=${mover.id}&action=user.changed`);
      expect(own.body.items.map((e: any) => e.details.after)).toEqual([{ jurisdictionId: 'IT-R19' }]);
    });

    it('answers a regional auditor’s request for that entry by its number as if it did not exist', async () => {
      const r = await get(sicilianAuditor, `/api/v1/audit/${drafted}`);
      expect([r.status, r.headers.get('content-type'), r.body.code]).toEqual([404, expect.stringContaining('application/problem+json'), 'http/not-found']);
      const absent = await get(sicilianAuditor, '/api/v1/audit/999999999999');
      expect([absent.status, absent.body.code, absent.body.detail]).toEqual([404, 'http/not-found', r.body.detail.replace(String(drafted), '999999999999')]);
    });

    it('shows the same entry to a national auditor, by filter and by number, with who acted', async () => {
      const byFilter = await get(nationalAuditor, `/api/v1/audit?subjectId=${milan}&action=alert.drafted`);
      expect(byFilter.body.items.map((e: any) => e.seq)).toEqual([drafted]);
      const byNumber = await get(nationalAuditor, `/api/v1/audit/${drafted}`);
      expect([byNumber.status, byNumber.body.item.subjectId, byNumber.body.item.actor]).toEqual([200, milan, `user:${mover.id}`]);
      expect(byNumber.body.actors[`user:${mover.id}`]).toMatchObject({ kind: 'user', roles: ['operator'] });
    });

    it('still shows a regional auditor their own territory’s alert, by filter and by number', async () => {
      const sicilian = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
      const catania = await draft(sicilian);
      const r = await get(sicilianAuditor, `/api/v1/audit?subjectId=${catania}`);
      const entry = r.body.items.find((e: any) => e.action === 'alert.drafted');
      expect(entry.actor).toBe(`user:${sicilian.id}`);
      expect((await get(sicilianAuditor, `/api/v1/audit/${entry.seq}`)).body.item.hash).toBe(entry.hash);
    });
  });

  describe('filters', () => {
    it('lists refused actions only, newest first, marked by their action, within a time range', async () => {
      const operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
      const refused = await get(operator, '/api/v1/users');
      expect([refused.status, refused.body.code]).toEqual([403, 'auth/forbidden']);
      const since = new Date(Date.now() - 60_000).toISOString();
      const r = await get(sicilianAuditor, `/api/v1/audit?refused=true&order=desc&from=${encodeURIComponent(since)}&limit=50`);
      expect(r.status).toBe(200);
      expect(r.body.items.every((e: any) => e.action.endsWith('refused'))).toBe(true);
      const mine = r.body.items.find((e: any) => e.actor === `user:${operator.id}`);
      expect([mine.action, mine.details.reason, mine.details.path]).toEqual(['auth.refused', 'role', '/api/v1/users']);
      const seqs = r.body.items.map((e: any) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      // Nothing before the range's start; nothing after its end.
      const before = await get(sicilianAuditor, `/api/v1/audit?refused=true&to=${encodeURIComponent(since)}&actor=user:${operator.id}`);
      expect(before.body.items).toEqual([]);
    });

    it('pages newest first: the next page continues below the last seq', async () => {
      const first = await get(nationalAuditor, '/api/v1/audit?order=desc&limit=3');
      expect(first.body.next).toBe(first.body.items[2].seq);
      const second = await get(nationalAuditor, `/api/v1/audit?order=desc&limit=3&after=${first.body.next}`);
      expect(second.body.items[0].seq).toBeLessThan(first.body.next);
    });

    it.each([
      ['from=yesterday', '/from'],
      ['from=2026-12-06T10:00:00Z&to=2026-12-06T09:00:00Z', '/to'],
      ['action=DROP%20TABLE', '/action'],
      ['actor=someone', '/actor'],
      ['order=sideways', '/order'],
      ['subjectType=planet', '/subjectType'],
      ['refused=maybe', '/refused'],
      ['alert=123', '/alert'],
    ])('refuses the filter %s with a problem naming the parameter', async (query, pointer) => {
      const r = await get(nationalAuditor, `/api/v1/audit?${query}`);
      expect([r.status, r.headers.get('content-type'), r.body.code, r.body.pointer]).toEqual([400, expect.stringContaining('application/problem+json'), 'http/invalid-query', pointer]);
    });

    it('refuses an entry number that is not one', async () => {
      const r = await get(nationalAuditor, '/api/v1/audit/abc');
      expect([r.status, r.body.code]).toEqual([400, 'http/bad-request']);
    });
  });

  describe('resetting a user’s authenticator', () => {
    it('gives the administrator a new secret once, ends the user’s sessions and audits it', async () => {
      const user = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
      const regionalAdmin = await grantToken(platform.databaseUrl, ['admin'], 'IT-R19');
      const r = await callApi(platform.baseUrl, 'POST', `/api/v1/users/${user.id}/totp`, { headers: regionalAdmin.headers });
      expect([r.status, r.headers.get('cache-control')]).toEqual([201, 'no-store']);
      expect(r.body.uri).toContain(`secret=${r.body.secret}`);
      // Enrolled at once (step 0), as the CLI's users:totp-enroll does.
      const { rows } = await db.query(`SELECT totp_last_step FROM users WHERE id = $1`, [user.id]);
      expect(Number(rows[0].totp_last_step)).toBe(0);
      const audited = await db.query(`SELECT actor FROM audit_log WHERE action = 'user.totp-provisioned' AND subject_id = $1`, [user.id]);
      expect(audited.rows).toEqual([{ actor: `user:${regionalAdmin.id}` }]);
    });

    it('does not acknowledge a user outside the administrator’s territory', async () => {
      const sicilian = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
      const lombardAdmin = await grantToken(platform.databaseUrl, ['admin'], 'IT-R03');
      const r = await callApi(platform.baseUrl, 'POST', `/api/v1/users/${sicilian.id}/totp`, { headers: lombardAdmin.headers });
      expect([r.status, r.body.code]).toEqual([404, 'auth/not-found']);
      const { rows } = await db.query(`SELECT totp_secret_wrapped FROM users WHERE id = $1`, [sicilian.id]);
      expect(rows[0].totp_secret_wrapped).toBeNull();
    });
  });

  describe('the signing keys an administrator sees', () => {
    it('lists them newest first with their state, and a rotation moves active to previous', async () => {
      const before = await get(admin, '/api/v1/keys/signing');
      expect(before.status).toBe(200);
      const active = before.body.keys.filter((k: any) => k.status === 'active');
      expect(active).toHaveLength(1);
      const rotated = await callApi(platform.baseUrl, 'POST', '/api/v1/keys/signing/rotate', { headers: admin.headers, body: { reason: 'admin-api spec' } });
      expect([rotated.status, rotated.body.previousKid]).toEqual([201, active[0].kid]);
      const after = await get(admin, '/api/v1/keys/signing');
      expect(after.body.keys.slice(0, 2).map((k: any) => [k.kid, k.status])).toEqual([
        [rotated.body.kid, 'active'],
        [active[0].kid, 'previous'],
      ]);
      expect(JSON.stringify(after.body)).not.toMatch(/private|wrapped|public_key/);
    });
  });

  describe('every admin route refuses people without the admin role', () => {
    const id = randomUUID();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users', { email: 'x@faro.test', displayName: 'X', roles: ['operator'], jurisdictionId: 'IT-R19' }],
      ['PATCH', `/api/v1/users/${id}`, { disabled: true }],
      ['POST', `/api/v1/users/${id}/totp`],
      ['GET', '/api/v1/sensors'],
      ['POST', '/api/v1/sensors', { name: 'S', jurisdictionId: 'IT-R19', releasePolicy: 'approve' }],
      ['PATCH', `/api/v1/sensors/${id}`, { disabled: true }],
      ['POST', `/api/v1/sensors/${id}/rotate-secret`, {}],
      ['GET', '/api/v1/handsets'],
      ['POST', '/api/v1/handsets', {}],
      ['POST', `/api/v1/handsets/h-${id}/revoke`, {}],
      ['GET', '/api/v1/groups'],
      ['POST', '/api/v1/groups', {}],
      ['POST', `/api/v1/groups/g-${id}/members`, {}],
      ['POST', `/api/v1/groups/g-${id}/key/rotate`, {}],
      ['GET', '/api/v1/keys/gateways'],
      ['POST', '/api/v1/keys/gateways/sat-gw-1/rotate', {}],
      ['GET', '/api/v1/keys/signing'],
      ['POST', '/api/v1/keys/signing/rotate', {}],
    ];

    it.each(['operator', 'approver', 'auditor'])('refuses a %s on each, and audits each refusal', async (role) => {
      const who = await grantToken(platform.databaseUrl, [role], 'IT');
      for (const [method, path, body] of routes) {
        const r = await callApi(platform.baseUrl, method, path, { headers: who.headers, body });
        expect([method, path, r.status, r.body.code]).toEqual([method, path, 403, 'auth/forbidden']);
      }
      const { rows } = await db.query(`SELECT details->>'path' AS path FROM audit_log WHERE action = 'auth.refused' AND actor = $1 ORDER BY id`, [`user:${who.id}`]);
      expect(rows.map((x) => x.path)).toEqual(routes.map(([, path]) => path));
    });

    it('refuses the audit trail to an operator and an administrator’s trail to nobody who is one', async () => {
      const operator = await grantToken(platform.databaseUrl, ['operator'], 'IT');
      for (const path of ['/api/v1/audit', '/api/v1/audit/1', '/api/v1/audit/verify']) {
        const r = await get(operator, path);
        expect([path, r.status, r.body.code]).toEqual([path, 403, 'auth/forbidden']);
      }
      expect((await get(admin, '/api/v1/audit/verify')).status).toBe(200);
    });
  });
});
