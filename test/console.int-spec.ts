import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { createDataSource, SqlRouteEvents } from '@faro/persistence';
import { bearerFor, callApi, createUser, nextTotpCode } from './auth-client';
import { accessibilityProblems, launchChromium, person, type Person, SHOTS, signIn } from './console-browser';
import { startPlatform, waitUntil, type Platform } from './platform';

// The operators' console in Debian's headless Chromium: the real platform (api, worker,
// simulated gateways) started once for this file, two people in two browser contexts.

// Runs once, not per queue backend, on the Redis pass when there is one (scripts/test.sh): its
// alerts are queued, but what it tests is what the pages show of the API's answers; how the two
// queue backends carry them is what the pipeline specs run twice for.

jest.setTimeout(240_000);

const catania = [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }];

// The first event of that name on GET /api/v1/events, as the API sends it.
async function firstEvent(baseUrl: string, headers: Record<string, string>, name: string, query = ''): Promise<any> {
  const abort = new AbortController();
  const r = await fetch(`${baseUrl}/api/v1/events${query}`, { headers, signal: abort.signal });
  if (r.status !== 200 || !r.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`events answered ${r.status} ${r.headers.get('content-type')}`);
  const reader = r.body!.getReader();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before an event ${name}: ${text}`);
      text += Buffer.from(value).toString('utf8');
      for (const block of text.split('\n\n').slice(0, -1)) {
        const lines = block.split('\n');
        if (lines.includes(`event: ${name}`)) return JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6));
      }
    }
  } finally {
    abort.abort();
  }
}

// The OpenAPI document's components inlined, for a JSON Schema validator.
function inline(schema: any, doc: any): any {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, doc));
  if (!schema || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string') return inline(doc.components.schemas[schema.$ref.slice('#/components/schemas/'.length)], doc);
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v, doc)]));
}

describe('the operators’ console in a browser', () => {
  let platform: Platform;
  let browser: Browser;
  let operator: Person;
  let approver: Person;
  let liveAlertId: string;
  // A pending alert of the first tests; later tests look for their own alerts by id.
  let pendingElsewhere: string;



  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  async function draftAndSubmit(by: Person, status: 'Actual' | 'Exercise', headline: string, submit = true): Promise<string> {
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', {
      headers: by.bearer.headers,
      body: {
        hazard: 'earthquake',
        areas: catania,
        severity: 'Severe',
        urgency: 'Immediate',
        certainty: 'Observed',
        status,
        languages: [
          { language: 'it-IT', headline, text: 'Forte terremoto nella zona di Catania. Allontanarsi dagli edifici.' },
          { language: 'en-GB', headline: `${headline} (en)`, text: 'Strong earthquake in the Catania area. Leave buildings.' },
        ],
        expires: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    if (created.status !== 201) throw new Error(`incident answered ${created.status}: ${JSON.stringify(created.body)}`);
    const id = created.body.alertId as string;
    if (!submit) return id;
    const submitted = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/submit`, { headers: by.bearer.headers });
    if (submitted.status !== 200) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
    return id;
  }

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    operator = await person(browser, platform, ['operator'], 'IT-R19', 'Ada Operatrice');
    approver = await person(browser, platform, ['approver'], 'IT-R19', 'Bruno Approvatore');
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('serves the console at / and client routes, while API paths keep their 404 problem', async () => {
    for (const path of ['/', '/approvals', '/alerts/0b9e2c1e-6f1b-4a4f-9c0a-1d2e3f4a5b6c']) {
      const r = await fetch(`${platform.baseUrl}${path}`);
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 200, expect.stringContaining('text/html')]);
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    for (const path of ['/api/v1/nothing-here', '/health/nothing', '/.well-known/nothing', '/docs/nothing', '/assets/missing-1234.js']) {
      const r = await fetch(`${platform.baseUrl}${path}`);
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 404, expect.stringContaining('application/problem+json')]);
    }
  });

  it('refuses the event stream without a credential, and another territory’s alert', async () => {
    expect((await fetch(`${platform.baseUrl}/api/v1/events`)).status).toBe(401);
    const milan = await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R03' });
    const milanToken = await bearerFor(platform, milan);
    const sicilian = await draftAndSubmit(operator, 'Actual', 'Prova territorio', false);
    const r = await fetch(`${platform.baseUrl}/api/v1/events?alert=${sicilian}`, { headers: milanToken.headers });
    expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([404, 'alert/not-found']);
    // Submitted, it is on the Sicilian dashboard and not on Milan's.
    await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${sicilian}/submit`, { headers: operator.bearer.headers });
    const ids = (d: any) => d.alerts.map((a: any) => a.id);
    expect(ids(await firstEvent(platform.baseUrl, operator.bearer.headers, 'dashboard'))).toContain(sicilian);
    expect(ids(await firstEvent(platform.baseUrl, milanToken.headers, 'dashboard'))).not.toContain(sicilian);
    pendingElsewhere = sicilian;
  });

  it('streams events whose data match the schema the OpenAPI document gives them', async () => {
    const doc: any = await (await fetch(`${platform.baseUrl}/api/docs/openapi.json`)).json();
    const schema = inline(doc.paths['/api/v1/events'].get.responses['200'].content['text/event-stream'].schema, doc);
    const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
    const dashboard = await firstEvent(platform.baseUrl, operator.bearer.headers, 'dashboard');
    expect([validate(dashboard), validate.errors]).toEqual([true, null]);
    expect(dashboard.gateways.length).toBeGreaterThan(0);
    const alert = await firstEvent(platform.baseUrl, operator.bearer.headers, 'alert', `?alert=${pendingElsewhere}`);
    expect([alert.id, alert.state, validate(alert), validate.errors]).toEqual([pendingElsewhere, 'pending_approval', true, null]);
  });

  it('tells a wrong authenticator code apart, then signs the operator in with TOTP and shows who they are', async () => {
    const page = operator.page;
    await page.goto('/');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, 'login-it');
    await page.getByLabel('Email').fill(operator.account.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Email o password errate');
    await page.getByLabel('Password').fill(operator.account.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.locator('input[name=totp]').fill('000000');
    await page.getByRole('button', { name: 'Verifica il codice' }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Codice dell’autenticatore errato');
    await page.locator('input[name=totp]').fill(await nextTotpCode(platform, operator.account));
    await page.getByRole('button', { name: 'Verifica il codice' }).click();
    const identity = page.getByTestId('identity');
    await identity.waitFor();
    expect(await identity.textContent()).toEqual(expect.stringMatching(/Ada Operatrice.*operatore.*IT-R19/));
    await page.locator('[data-testid=live-status][data-status=live]').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('shows the operator’s newly submitted alert live on the dashboard, without an approve button anywhere', async () => {
    const page = operator.page;
    liveAlertId = await draftAndSubmit(operator, 'Actual', 'Terremoto Catania');
    // No reload: the dashboard already open receives it on its event stream.
    const card = page.locator(`[data-alert-id="${liveAlertId}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('drafter').textContent()).toContain('Ada Operatrice (tu)');
    await page.getByRole('link', { name: 'Approvazioni' }).count().then((n) => expect(n).toBe(0));
    await page.goto('/approvals');
    const own = page.locator(`[data-alert-id="${liveAlertId}"]`);
    await own.waitFor();
    expect(await own.getByTestId('approve').count()).toBe(0);
    expect(await own.getByTestId('no-approve').textContent()).toBe('Solo gli approvatori diffondono gli allarmi.');
  });

  it('lets an approver of the territory approve it in a second browser, then shows delivery reach 100 % live', async () => {
    await signIn(platform, approver.page, approver.account);
    const page = approver.page;
    await page.getByRole('link', { name: 'Approvazioni' }).click();
    const card = page.locator(`[data-alert-id="${liveAlertId}"]`);
    await card.waitFor();
    expect(await card.getByTestId('drafter').textContent()).toBe('Ada Operatrice');
    const preview = (await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${liveAlertId}/preview`, { headers: approver.bearer.headers })).body;
    expect(await card.getByTestId('cells').textContent()).toContain(String(preview.targeting.counts.total));
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, 'approvals-it');
    await card.getByTestId('approve').click();
    // A second, deliberate click that names what goes on air.
    const confirm = card.getByTestId('confirm-approve');
    expect(await confirm.textContent()).toBe(`Conferma: in onda ora su ${preview.targeting.counts.total} celle`);
    await confirm.click();
    await expect(page.getByTestId('approval-message').textContent()).resolves.toContain('Diffuso');
    await page.goto(`/alerts/${liveAlertId}`);
    // Every progress bar (the total and each route) reaches 100 % without a reload.
    await waitUntil(
      'delivery at 100 % on the alert page',
      async () => {
        const values = await page.getByTestId('progress-value').evaluateAll((els) => els.map((e) => e.getAttribute('data-percent')));
        return values.length >= 2 && values.every((v) => v === '100');
      },
      60_000,
      platform.logs,
    );
    expect(await page.getByTestId('drill-banner').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, 'alert-detail-it');
    const view = (await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${liveAlertId}`, { headers: approver.bearer.headers })).body;
    expect(view.delivery.byStatus.broadcasting).toBe(view.delivery.total);
  });

  it('puts an unmissable banner on screen while an exercise alert is shown, in Italian and English', async () => {
    const exercise = await draftAndSubmit(operator, 'Exercise', 'Esercitazione sisma');
    const page = approver.page;
    await page.goto('/');
    const card = page.locator(`[data-alert-id="${exercise}"]`);
    await card.waitFor();
    expect(await card.getAttribute('class')).toContain('drill');
    expect(await card.getByTestId('status-badge').textContent()).toBe('ESERCITAZIONE');
    expect(await page.getByTestId('drill-banner').textContent()).toContain('non è un allarme reale');
    await page.locator(`[data-alert-id="${liveAlertId}"] progress[value="100"]`).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, 'dashboard-it');
    await page.getByTestId('locale').selectOption('en');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('drill-banner').textContent()).toContain('not a real warning');
    expect(await card.getByTestId('status-badge').textContent()).toBe('EXERCISE');
    await shot(page, 'dashboard-en');
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.locator(`[data-alert-id="${exercise}"] [data-testid=approve]`).waitFor();
    await shot(page, 'approvals-en');
  });

  it('puts a banner on the dashboard while an uplink route is down, in Italian and English, and takes it away when the route is back', async () => {
    // The gateways run in-process here (no liveness watches them): the change is written as the
    // worker's liveness writes it, through SqlRouteEvents.
    const ds = await createDataSource(platform.databaseUrl, { poolSize: 1 }).initialize();
    try {
      const [gw] = await ds.query(`SELECT id FROM gateways WHERE kind = 'satellite' ORDER BY id LIMIT 1`);
      const events = new SqlRouteEvents(ds);
      await events.routeChanged({ gatewayId: gw.id, state: 'down', at: new Date(), lastHeardAt: new Date(Date.now() - 9000), workerId: 'spec' });
      const page = operator.page;
      await page.goto('/');
      await page.getByTestId('locale').selectOption('it');
      const banner = page.getByTestId('route-banner');
      await banner.waitFor();
      expect(await banner.getAttribute('role')).toBe('alert');
      expect(await banner.textContent()).toMatch(new RegExp(`^Rotta ${gw.id} non raggiungibile da \\d{2}/\\d{2}/\\d{4},? \\d{2}:\\d{2}:\\d{2} \\S+$`));
      expect(await page.locator(`[data-testid=gateways] .gateway-unreachable`).textContent()).toContain(gw.id);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shot(page, 'route-down-it');
      await page.getByTestId('locale').selectOption('en');
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      expect(await banner.textContent()).toMatch(new RegExp(`^Route ${gw.id} unreachable since `));
      await shot(page, 'route-down-en');
      await events.routeChanged({ gatewayId: gw.id, state: 'up', at: new Date(), lastHeardAt: new Date(), workerId: 'spec' });
      await banner.waitFor({ state: 'detached', timeout: 15_000 });
      expect(await page.locator(`[data-testid=gateways] .gateway-unreachable`).count()).toBe(0);
      // Later tests read this browser in Italian.
      await page.getByTestId('locale').selectOption('it');
      await page.getByRole('heading', { name: 'Cruscotto' }).waitFor();
    } finally {
      await ds.destroy();
    }
  });

  it('never shows an operator who is also an approver an approve button on their own alert', async () => {
    const both = await person(browser, platform, ['operator', 'approver'], 'IT-R19', 'Carla Entrambi');
    try {
      await signIn(platform, both.page, both.account);
      const own = await draftAndSubmit(both, 'Actual', 'Allerta propria');
      await both.page.goto('/approvals');
      const card = both.page.locator(`[data-alert-id="${own}"]`);
      await card.waitFor();
      expect(await card.getByTestId('approve').count()).toBe(0);
      expect(await card.getByTestId('no-approve').textContent()).toBe('Hai redatto tu questo allarme: deve diffonderlo un altro approvatore del territorio.');
      // Someone else's pending alert on the same page does offer it: the rule is about the drafter.
      expect(await both.page.locator(`[data-alert-id="${pendingElsewhere}"] [data-testid=approve]`).count()).toBe(1);
      await both.page.goto(`/alerts/${own}`);
      await both.page.getByRole('heading', { name: /Allerta propria/ }).waitFor();
      expect(await both.page.getByTestId('approve').count()).toBe(0);
      expect(both.consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await both.context.close();
    }
  });

  it('refuses a rejection from an operator, from a token without the release scope, and without a reason', async () => {
    const path = `/api/v1/alerts/${pendingElsewhere}/reject`;
    const byOperator = await callApi(platform.baseUrl, 'POST', path, { headers: operator.bearer.headers, body: { reason: 'no' } });
    expect([byOperator.status, byOperator.body.code]).toEqual([403, 'auth/forbidden']);
    const readWrite = await bearerFor(platform, approver.account, 'no release', ['read', 'write']);
    const byScope = await callApi(platform.baseUrl, 'POST', path, { headers: readWrite.headers, body: { reason: 'no' } });
    expect([byScope.status, byScope.body.code]).toEqual([403, 'auth/scope']);
    const noReason = await callApi(platform.baseUrl, 'POST', path, { headers: approver.bearer.headers, body: { reason: '' } });
    expect([noReason.status, noReason.body.code]).toEqual([422, 'alert/invalid-incident']);
  });

  it('lets the approver reject a pending alert with a reason, which the audit trail keeps with how they signed in', async () => {
    const page = approver.page;
    await page.goto('/approvals');
    const card = page.locator(`[data-alert-id="${pendingElsewhere}"]`);
    await card.getByTestId('reject').click();
    await card.getByLabel('Why it is rejected (the drafter reads this)').fill('Wrong comune: the quake is near Acireale');
    await card.getByTestId('reject-submit').click();
    await expect(page.getByTestId('approval-message').textContent()).resolves.toContain('Rejected, back to draft');
    // Back to draft, it leaves the approvals page live.
    await card.waitFor({ state: 'detached', timeout: 15_000 });
    const view = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${pendingElsewhere}`, { headers: approver.bearer.headers });
    expect(view.body.state).toBe('draft');
    const db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT actor, details FROM audit_log WHERE subject_id = $1 AND action = 'alert.draft'`, [pendingElsewhere]);
      expect(rows).toEqual([
        {
          actor: `user:${approver.account.id}`,
          details: expect.objectContaining({ reason: 'Wrong comune: the quake is near Acireale', rejectedBy: `user:${approver.account.id}`, via: { method: 'session', secondFactor: 'totp' } }),
        },
      ]);
    } finally {
      await db.end();
    }
  });

  it('lets the approver cancel the live alert from its page and release the Cancel, which takes it off the air', async () => {
    const page = approver.page;
    await page.goto(`/alerts/${liveAlertId}`);
    // The Cancel panel names what comes off the air before the Cancel is drafted.
    await page.getByTestId('cancel').click();
    await page.getByTestId('cancel-panel').getByTestId('preview-cells').waitFor();
    await page.getByTestId('cancel-confirm').click();
    await page.waitForURL((u) => u.pathname.startsWith('/alerts/') && !u.pathname.endsWith(liveAlertId));
    const cancelId = new URL(page.url()).pathname.split('/').pop()!;
    // The Cancel's drafter may release it at once: it can only take a warning off the air.
    await page.getByTestId('approve').click();
    expect(await page.getByTestId('confirm-approve').textContent()).toMatch(/^Confirm: take the warning off the air in \d+ cells now$/);
    await page.getByTestId('confirm-approve').click();
    await page.locator('.badge.state-done').waitFor({ timeout: 60_000 });
    const target = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${liveAlertId}`, { headers: approver.bearer.headers });
    const cancel = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${cancelId}`, { headers: approver.bearer.headers });
    expect([target.body.state, cancel.body.msgType, cancel.body.references]).toEqual(['cancelled', 'Cancel', liveAlertId]);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('sends the operator back to sign in with "session expired" when the session ends elsewhere', async () => {
    const page = operator.page;
    await page.goto('/');
    await page.locator('[data-testid=live-status][data-status=live]').waitFor();
    const cookie = (await operator.context.cookies()).find((c) => c.name === 'faro_session')!;
    const me = await callApi(platform.baseUrl, 'GET', '/api/v1/auth/me', { headers: { cookie: `faro_session=${cookie.value}` } });
    const out = await callApi(platform.baseUrl, 'POST', '/api/v1/auth/logout', { headers: { cookie: `faro_session=${cookie.value}`, 'x-csrf-token': me.body.csrfToken } });
    expect(out.status).toBe(204);
    await expect(page.getByTestId('login-notice').textContent({ timeout: 15_000 })).resolves.toBe('La sessione è scaduta. Accedi di nuovo.');
  });

  it('says an account is locked, and until when in Rome time, after repeated wrong passwords', async () => {
    const locked = await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R19' });
    for (let i = 0; i < 5; i++) {
      await callApi(platform.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: locked.email, password: 'wrong' } });
    }
    const context = await browser.newContext({ baseURL: platform.baseUrl, locale: 'en-GB', timezoneId: 'America/New_York' });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByLabel('Email').fill(locked.email);
      await page.getByLabel('Password').fill(locked.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The browser is in New York; the console still speaks Rome time, zone named.
      await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/^Too many failed attempts: this account is locked\. Try again after \d\d\/\d\d\/\d{4},? \d\d:\d\d:\d\d (CET|CEST|GMT\+1|GMT\+2)\.$/);
    } finally {
      await context.close();
    }
  });

  it('logged no error in either browser’s console', () => {
    // The browser logs every 401 answer as a failed resource: the refused logins above and the
    // "who am I" the console asks after the session ended. Those are expected; nothing else is.
    const appErrors = (p: Person) => p.consoleErrors.filter((e) => !/status of 401/.test(e));
    expect({ operator: appErrors(operator), approver: appErrors(approver) }).toEqual({ operator: [], approver: [] });
  });
});
