import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { freshBenchDatabase, spread } from './bench-database';
import { runBench, writeBenchResult } from './bench-run';
import { createUser, nextTotpCode } from '../test/auth-client';
import { startPlatform, waitUntil } from '../test/platform';
import { grantToken } from '../test/principals';

const HELP = `Alert detail map benchmark: the first paint of a national alert's cells in headless Chromium.

Releases one national alert (the 20 regions, ~200,000 cells), then opens its Alert detail page
--runs times in Debian's Chromium (/usr/bin/chromium) and reads, per load, from the page's own
performance timeline: when GET /api/v1/alerts/{id}/cells answered, when the cells were first
painted (the 'faro:cells-painted' mark, two animation frames after the canvas was drawn), and the
longest task on the main thread. Prints min / median / max and writes bench/results/alert-map-*.json.

Usage: npm run build && node dist/bench/alert-map.bench.js [--runs N]   (default 5, at least 3)
Needs PostgreSQL (FARO_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/faro_bench_map,
dropped and seeded afresh) and Redis unless FARO_QUEUE_BACKEND=postgres.`;

const CHROMIUM = '/usr/bin/chromium';
const REGIONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'];

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return console.log(HELP);
  const runs = Math.max(3, Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5);
  const databaseUrl = process.env.FARO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/faro_bench_map';
  // One KEK for the seed, the platform and the TOTP secret of the bench's user.
  process.env.FARO_KEK ??= randomBytes(32).toString('base64');
  process.env.FARO_TEST_DATABASE_URL = databaseUrl;
  await freshBenchDatabase(databaseUrl);
  const p = await startPlatform({ UPLINK_SIM_FAILURE_RATE: '0', LOG_LEVEL: 'warn', UPLINK_SIM_CAPACITY_FACTOR: '100' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  try {
    const operator = await grantToken(p.databaseUrl, ['operator']);
    const approver = await grantToken(p.databaseUrl, ['approver']);
    const created = await fetch(`${p.baseUrl}/api/v1/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...operator.headers },
      body: JSON.stringify({
        hazard: 'earthquake',
        areas: REGIONS.map((code) => ({ type: 'geocode', scheme: 'ISTAT_REGION', code })),
        severity: 'Extreme',
        urgency: 'Immediate',
        certainty: 'Observed',
        status: 'Exercise',
        languages: [{ language: 'it-IT', text: 'ESERCITAZIONE: prova di allerta nazionale.' }],
        expires: new Date(Date.now() + 3600_000).toISOString(),
      }),
    });
    if (created.status !== 201) throw new Error(`incident: ${created.status} ${await created.text()}`);
    const { alertId } = (await created.json()) as { alertId: string };
    const released = await fetch(`${p.baseUrl}/api/v1/alerts/${alertId}/release`, { method: 'POST', headers: approver.headers });
    if (released.status !== 200) throw new Error(`release: ${released.status} ${await released.text()}`);
    const db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    await waitUntil('the national alert active', async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0]?.state === 'active', 600_000, p.logs);
    const { rows: [{ cells }] } = await db.query(`SELECT count(DISTINCT cell_id)::int AS cells FROM deliveries WHERE alert_id = $1`, [alertId]);
    await db.end();
    console.log(`national alert ${alertId}: ${cells} cells on air`);

    const account = await createUser(p, { roles: ['operator'], jurisdictionId: 'IT', withTotp: true, displayName: 'Bench' });
    const context = await browser.newContext({ baseURL: p.baseUrl, locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    // Long tasks from the start of every document: the page must not freeze while it paints.
    await context.addInitScript(() => {
      const g = globalThis as any;
      g.__longest = 0;
      new g.PerformanceObserver((l: any) => l.getEntries().forEach((e: any) => (g.__longest = Math.max(g.__longest, e.duration)))).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.locator('input[name=totp]').fill(await nextTotpCode(p, account));
    await page.getByRole('button', { name: 'Verifica il codice' }).click();
    await page.getByTestId('identity').waitFor();

    const samples: Array<{ paintMs: number; cellsAnsweredMs: number; cellsBytes: number; afterAnswerMs: number; longestTaskMs: number }> = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`/alerts/${alertId}`);
      await page.locator(`[data-testid=cell-map][data-cells-painted="${cells}"]`).waitFor({ timeout: 120_000 });
      await page.waitForFunction(() => performance.getEntriesByName('faro:cells-painted').length > 0);
      // Let a long task that ends after the paint be reported too.
      await page.waitForTimeout(500);
      const s = await page.evaluate(() => {
        const paint = performance.getEntriesByName('faro:cells-painted')[0];
        const answer = performance.getEntriesByType('resource').find((r) => /\/api\/v1\/alerts\/[^/]+\/cells$/.test(r.name)) as any;
        return { paintMs: paint.startTime, cellsAnsweredMs: answer.responseEnd, cellsBytes: answer.encodedBodySize, afterAnswerMs: paint.startTime - answer.responseEnd, longestTaskMs: (globalThis as any).__longest as number };
      });
      samples.push(s);
      console.log(`run ${i + 1}: first paint ${Math.round(s.paintMs)} ms after navigation (cells answered at ${Math.round(s.cellsAnsweredMs)} ms, ${(s.cellsBytes / 1e6).toFixed(1)} MB; ${Math.round(s.afterAnswerMs)} ms in the page after it), longest task ${Math.round(s.longestTaskMs)} ms`);
    }
    const result = {
      at: new Date().toISOString(),
      node: process.version,
      chromium: browser.version(),
      cells,
      runs,
      firstPaintMs: spread(samples.map((s) => Math.round(s.paintMs))),
      cellsAnsweredMs: spread(samples.map((s) => Math.round(s.cellsAnsweredMs))),
      afterAnswerMs: spread(samples.map((s) => Math.round(s.afterAnswerMs))),
      longestTaskMs: spread(samples.map((s) => Math.round(s.longestTaskMs))),
      cellsMegabytes: Math.round(samples[0].cellsBytes / 1e5) / 10,
      samples,
    };
    const file = writeBenchResult('alert-map', result, result.at);
    const f = (x: { min: number; median: number; max: number }) => `${x.min} / ${x.median} / ${x.max} ms`;
    console.log(`\n| cells | first paint after navigation (min / median / max) | /cells answered | in the page after the answer | longest task | /cells size |`);
    console.log(`|---|---|---|---|---|---|`);
    console.log(`| ${cells} | ${f(result.firstPaintMs)} | ${f(result.cellsAnsweredMs)} | ${f(result.afterAnswerMs)} | ${f(result.longestTaskMs)} | ${result.cellsMegabytes} MB |`);
    console.log(`\nwritten: ${file}`);
  } finally {
    await browser.close();
    await p.stop();
  }
}

runBench(main);
