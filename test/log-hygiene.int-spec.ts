import { Client } from 'pg';
import { webhookSignature } from '@faro/sensors';
import { callApi, createUser, nextTotpCode, sessionCookieFrom } from './auth-client';
import { cataniaFlood } from './fixtures/catania-flood';
import { startPlatform, waitUntil, type Platform } from './platform';
import { grantToken } from './principals';

jest.setTimeout(300_000);

// Issue 13, observability: structured JSON logs, a correlation id per request (X-Request-Id) and
// per alert (its id, on the API's lines about it and on every line of its jobs in the worker), and
// not one secret the scenario used in any line the platform wrote, at debug level for the API.
describe('the platform logs', () => {
  let platform: Platform;
  let db: Client;

  beforeAll(async () => {
    platform = await startPlatform({ LOG_LEVEL: 'debug' });
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  it('hold no password, TOTP code or secret, session, CSRF or API token, sensor secret or signature, KEK or database password', async () => {
    const secrets: Record<string, string> = {};
    const admin = await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT-R19', withTotp: true });
    secrets.password = admin.password;
    secrets.totpSecret = admin.totpSecret!;

    // A refused login (wrong password, then a wrong code), then a good one with TOTP.
    secrets.wrongPassword = `${admin.password}-wrong`;
    expect((await callApi(platform.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: admin.email, password: secrets.wrongPassword } })).status).toBe(401);
    const code = await nextTotpCode(platform, admin);
    secrets.totp = code;
    const badCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await callApi(platform.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: admin.email, password: admin.password, totp: badCode } })).status).toBe(401);
    const login = await callApi(platform.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: admin.email, password: admin.password, totp: code }, headers: { 'x-request-id': 'scenario-login-0001' } });
    expect([login.status, login.headers.get('x-request-id')]).toEqual([200, 'scenario-login-0001']);
    secrets.session = sessionCookieFrom(login.headers)!;
    secrets.csrf = login.body.csrfToken;
    const session = { cookie: `faro_session=${secrets.session}`, 'x-csrf-token': secrets.csrf };

    // An API token made from the session, then used.
    const made = await callApi(platform.baseUrl, 'POST', '/api/v1/tokens', { headers: session, body: { name: 'log test', scopes: ['read', 'write', 'admin'] } });
    expect(made.status).toBe(201);
    secrets.apiToken = made.body.token;
    const bearer = { authorization: `Bearer ${secrets.apiToken}` };
    expect((await callApi(platform.baseUrl, 'GET', '/api/v1/auth/me', { headers: bearer })).status).toBe(200);

    // A sensor, and a webhook signed with its secret (and one with a bad signature).
    const sensor = await callApi(platform.baseUrl, 'POST', '/api/v1/sensors', { headers: bearer, body: { name: 'INGV log test', jurisdictionId: 'IT-R19', releasePolicy: 'approve' } });
    expect(sensor.status).toBe(201);
    secrets.sensorSecret = sensor.body.secret;
    const body = JSON.stringify(cataniaFlood());
    const timestamp = String(Math.floor(Date.now() / 1000));
    secrets.signature = webhookSignature(Buffer.from(secrets.sensorSecret, 'utf8'), timestamp, Buffer.from(body, 'utf8'));
    const hook = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensor.body.id}/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-faro-timestamp': timestamp, 'x-faro-signature': secrets.signature }, body });
    expect(hook.status).toBe(201);
    const forged = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensor.body.id}/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-faro-timestamp': timestamp, 'x-faro-signature': secrets.signature.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }, body });
    expect(forged.status).toBe(401);

    // A signing key rotation.
    expect((await callApi(platform.baseUrl, 'POST', '/api/v1/keys/signing/rotate', { headers: bearer })).status).toBe(201);

    secrets.kek = process.env.FARO_KEK!;
    secrets.databasePassword = decodeURIComponent(new URL(platform.databaseUrl).password);
    await new Promise((r) => setTimeout(r, 1_000));
    const logs = platform.logs();
    // Not vacuous: the API logged the requests of the scenario, as JSON with their ids.
    expect(logs).toContain('"url":"/api/v1/auth/login"');
    expect(logs).toContain('"id":"scenario-login-0001"');
    expect(logs).toContain('/api/v1/sensors/');
    for (const [name, value] of Object.entries(secrets)) {
      if (!value || value.length < 6) continue;
      expect([name, logs.includes(value)]).toEqual([name, false]);
    }
  });

  // The platform's lines that parse as JSON (the API's, the worker's, after the process prefix).
  const jsonLines = () =>
    platform
      .logs()
      .split('\n')
      .map((l) => l.slice(l.indexOf('{')))
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l);
        } catch {
          return null;
        }
      })
      .filter((l) => l !== null);

  it('carry the request id on every line a request writes, from inside its handler too: the caller’s X-Request-Id when sane, else a fresh one', async () => {
    const operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: operator.headers, body: cataniaFlood() });
    const alertId = created.body.alertId as string;
    // Refused by role after its JSON body was read: the guard logs the refusal inside the request.
    const sane = 'refusal-0001.trace:7';
    const refused = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${alertId}/reject`, { headers: { ...operator.headers, 'x-request-id': sane }, body: { reason: 'not mine to reject' } });
    expect([refused.status, refused.headers.get('x-request-id')]).toEqual([403, sane]);
    // An id that is not short and plain is not echoed nor logged: the request gets its own.
    const insane = 'x'.repeat(200);
    const other = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${alertId}/release`, { headers: { ...operator.headers, 'x-request-id': insane } });
    const generated = other.headers.get('x-request-id')!;
    expect([other.status, generated]).toEqual([403, expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    await new Promise((r) => setTimeout(r, 500));

    const lines = jsonLines();
    const refusals = lines.filter((l) => l.msg === 'action refused' && l.actor === `user:${operator.id}`);
    expect(refusals.map((l) => [l.req?.id, l.alertId, l.route])).toEqual([
      [sane, alertId, '/api/v1/alerts/:id/reject'],
      [generated, alertId, '/api/v1/alerts/:id/release'],
    ]);
    for (const id of [sane, generated]) expect(lines.filter((l) => l.req?.id === id).map((l) => l.msg)).toEqual(['action refused', 'request completed']);
    expect(platform.logs()).not.toContain(insane);
  });

  it('carry the alert id on the API lines of a request on the alert and on every worker line of its jobs', async () => {
    const operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    const approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: operator.headers, body: cataniaFlood() });
    const alertId = created.body.alertId as string;
    const released = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${alertId}/release`, { headers: approver.headers });
    expect(released.status).toBe(200);
    const requestId = released.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await waitUntil('active', async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0].state === 'active', 120_000, platform.logs);
    await new Promise((r) => setTimeout(r, 500));
    const lines = jsonLines();
    // The line the handler wrote and the request's own line, both with the request's and the alert's id.
    const api = lines.filter((l) => l.req?.id === requestId);
    expect(api.map((l) => [l.msg, l.alertId])).toEqual([
      ['alert released', alertId],
      ['request completed', alertId],
    ]);
    const worker = lines.filter((l) => l.jobId !== undefined && l.alertId === alertId);
    expect(worker.map((l) => l.msg)).toEqual(expect.arrayContaining(['fan-out done']));
  });
});
