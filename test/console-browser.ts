import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bearerFor, createUser, nextTotpCode, type Bearer, type TestAccount } from './auth-client';
import type { Role } from '@faro/identity';
import type { Platform } from './platform';

// What every browser spec of the console shares: Debian's Chromium with the brief's flags, a
// page that records its console errors, signing in with TOTP, and the axe-core check.

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = resolve(__dirname, '..', 'test-output', 'console');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// A missing browser is a failure, never a skip: the console would go untested unnoticed.
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser: ${CHROMIUM} is missing. Install Debian's chromium (apt-get install -y chromium; .ci/run does this).`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
}

// A page in Italian, Rome time shown from UTC, whose console errors and page errors go to errors.
export async function openPage(browser: Browser, platform: Platform, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: platform.baseUrl, locale: 'it-IT', timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page };
}

export interface Person {
  account: TestAccount;
  bearer: Bearer;
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
}

// A user with TOTP, an API token for the spec's own calls, and a browser page of their own.
export async function person(browser: Browser, platform: Platform, roles: Role[], jurisdictionId: string, displayName: string): Promise<Person> {
  const account = await createUser(platform, { roles, jurisdictionId, withTotp: true, displayName });
  const bearer = await bearerFor(platform, account);
  const consoleErrors: string[] = [];
  return { account, bearer, ...(await openPage(browser, platform, consoleErrors)), consoleErrors };
}

export async function signIn(platform: Platform, page: Page, account: TestAccount): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  const code = page.locator('input[name=totp]');
  await code.waitFor();
  await code.fill(await nextTotpCode(platform, account));
  await page.getByRole('button', { name: 'Verifica il codice' }).click();
  await page.getByTestId('identity').waitFor();
}

// axe-core in the page: its serious or critical violations. Evaluated over the DevTools
// protocol: the console's CSP (rightly) refuses an inline script tag.
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> = await page.evaluate(async () => {
    const g = globalThis as any;
    return (await g.axe.run(g.document)).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
