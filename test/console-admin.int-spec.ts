import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { webhookSignature } from '@faro/sensors';
import { bearerFor, callApi, createUser, type Bearer } from './auth-client';
import { accessibilityProblems, launchChromium, person, type Person, SHOTS, signIn } from './console-browser';
import { cataniaFlood } from './fixtures/catania-flood';
import type { Platform } from './platform';
import { sharedPlatform } from './shared-platform';

// Runs once, not per queue backend: nothing here is released, so nothing is fanned out or queued
// (scripts/test.sh).

// The console's Audit and Administration pages in Debian's headless Chromium, on the shared
// platform: an auditor reads and filters the trail, an administrator creates a user and a sensor
// and rotates the signing key. Every page is checked with axe-core and photographed in both languages.

jest.setTimeout(180_000);

describe('the console’s audit and administration pages in a browser', () => {
  let platform: Platform;
  let browser: Browser;
  let auditor: Person;
  let admin: Person;
  let operator: Bearer;
  let operatorId: string;
  let alertId: string;



  // Checked with axe and photographed in Italian, then in English; back to Italian after.
  async function checkAndShoot(page: Page, name: string, ready: string): Promise<void> {
    for (const locale of ['it', 'en'] as const) {
      await page.getByTestId('locale').selectOption(locale);
      await page.locator(ready).first().waitFor();
      expect([name, locale, await accessibilityProblems(page)]).toEqual([name, locale, []]);
      await page.screenshot({ path: join(SHOTS, `${name}-${locale}.png`), fullPage: true });
    }
    await page.getByTestId('locale').selectOption('it');
  }

  const rows = (page: Page) => page.getByTestId('audit-entry');

  beforeAll(async () => {
    platform = await sharedPlatform();
    browser = await launchChromium();
    auditor = await person(browser, platform, ['auditor'], 'IT-R19', 'Carla Revisora');
    admin = await person(browser, platform, ['admin'], 'IT', 'Dario Amministratore');
    // What the auditor will find: a Sicilian alert drafted, and a refused request.
    const op = await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R19', displayName: 'Elio Operatore' });
    operatorId = op.id;
    operator = await bearerFor(platform, op);
    const drafted = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: operator.headers, body: cataniaFlood() });
    expect(drafted.status).toBe(201);
    alertId = drafted.body.alertId;
    expect((await callApi(platform.baseUrl, 'GET', '/api/v1/users', { headers: operator.headers })).status).toBe(403);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows an auditor the Audit page and no Administration, with the chain verified', async () => {
    await signIn(platform, auditor.page, auditor.account);
    const page = auditor.page;
    const nav = page.getByRole('navigation', { name: 'Principale' });
    expect(await nav.getByRole('link', { name: 'Amministrazione' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Audit' }).click();
    const chain = page.getByTestId('chain');
    await chain.waitFor();
    expect(await chain.getAttribute('data-intact')).toBe('true');
    expect(await chain.textContent()).toMatch(/Catena verificata: integra, \d+ voci concatenate correttamente\./);
    await rows(page).first().waitFor();
    // Newest first: the operator's refusal is near the top, marked.
    const refusal = page.locator(`[data-testid=audit-entry][data-action="auth.refused"]`).filter({ hasText: 'Elio Operatore' });
    await refusal.first().waitFor();
    expect(await refusal.first().getAttribute('data-refused')).toBe('true');
    expect(await refusal.first().textContent()).toContain('RIFIUTATA');
  });

  it('filters the trail by alert and action, by refused actions only, and by clicking an actor', async () => {
    const page = auditor.page;
    await page.getByLabel('Allarme (id)').fill(alertId);
    await page.getByLabel('Azione').fill('alert.drafted');
    await page.getByRole('button', { name: 'Applica i filtri' }).click();
    await page.waitForFunction(() => [...(globalThis as any).document.querySelectorAll('[data-testid=audit-entry]')].every((r: any) => r.getAttribute('data-action') === 'alert.drafted'));
    expect(await rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('Elio Operatore');

    await page.getByRole('button', { name: 'Azzera i filtri' }).click();
    await page.getByLabel('Solo azioni rifiutate').check();
    await page.getByRole('button', { name: 'Applica i filtri' }).click();
    await page.waitForFunction(() => {
      const r: any[] = [...(globalThis as any).document.querySelectorAll('[data-testid=audit-entry]')];
      return r.length > 0 && r.every((e) => e.getAttribute('data-refused') === 'true');
    });

    // A time range that ends before anything was written shows nothing.
    await page.getByLabel('Fino al').fill('2020-01-01T00:00');
    await page.getByRole('button', { name: 'Applica i filtri' }).click();
    await page.getByTestId('audit-empty').waitFor();

    await page.getByRole('button', { name: 'Azzera i filtri' }).click();
    await page.getByRole('button', { name: 'Elio Operatore' }).first().click();
    expect(await page.getByLabel('Autore (user:… o sensor:…)').inputValue()).toBe(`user:${operatorId}`);
    await page.waitForFunction((n) => [...(globalThis as any).document.querySelectorAll('[data-testid=audit-entry]')].every((r: any) => r.textContent.includes(n)), 'Elio Operatore');
    expect(await rows(page).count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Azzera i filtri' }).click();
    await rows(page).first().waitFor();
    await checkAndShoot(page, 'console-audit', '[data-testid=audit-entry]');
  });

  it('lets an administrator create a user, showing the generated password once', async () => {
    await signIn(platform, admin.page, admin.account);
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Amministrazione' }).click();
    await page.getByRole('heading', { name: 'Utenti', level: 1 }).waitFor();
    const email = `nuova-${Date.now()}@faro.test`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Nome').fill('Franca Nuova');
    await page.getByLabel('Territorio (es. IT-R19)').fill('IT-R19');
    await page.getByRole('checkbox', { name: 'approvatore' }).check();
    await page.getByRole('button', { name: 'Crea l’utente' }).click();
    const password = await page.getByTestId('secret-value').textContent();
    expect(password!.length).toBeGreaterThanOrEqual(12);
    const row = page.locator(`[data-testid=user-row][data-email="${email}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Franca Nuova.*operatore, approvatore.*IT-R19/);
    // The password works: the new user can sign in with it (and must then enrol TOTP, as an approver).
    const login = await callApi(platform.baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password } });
    expect([login.status, login.body.totpEnrollmentRequired]).toEqual([200, true]);
    await page.getByRole('button', { name: 'L’ho copiato' }).click();
    expect(await page.getByTestId('secret-once').count()).toBe(0);
    await page.reload();
    await row.waitFor();
    expect(await page.getByText(password!).count()).toBe(0);
    await checkAndShoot(page, 'console-admin-users', '[data-testid=user-row]');
  });

  it('lets an administrator create a sensor, showing its secret once, which signs a webhook Faro accepts', async () => {
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Sensori' }).click();
    const name = `Idrometro Simeto ${Date.now() % 100000}`;
    await page.getByLabel('Nome').fill(name);
    await page.getByLabel('Territorio', { exact: true }).fill('IT-R19');
    await page.getByRole('button', { name: 'Crea il sensore' }).click();
    const secret = (await page.getByTestId('secret-value').textContent())!;
    const row = page.locator(`[data-testid=sensor-row][data-name="${name}"]`);
    await row.waitFor();
    const sensorId = (await row.locator('code').textContent())!;
    const body = JSON.stringify(cataniaFlood());
    const ts = String(Math.floor(Date.now() / 1000));
    const r = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensorId}/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-faro-timestamp': ts, 'x-faro-signature': webhookSignature(Buffer.from(secret, 'utf8'), ts, Buffer.from(body, 'utf8')) },
      body,
    });
    expect(r.status).toBe(201);
    await page.getByRole('button', { name: 'L’ho copiato' }).click();
    // Rotating shows a new secret, once.
    await row.getByTestId('rotate-secret').click();
    const rotated = await page.getByTestId('secret-value').textContent();
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'L’ho copiato' }).click();
    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId('secret-once').count()).toBe(0);
    await checkAndShoot(page, 'console-admin-sensors', '[data-testid=sensor-row]');
  });

  it('lets an administrator rotate the signing key, and the JWKS publishes the new key', async () => {
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Chiavi' }).click();
    await page.getByTestId('signing-keys').locator('li').first().waitFor();
    await page.getByLabel('Motivo della rotazione (resta nel registro di audit)').fill('Rotazione programmata');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('rotate-signing').click();
    const message = page.getByTestId('admin-message');
    await expect(message.textContent()).resolves.toMatch(/^Chiave di firma ruotata: nuova chiave [0-9a-f]{8}, precedente [0-9a-f]{8}\.$/);
    const kid = /nuova chiave ([0-9a-f]{8})/.exec((await message.textContent())!)![1];
    const jwks = (await (await fetch(`${platform.baseUrl}/.well-known/faro/keys`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((k) => k.kid)).toContain(kid);
    await page.locator(`[data-testid=signing-keys] li[data-kid="${kid}"][data-status=active]`).waitFor();
    await checkAndShoot(page, 'console-admin-keys', '[data-testid=gateway-keys] li');
  });

  it('lets an administrator create an API token, shown once, and add a handset to a restricted-audience group', async () => {
    const page = admin.page;
    const sub = page.getByRole('navigation', { name: 'Amministrazione' });
    await sub.getByRole('link', { name: 'Token API' }).click();
    await page.getByLabel('Nome').fill('script di prova');
    await page.getByRole('button', { name: 'Crea il token' }).click();
    const token = (await page.getByTestId('secret-value').textContent())!;
    const me = await callApi(platform.baseUrl, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.body.user.id).toBe(admin.account.id);
    await page.getByRole('button', { name: 'L’ho copiato' }).click();
    await checkAndShoot(page, 'console-admin-tokens', '[data-testid=token-row]');
    // A handset in a group, registered through the API, for the page to show; the page adds a second.
    const suffix = randomUUID().slice(0, 6);
    const x25519 = () => generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }).x!;
    const made = [
      await callApi(platform.baseUrl, 'POST', '/api/v1/handsets', { headers: admin.bearer.headers, body: { id: `radio-${suffix}`, label: 'Radio sala operativa', publicKey: x25519(), jurisdictionId: 'IT-R19' } }),
      await callApi(platform.baseUrl, 'POST', '/api/v1/groups', { headers: admin.bearer.headers, body: { id: `vvf-${suffix}`, name: 'Vigili del fuoco Catania', jurisdictionId: 'IT-R19' } }),
      await callApi(platform.baseUrl, 'POST', `/api/v1/groups/vvf-${suffix}/members`, { headers: admin.bearer.headers, body: { handsetId: `radio-${suffix}` } }),
    ];
    expect(made.map((r) => r.status)).toEqual([201, 201, 201]);
    await sub.getByRole('link', { name: 'Terminali e gruppi' }).click();
    await page.getByLabel('Id del terminale').fill(`tablet-${suffix}`);
    await page.getByLabel('Etichetta').fill('Tablet prefettura');
    await page.getByLabel('Chiave pubblica X25519 (base64url)').fill(x25519());
    await page.getByRole('button', { name: 'Registra il terminale' }).click();
    const group = page.getByTestId('group').filter({ hasText: `vvf-${suffix}` });
    await group.getByLabel('Terminale da aggiungere a Vigili del fuoco Catania').selectOption(`tablet-${suffix}`);
    await group.getByRole('button', { name: 'Aggiungi' }).click();
    await group.getByText(`tablet-${suffix}`).waitFor();
    await expect(page.getByTestId('admin-message').textContent()).resolves.toBe(`tablet-${suffix} aggiunto a Vigili del fuoco Catania.`);
    await checkAndShoot(page, 'console-admin-audiences', '[data-testid=group]');
  });

  it('logged no error in either browser’s console', () => {
    // The browser logs the 401 of the "who am I" the console asks before anyone signs in; nothing else is expected.
    const appErrors = (p: Person) => p.consoleErrors.filter((e) => !/status of 401/.test(e));
    expect({ auditor: appErrors(auditor), admin: appErrors(admin) }).toEqual({ auditor: [], admin: [] });
  });
});
