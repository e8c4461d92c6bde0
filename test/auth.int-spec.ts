import { Client } from 'pg';
import { totpCode } from '@faro/identity';
import { verifyAuditChain } from '@faro/audit';
import { SqlAuditLog } from '@faro/persistence';
import { bearerFor, callApi, createUser, nextTotpCode, sessionCookieFrom, sessionFor, type SessionClient, type TestAccount } from './auth-client';
import { type Platform } from './platform';
import { sharedPlatform } from './shared-platform';

// Runs once, not per queue backend: nothing here is queued (scripts/test.sh).

jest.setTimeout(180_000);

// Who may call the API (issue 3): sessions and API tokens, TOTP, lockout, CSRF, roles read
// afresh on every request, the users and tokens endpoints, and the audit trail of it all.
describe('authentication and authorisation over HTTP', () => {
  let platform: Platform;
  let db: Client;
  let admin: TestAccount;
  // One session for the administrator: each TOTP login spends a 30-second step.
  let a: SessionClient;

  beforeAll(async () => {
    platform = await sharedPlatform();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    admin = await createUser(platform, { roles: ['admin'], withTotp: true });
    a = await sessionFor(platform, admin);
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => callApi(platform.baseUrl, method, path, { body, headers });
  const login = (email: string, password: string, totp?: string) => api('POST', '/api/v1/auth/login', { email, password, ...(totp ? { totp } : {}) });
  const auditActions = async (subjectId: string) =>
    (await db.query(`SELECT action, details FROM audit_log WHERE subject_id = $1 ORDER BY id`, [subjectId])).rows as { action: string; details: any }[];

  it('refuses a protected route without credentials with 401, a problem and WWW-Authenticate, and keeps public routes open', async () => {
    const r = await api('GET', '/api/v1/auth/me');
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="faro"');
    expect(r.body.code).toBe('auth/unauthenticated');
    expect((await api('GET', '/api/v1/alerts')).status).toBe(401);
    expect((await api('GET', '/health')).status).toBe(200);
    expect((await api('GET', '/.well-known/faro/keys')).status).toBe(200);
  });

  it('logs an operator in with a strict, httpOnly session cookie and returns the user and a CSRF token', async () => {
    const op = await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT' });
    const r = await login(op.email.toUpperCase(), op.password);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.user).toMatchObject({ id: op.id, email: op.email, roles: ['operator'], jurisdictionId: 'IT', totp: 'none' });
    expect(r.body.user).not.toHaveProperty('passwordHash');
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = r.headers.getSetCookie().find((c) => c.startsWith('faro_session='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/(;|$)/);
    // Plain http from loopback: the one case where the cookie is not Secure.
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = sessionCookieFrom(r.headers)!;
    const me = await api('GET', '/api/v1/auth/me', undefined, { cookie: `faro_session=${cookie}` });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: op.id }, authenticatedBy: 'session', csrfToken: r.body.csrfToken });
    const stored = await db.query(`SELECT token_hash, csrf_token_hash FROM sessions WHERE user_id = $1`, [op.id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].token_hash).not.toBe(cookie);
    expect((await auditActions(op.id)).map((a) => a.action)).toContain('auth.login');
  });

  it('marks the session cookie Secure when a proxy relays the request, even from loopback', async () => {
    const op = await createUser(platform, { roles: ['operator'] });
    const r = await api('POST', '/api/v1/auth/login', { email: op.email, password: op.password }, { 'x-forwarded-proto': 'https' });
    expect(r.status).toBe(200);
    expect(r.headers.getSetCookie().find((c) => c.startsWith('faro_session='))).toMatch(/; Secure/);
  });

  it('answers a wrong password and an unknown email alike, 401 auth/invalid-credentials, and audits both', async () => {
    const op = await createUser(platform, { roles: ['operator'] });
    const wrong = await login(op.email, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'auth/invalid-credentials', detail: 'The email or the password is wrong' });
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="faro"');
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const unknown = await login(`nobody-${op.id}@faro.test`, 'not the password at all');
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(await auditActions(op.id)).toEqual([{ action: 'auth.login-failed', details: expect.objectContaining({ reason: 'wrong-password', failedLogins: 1 }) }]);
    expect((await auditActions(`nobody-${op.id}@faro.test`))[0]).toMatchObject({ action: 'auth.login-failed', details: { reason: 'unknown-email' } });
  });

  it('locks an account for 15 minutes on the fifth failed login, even against the right password', async () => {
    const op = await createUser(platform, { roles: ['operator'] });
    for (let i = 1; i <= 4; i++) expect((await login(op.email, `wrong password ${i}`)).status).toBe(401);
    const fifth = await login(op.email, 'wrong password 5');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('auth/locked');
    const retryAfter = Number(fifth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const right = await login(op.email, op.password);
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('auth/locked');
    const actions = (await auditActions(op.id)).map((a) => a.action);
    expect(actions.filter((a) => a === 'auth.login-failed')).toHaveLength(5);
    expect(actions).toContain('auth.locked');
    expect(actions[actions.length - 1]).toBe('auth.login-refused');
    // Once the lock has passed, the right password works and the count starts afresh.
    await db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [op.id]);
    expect((await login(op.email, op.password)).status).toBe(200);
    expect((await db.query(`SELECT failed_logins, locked_until FROM users WHERE id = $1`, [op.id])).rows[0]).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('requires a TOTP code of an approver, and accepts the password with a current code', async () => {
    const approver = await createUser(platform, { roles: ['approver'], withTotp: true });
    const without = await login(approver.email, approver.password);
    expect(without.status).toBe(401);
    expect(without.body).toMatchObject({ code: 'auth/totp-required', pointer: '/totp' });
    expect(without.headers.getSetCookie()).toEqual([]);
    const wrongCode = await login(approver.email, approver.password, '000000');
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.code).toBe('auth/totp-invalid');
    const ok = await login(approver.email, approver.password, await nextTotpCode(platform, approver));
    expect(ok.status).toBe(200);
    expect(ok.body.user.totp).toBe('enrolled');
    expect(ok.body).not.toHaveProperty('totpEnrollmentRequired');
  });

  it('refuses a TOTP code the second time it is used', async () => {
    const approver = await createUser(platform, { roles: ['approver'], withTotp: true });
    const code = await nextTotpCode(platform, approver);
    expect((await login(approver.email, approver.password, code)).status).toBe(200);
    const replay = await login(approver.email, approver.password, code);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'auth/totp-invalid', detail: 'This TOTP code was used already: wait for the next one' });
    expect((await auditActions(approver.id)).map((a) => a.details.reason)).toContain('totp-replayed');
  });

  it('lets an approver without TOTP do nothing but enrol one, then work after confirming it', async () => {
    const approver = await createUser(platform, { roles: ['approver'] });
    const s = await sessionFor(platform, approver);
    expect((await s.call('GET', '/api/v1/auth/me')).body).toMatchObject({ totpEnrollmentRequired: true });
    const blocked = await s.call('GET', '/api/v1/tokens');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('auth/forbidden');
    expect(blocked.body.detail).toMatch(/TOTP/);
    const enrol = await s.call('POST', '/api/v1/auth/totp/enroll');
    expect(enrol.status).toBe(200);
    expect(enrol.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.body.uri).toContain(`secret=${enrol.body.secret}`);
    const stored = (await db.query(`SELECT totp_secret_wrapped::text AS w FROM users WHERE id = $1`, [approver.id])).rows[0].w;
    expect(stored).not.toContain(enrol.body.secret);
    expect((await s.call('POST', '/api/v1/auth/totp/confirm', { totp: '000000' })).body.code).toBe('auth/totp-invalid');
    const confirmed = await s.call('POST', '/api/v1/auth/totp/confirm', { totp: totpCode(enrol.body.secret, new Date()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.user.totp).toBe('enrolled');
    expect((await s.call('GET', '/api/v1/tokens')).status).toBe(200);
    expect((await s.call('POST', '/api/v1/auth/totp/enroll')).body.code).toBe('auth/totp-enrolled');
    const again = await login(approver.email, approver.password);
    expect(again.body.code).toBe('auth/totp-required');
  });

  it('refuses a cookie-signed unsafe request without the CSRF token and accepts it with the token', async () => {
    const op = await createUser(platform, { roles: ['operator'] });
    const s = await sessionFor(platform, op);
    const missing = await s.call('POST', '/api/v1/tokens', { name: 'ci' }, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('auth/csrf');
    const wrong = await s.call('POST', '/api/v1/tokens', { name: 'ci' }, { csrf: false, headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('auth/csrf');
    const ok = await s.call('POST', '/api/v1/tokens', { name: 'ci' });
    expect(ok.status).toBe(201);
    // A safe method needs no CSRF token.
    expect((await s.call('GET', '/api/v1/tokens', undefined, { csrf: false })).status).toBe(200);
    expect((await auditActions(op.id)).filter((a) => a.action === 'auth.refused').map((a) => a.details.reason)).toEqual(['csrf', 'csrf']);
  });

  it('authenticates by an API token shown once, without CSRF, and refuses it with 401 once revoked', async () => {
    const op = await createUser(platform, { roles: ['operator'] });
    const s = await sessionFor(platform, op);
    const created = await s.call('POST', '/api/v1/tokens', { name: 'integration', expiresInDays: 7 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'integration', revokedAt: null });
    const bearer = { authorization: `Bearer ${created.body.token}` };
    expect((await api('GET', '/api/v1/auth/me', undefined, bearer)).body).toMatchObject({ user: { id: op.id }, authenticatedBy: 'api-token' });
    const listed = await s.call('GET', '/api/v1/tokens');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).not.toHaveProperty('token');
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();
    // A token does not mint tokens: that takes a person at a session.
    expect((await api('POST', '/api/v1/tokens', { name: 'child' }, bearer)).status).toBe(403);
    const revoked = await api('DELETE', `/api/v1/tokens/${created.body.id}`, undefined, bearer);
    expect(revoked.status).toBe(204);
    const after = await api('GET', '/api/v1/auth/me', undefined, bearer);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('auth/unauthenticated');
    expect(after.headers.get('www-authenticate')).toBe('Bearer realm="faro"');
    expect((await s.call('DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(404);
    expect((await auditActions(created.body.id)).map((a) => a.action)).toEqual(['api-token.created', 'api-token.revoked']);
  });

  it('refuses a malformed Authorization header and an unknown token with 401', async () => {
    expect((await api('GET', '/api/v1/auth/me', undefined, { authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
    expect((await api('GET', '/api/v1/auth/me', undefined, { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(401);
  });

  it("refuses a disabled user's session on the very next call", async () => {
    const op = await createUser(platform, { roles: ['operator'] });
    const s = await sessionFor(platform, op);
    expect((await s.call('GET', '/api/v1/auth/me')).status).toBe(200);
    const changed = await a.call('PATCH', `/api/v1/users/${op.id}`, { disabled: true });
    expect(changed.status).toBe(200);
    expect(changed.body.user.disabled).toBe(true);
    const next = await s.call('GET', '/api/v1/auth/me');
    expect(next.status).toBe(401);
    expect(next.body.code).toBe('auth/unauthenticated');
    expect((await login(op.email, op.password)).status).toBe(401);
  });

  it('refuses a role stripped mid-session on the next call, by session and by token alike', async () => {
    const second = await createUser(platform, { roles: ['admin', 'auditor'], withTotp: true });
    const s = await sessionFor(platform, second);
    const bearer = await bearerFor(platform, second);
    expect((await s.call('GET', '/api/v1/users')).status).toBe(200);
    expect((await api('GET', '/api/v1/users', undefined, bearer.headers)).status).toBe(200);
    expect((await a.call('PATCH', `/api/v1/users/${second.id}`, { roles: ['auditor'] })).status).toBe(200);
    const bySession = await s.call('GET', '/api/v1/users');
    expect(bySession.status).toBe(403);
    expect(bySession.body).toMatchObject({ code: 'auth/forbidden', detail: 'This needs the admin role' });
    expect((await api('GET', '/api/v1/users', undefined, bearer.headers)).status).toBe(403);
    expect((await s.call('GET', '/api/v1/auth/me')).body.user.roles).toEqual(['auditor']);
  });

  it('ends the sessions of a user who gains a role, so the new role starts with a fresh login', async () => {
    const op = await createUser(platform, { roles: ['operator'] });
    const s = await sessionFor(platform, op);
    const r = await a.call('PATCH', `/api/v1/users/${op.id}`, { roles: ['operator', 'approver'] });
    expect(r.status).toBe(200);
    expect((await s.call('GET', '/api/v1/auth/me')).status).toBe(401);
    const changed = (await auditActions(op.id)).find((x) => x.action === 'user.changed');
    expect(changed?.details).toMatchObject({ before: { roles: ['operator'] }, after: { roles: ['operator', 'approver'] }, sessionsRevoked: 1 });
  });

  it('keeps /users to administrators: 403 naming the role for anyone else, and audited', async () => {
    const op = await createUser(platform, { roles: ['operator', 'approver', 'auditor'], withTotp: true });
    const bearer = await bearerFor(platform, op);
    const r = await api('GET', '/api/v1/users', undefined, bearer.headers);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'auth/forbidden', detail: 'This needs the admin role' });
    const post = await api('POST', '/api/v1/users', { email: 'x@faro.test', displayName: 'X', roles: ['admin'], jurisdictionId: 'IT' }, bearer.headers);
    expect(post.status).toBe(403);
    expect((await auditActions(op.id)).filter((a) => a.action === 'auth.refused').map((a) => a.details)).toEqual([
      expect.objectContaining({ reason: 'role', method: 'GET', path: '/api/v1/users', requiredRoles: ['admin'] }),
      expect.objectContaining({ reason: 'role', method: 'POST', path: '/api/v1/users' }),
    ]);
  });

  it('lets an administrator create a user who can then log in, showing a generated password once', async () => {
    const email = `created-${Date.now()}@faro.test`;
    const r = await a.call('POST', '/api/v1/users', { email, displayName: 'Created User', roles: ['operator'], jurisdictionId: 'IT' });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ email, displayName: 'Created User', roles: ['operator'], jurisdictionId: 'IT', disabled: false, totp: 'none' });
    expect(r.body.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await login(email, r.body.password)).status).toBe(200);
    const dup = await a.call('POST', '/api/v1/users', { email: email.toUpperCase(), displayName: 'Again', roles: ['operator'], jurisdictionId: 'IT' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('auth/user-exists');
    const listed = await a.call('GET', '/api/v1/users');
    expect(listed.body.items.map((u: any) => u.email)).toContain(email);
    expect(JSON.stringify(listed.body)).not.toMatch(/argon2|password/);
    expect((await auditActions(r.body.user.id))[0]).toMatchObject({ action: 'user.created', details: { email, roles: ['operator'], passwordGenerated: true } });
  });

  it('refuses a create body with a field a client may not set, 422 naming the field', async () => {
    const base = { email: `strict-${Date.now()}@faro.test`, displayName: 'Strict', roles: ['operator'], jurisdictionId: 'IT' };
    const r = await a.call('POST', '/api/v1/users', { ...base, passwordHash: '$argon2id$v=19$forged' });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'auth/invalid-user', pointer: '/passwordHash' });
    expect((await a.call('POST', '/api/v1/users', { ...base, roles: ['operator', 'superuser'] })).status).toBe(422);
    expect((await a.call('POST', '/api/v1/users', { ...base, jurisdictionId: 'XX-NOWHERE' })).body).toMatchObject({ status: 422, pointer: '/jurisdictionId' });
    expect((await a.call('POST', '/api/v1/users', { ...base, password: 'too short' })).body).toMatchObject({ status: 422, pointer: '/password' });
    expect((await a.call('PATCH', `/api/v1/users/${admin.id}`, { totpLastStep: 0 })).status).toBe(422);
    expect((await a.call('POST', '/api/v1/tokens', { name: 'x', userId: admin.id })).body).toMatchObject({ status: 422, code: 'auth/invalid-request', pointer: '/userId' });
    expect((await api('POST', '/api/v1/auth/login', { email: admin.email, password: admin.password, remember: true })).status).toBe(422);
  });

  it('does not let an administrator disable themselves or drop their own admin role', async () => {
    const r = await a.call('PATCH', `/api/v1/users/${admin.id}`, { disabled: true });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('auth/invalid-user');
    expect((await a.call('PATCH', `/api/v1/users/${admin.id}`, { roles: ['auditor'] })).status).toBe(422);
  });

  it('logs out: the session is revoked and the cookie cleared', async () => {
    const op = await createUser(platform, { roles: ['operator'] });
    const s = await sessionFor(platform, op);
    expect((await s.call('POST', '/api/v1/auth/logout', undefined, { csrf: false })).status).toBe(403);
    const out = await s.call('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('faro_session='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect((await s.call('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await auditActions(op.id)).map((a) => a.action)).toEqual(['auth.login', 'auth.refused', 'auth.logout']);
  });

  it('leaves an intact audit chain behind all these security events', async () => {
    const v = await verifyAuditChain(new SqlAuditLog({ query: async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows }));
    expect(v.intact).toBe(true);
    const actions = new Set((await db.query(`SELECT DISTINCT action FROM audit_log`)).rows.map((r) => r.action));
    for (const a of ['auth.login', 'auth.login-failed', 'auth.locked', 'auth.logout', 'auth.refused', 'api-token.created', 'api-token.revoked', 'user.created', 'user.changed', 'user.totp-enrolled']) {
      expect(actions).toContain(a);
    }
  });
});
