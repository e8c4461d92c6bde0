import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bearerFor, callApi, createUser, nextTotpCode, type Bearer, type TestAccount } from './auth-client';
import { accessibilityProblems, launchChromium, openPage, SHOTS } from './console-browser';
import { startPlatform, waitUntil, type Platform } from './platform';

// The Alert detail page in Debian's headless Chromium (issue 10): an operator watches their alert
// released by an approver, live: the timeline, delivery to 100 %, the cells on the map, the pages
// on air in hex with their key id; then drafts an Update with its live preview, and a Cancel.

// Runs once, not per queue backend: its alert is queued, but what it tests is the page; how the two
// queue backends carry batches is what the pipeline specs run twice for (scripts/test.sh).

jest.setTimeout(240_000);


describe('the Alert detail page in a browser', () => {
  let platform: Platform;
  let browser: Browser;
  let operator: TestAccount;
  let opBearer: Bearer;
  let approverBearer: Bearer;
  let page: Page;
  let alertId: string;
  const pageErrors: string[] = [];

  const get = async (path: string) => (await callApi(platform.baseUrl, 'GET', path, { headers: opBearer.headers })).body;

  const a11y = () => accessibilityProblems(page);

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    operator = await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R19', withTotp: true, displayName: 'Ada Operatrice' });
    opBearer = await bearerFor(platform, operator);
    approverBearer = await bearerFor(platform, await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19', withTotp: true, displayName: 'Bruno Approvatore' }));
    ({ page } = await openPage(browser, platform, pageErrors));
    await page.goto('/');
    await page.getByLabel('Email').fill(operator.email);
    await page.getByLabel('Password').fill(operator.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.locator('input[name=totp]').fill(await nextTotpCode(platform, operator));
    await page.getByRole('button', { name: 'Verifica il codice' }).click();
    await page.getByTestId('identity').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows a released alert’s timeline, delivery to 100 % and its cells on the map, live', async () => {
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', {
      headers: opBearer.headers,
      body: {
        hazard: 'earthquake',
        areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
        severity: 'Severe',
        urgency: 'Immediate',
        certainty: 'Observed',
        status: 'Actual',
        languages: [
          { language: 'it-IT', headline: 'Terremoto a Catania', text: 'Forte terremoto nella zona di Catania. Allontanarsi dagli edifici.' },
          { language: 'en-GB', headline: 'Earthquake in Catania', text: 'Strong earthquake in the Catania area. Leave buildings.' },
        ],
        expires: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    alertId = created.body.alertId;
    expect((await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${alertId}/submit`, { headers: opBearer.headers })).status).toBe(200);
    await page.goto(`/alerts/${alertId}`);
    await page.locator('[data-testid=live-status][data-status=live]').waitFor();
    await page.locator('.timeline li[data-step=submitted]').waitFor();
    // Issue 14: before release, the satellite cells no satellite serves before expiry, assessed.
    const assessed = await get(`/api/v1/alerts/${alertId}/satellite-reach`);
    expect(assessed.source).toBe('assessed');
    await page.locator(`[data-testid=satellite-unserved][data-unserved="${assessed.unservedCount}"]`).waitFor();

    // Released in another place while the page is open: everything below arrives without a reload.
    expect((await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${alertId}/release`, { headers: approverBearer.headers })).status).toBe(200);
    await waitUntil(
      'delivery at 100 % on the alert page',
      async () => {
        const values = await page.getByTestId('progress-value').evaluateAll((els) => els.map((e) => e.getAttribute('data-percent')));
        return values.length >= 2 && values.every((v) => v === '100');
      },
      60_000,
      platform.logs,
    );
    await page.locator('.timeline li[data-step=delivered][data-percent="100"]').waitFor({ timeout: 30_000 });
    const timeline = await get(`/api/v1/alerts/${alertId}/timeline`);
    await waitUntil('the whole timeline on the page', async () => (await page.locator('.timeline li').count()) === timeline.entries.length, 15_000);
    expect(await page.locator('.timeline li').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual(timeline.entries.map((e: any) => e.step));
    expect(await page.locator('.timeline li[data-step=approved]').textContent()).toContain('Approvata da Bruno Approvatore');
    const signed = timeline.entries.find((e: any) => e.step === 'signed');
    expect(await page.locator('.timeline li[data-step=signed]').textContent()).toContain(`Firmata con la chiave ${signed.keyIds.join(', ')}`);
    // Rome time with its zone named.
    expect(await page.locator('.timeline li time').first().textContent()).toMatch(/CES?T|GMT\+[12]/);

    const cells = await get(`/api/v1/alerts/${alertId}/cells`);
    await waitUntil('every cell on air on the map', async () => (await page.locator('[data-testid=cell-legend] li[data-state=on-air]').getAttribute('data-count')) === String(cells.count), 30_000);
    expect(await page.getByTestId('cell-map').getAttribute('data-cells-painted')).toBe(String(cells.count));
    // After release, the worker's stored plan, on the page after a reload.
    await waitUntil('the satellite plan stored', async () => (await get(`/api/v1/alerts/${alertId}/satellite-reach`)).source === 'planned', 60_000, platform.logs);
    await page.reload();
    const planned = await get(`/api/v1/alerts/${alertId}/satellite-reach`);
    await page.locator(`[data-testid=satellite-unserved][data-unserved="${planned.unservedCount}"]`).waitFor();
  });

  it('shows each language’s pages on air in hex with the signature and its key id', async () => {
    const { broadcasts } = await get(`/api/v1/alerts/${alertId}/broadcasts`);
    const it = broadcasts.find((b: any) => b.kind === 'alert' && b.language.startsWith('it'));
    const article = page.locator(`[data-testid="pages-${it.language}-alert"]`);
    await article.waitFor();
    expect(await article.getByTestId('key-id').textContent()).toBe(it.keyId);
    expect(await article.getByTestId('signature').textContent()).toBe(it.signature);
    const shown = await article.getByTestId('page-hex').allTextContents();
    expect(shown).toEqual(it.pages);
    for (const p of shown) expect(p).toMatch(/^[0-9a-f]+$/i);
    // The signature's companion message too, for each language.
    expect(await page.locator('[data-testid$=-companion]').count()).toBe(broadcasts.filter((b: any) => b.kind === 'companion').map((b: any) => b.messageId).filter((x: string, i: number, a: string[]) => a.indexOf(x) === i).length);

    expect(await a11y()).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'console-alert-detail-it.png'), fullPage: true });
    await page.getByTestId('locale').selectOption('en');
    await page.locator('.timeline li[data-step=approved]', { hasText: 'Approved by Bruno Approvatore' }).waitFor();
    expect(await a11y()).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'console-alert-detail-en.png'), fullPage: true });
    await page.getByTestId('locale').selectOption('it');
  });

  it('drafts an Update from the page with the same live preview as a new alert', async () => {
    await page.getByTestId('update').click();
    const panel = page.getByTestId('update-panel');
    const text = panel.getByTestId('update-text-it').locator('textarea');
    await text.waitFor();
    await text.fill('Aggiornamento: scosse di assestamento nella zona di Catania. Restare fuori dagli edifici.');
    await panel.getByTestId('preview-busy').waitFor({ state: 'detached' });
    const cells = panel.getByTestId('preview-cells');
    await cells.waitFor();
    const original = await get(`/api/v1/alerts/${alertId}`);
    expect(Number(await cells.getAttribute('data-cells'))).toBe(original.targeting.counts.total);
    await expect(panel.getByTestId('phone-it').locator('.phone-text').textContent()).resolves.toContain('scosse di assestamento');
    await expect(panel.getByTestId('phone-it').locator('figcaption').textContent()).resolves.toMatch(/^\d+ caratteri, GSM a 7 bit, \d+ pagina\/e$/);
    expect(await a11y()).toEqual([]);
    await panel.getByTestId('update-submit').click();
    await page.waitForURL((u) => /^\/alerts\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(alertId));
    const update = await get(`/api/v1/alerts/${page.url().split('/').pop()}`);
    expect([update.msgType, update.references, update.state, update.languages.find((l: any) => l.language.startsWith('it')).text]).toEqual([
      'Update',
      alertId,
      'draft',
      'Aggiornamento: scosse di assestamento nella zona di Catania. Restare fuori dagli edifici.',
    ]);
  });

  it('drafts a Cancel after showing the cells it takes off the air', async () => {
    await page.goto(`/alerts/${alertId}`);
    await page.getByTestId('cancel').click();
    const panel = page.getByTestId('cancel-panel');
    const cells = panel.getByTestId('preview-cells');
    await cells.waitFor();
    const original = await get(`/api/v1/alerts/${alertId}`);
    expect(Number(await cells.getAttribute('data-cells'))).toBe(original.targeting.counts.total);
    expect(await a11y()).toEqual([]);
    await panel.getByTestId('cancel-confirm').click();
    await page.waitForURL((u) => /^\/alerts\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(alertId));
    const cancel = await get(`/api/v1/alerts/${page.url().split('/').pop()}`);
    expect([cancel.msgType, cancel.references, cancel.state]).toEqual(['Cancel', alertId, 'draft']);
  });

  it('logged no error in the browser', () => {
    // The session check before sign-in answers 401, which the browser logs as a failed resource.
    expect(pageErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
