import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bearerFor, callApi, createUser, type Bearer } from './auth-client';
import { accessibilityProblems, launchChromium, person, type Person, SHOTS, signIn } from './console-browser';
import { cataniaFlood } from './fixtures/catania-flood';
import type { Platform } from './platform';
import { sharedPlatform } from './shared-platform';

// Runs once, not per queue backend: the report job is queued, but what it tests is the page and the
// file it downloads; the queue backends are compared by the specs of the pipeline
// (scripts/test.sh).

// The console's Reports page in Debian's headless Chromium, on the shared platform: a Sicilian
// auditor sees the statistics drawn and tabled with the API's figures, follows a figure to its
// alerts, and has a period report built by the worker, followed to the end and downloaded.
// Checked with axe-core and photographed in both languages.
jest.setTimeout(180_000);

describe('the console’s Reports page in a browser', () => {
  let platform: Platform;
  let browser: Browser;
  let auditor: Person;
  let operator: Bearer;
  const floods: string[] = [];
  // The page's default period: the last 30 UTC days, today included.
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const from = `${day(new Date(Date.now() - 29 * 86_400_000))}T00:00:00.000Z`;
  const to = new Date(Date.parse(`${day(new Date())}T00:00:00.000Z`) + 86_400_000).toISOString();

  beforeAll(async () => {
    platform = await sharedPlatform();
    browser = await launchChromium();
    auditor = await person(browser, platform, ['auditor'], 'IT-R19', 'Rita Revisora');
    operator = await bearerFor(platform, await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R19' }));
    for (const body of [cataniaFlood(), cataniaFlood(), cataniaFlood({ hazard: 'landslide', status: 'Test', severity: 'Extreme' })]) {
      const drafted = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: operator.headers, body });
      expect(drafted.status).toBe(201);
      if (body.hazard === 'flood') floods.push(drafted.body.alertId);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  // Besides the 401 of GET /api/v1/auth/me before signing in, nothing: no CSP refusal, no error.
  const appErrors = () => auditor.consoleErrors.filter((e) => !/status of 401/.test(e));
  const figuresOn = async (page: Page, dimension: string) =>
    page.locator(`[data-testid=figure][data-dimension=${dimension}]`).evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-key'), Number(r.getAttribute('data-count'))]));

  it('draws the statistics with the API’s figures, accessible in Italian and English', async () => {
    const page = auditor.page;
    await signIn(platform, page, auditor.account);
    await page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Rapporti' }).click();
    await page.getByTestId('statistics').waitFor();
    const api = await callApi(platform.baseUrl, 'GET', `/api/v1/reports/statistics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { headers: auditor.bearer.headers });
    expect(api.status).toBe(200);
    expect(Number(await page.getByTestId('statistics').getAttribute('data-total'))).toBe(api.body.total);
    expect(api.body.total).toBeGreaterThanOrEqual(3);
    for (const dimension of ['hazard', 'status', 'severity', 'urgency', 'certainty', 'msgType', 'territory']) {
      expect([dimension, await figuresOn(page, dimension)]).toEqual([dimension, api.body.by[dimension].map((f: any) => [f.key, f.count])]);
    }
    // Eight charts drawn as SVG, one bar (or stack) per figure or day.
    await page.locator('[data-testid=bar-chart] svg').nth(7).waitFor();
    expect(await page.locator('[data-testid=by-hazard] [data-testid=bar-chart] svg path').count()).toBeGreaterThanOrEqual(api.body.by.hazard.length);

    for (const locale of ['it', 'en'] as const) {
      await page.getByTestId('locale').selectOption(locale);
      await page.getByRole('heading', { level: 1, name: locale === 'it' ? 'Rapporti' : 'Reports' }).waitFor();
      await page.locator('[data-testid=bar-chart] svg').nth(7).waitFor();
      expect([locale, await accessibilityProblems(page)]).toEqual([locale, []]);
      await page.screenshot({ path: join(SHOTS, `reports-${locale}.png`), fullPage: true });
    }
    await page.getByTestId('locale').selectOption('it');
    expect(appErrors()).toEqual([]);
  });

  it('follows a figure, from its table and from its bar, to exactly its alerts', async () => {
    const page = auditor.page;
    const flood = page.locator('[data-testid=figure][data-dimension=hazard][data-key=flood]');
    const count = Number(await flood.getAttribute('data-count'));
    await flood.getByRole('link').click();
    await page.waitForURL(/\/alerts\?/);
    const total = page.getByTestId('alert-total');
    await total.waitFor();
    expect(Number(await total.getAttribute('data-total'))).toBe(count);
    const shown = await page.getByTestId('alert-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(shown).toEqual(expect.arrayContaining(floods));
    expect(await page.getByTestId('alert-filters').textContent()).toContain('Alluvione');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'reports-alert-list-it.png'), fullPage: true });
    await page.getByRole('link', { name: 'Torna ai rapporti' }).click();
    await page.getByTestId('statistics').waitFor();

    // A bar of the chart opens the same list. The bars are in the table's order; flood's place
    // there depends on what other specs on the shared platform drafted, so it is read, not assumed.
    const hazards = await page.locator('[data-testid=figure][data-dimension=hazard]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(hazards).toContain('flood');
    // Clicked as a person would: the pointer put on flood's bar until the chart shows it can be
    // clicked there (ECharts sets the pointer cursor over a bar), then pressed. The bars are found
    // by where they stand, left to right, measured again until the pointer is on one: the SVG's
    // order is the renderer's, and a hovered bar is drawn again on top.
    const chart = page.locator('[data-testid=by-hazard] [data-testid=bar-chart]');
    const bars = chart.locator('svg path[fill="#0b4f8a"]');
    await bars.nth(hazards.length - 1).waitFor();
    await chart.scrollIntoViewIfNeeded();
    const floodAt = async () => {
      const boxes = await bars.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect()).map((r) => ({ left: r.left, x: r.left + r.width / 2, y: r.top + r.height / 2 })));
      expect(boxes).toHaveLength(hazards.length);
      return [...boxes].sort((a, b) => a.left - b.left)[hazards.indexOf('flood')];
    };
    const clickable = (at: { x: number; y: number }) =>
      page.evaluate(({ x, y }) => {
        const w = globalThis as any;
        const under = w.document.elementFromPoint(x, y);
        return !!under && w.getComputedStyle(under).cursor === 'pointer';
      }, at);
    let at = await floodAt();
    for (let tries = 0; ; tries++) {
      await page.mouse.move(at.x, at.y);
      if (await clickable(at)) break;
      if (tries === 20) throw new Error(`the pointer at ${JSON.stringify(at)} never rested on a clickable bar`);
      await page.waitForTimeout(100);
      at = await floodAt();
    }
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForURL(/\/alerts\?/);
    expect(page.url()).toMatch(/\/alerts\?.*hazard=flood/);
    await total.waitFor();
    expect(Number(await total.getAttribute('data-total'))).toBe(count);
    await page.goBack();
    await page.getByTestId('statistics').waitFor();
  });

  it('builds a period report in the background, shows its progress to the end and downloads it', async () => {
    const page = auditor.page;
    await page.getByTestId('job-format').selectOption('csv');
    await page.getByRole('button', { name: 'Avvia il rapporto' }).click();
    const status = page.getByTestId('job-status');
    await status.waitFor();
    await page.locator('[data-testid=job-status][data-status=done]').waitFor({ timeout: 120_000 });
    expect(await status.locator('progress').getAttribute('value')).toBe('1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('job-download').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('section,subject,route,metric,value');
    for (const id of floods) expect(csv).toContain(id);
    expect(csv).toMatch(/report,[^\n]*chain-head-hash,[0-9a-f]{64}/);
    await page.screenshot({ path: join(SHOTS, 'reports-job-done-it.png'), fullPage: true });
    expect(appErrors()).toEqual([]);
  });
});
