import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { bearerFor, callApi, createUser, nextTotpCode, type Bearer, type TestAccount } from './auth-client';
import { accessibilityProblems, launchChromium, openPage, SHOTS } from './console-browser';
import { HAZARDS } from '@faro/alerts';
import { TEMPLATE_HAZARDS } from '../apps/console/src/new-alert/templates';
import { startPlatform, waitUntil, type Platform } from './platform';

// Independent of the console's reader (shpjs): mapbox's shapefile writer, JSZip, and proj4 for the
// projection a GIS desk in eastern Sicily uses.
const shpWrite = require('@mapbox/shp-write') as { zip(geojson: object, options: { outputType: 'nodebuffer'; prj: string }): Promise<Buffer> };
const JSZip = require('jszip') as new () => { file(name: string, data: string): { generateAsync(o: { type: 'nodebuffer' }): Promise<Buffer> } };
const proj4 = require('proj4') as (from: string, to: string) => { forward(p: [number, number]): [number, number] };
const UTM_33N =
  'PROJCS["WGS_1984_UTM_Zone_33N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

// The New alert page in Debian's headless Chromium (issue 10): an operator of Sicily draws an
// area on the map with the mouse, sees the API's own preview of it, picks a province, is refused
// an area outside the territory before submitting, submits, and copies the alert as a new draft.
// One platform for the file, without a worker.

// Runs once, not per queue backend: nothing here is queued (drafts are never released; scripts/test.sh).

jest.setTimeout(240_000);

// Around Catania's harbour, [lon, lat]: land and sea, inside Sicily's territory and its waters.
const NEAR_CATANIA: Array<[number, number]> = [[15.0, 37.44], [15.16, 37.44], [15.16, 37.56], [15.0, 37.56]];

describe('the New alert page in a browser', () => {
  let platform: Platform;
  let browser: Browser;
  let account: TestAccount;
  let bearer: Bearer;
  let page: Page;
  const pageErrors: string[] = [];
  const previewBodies: string[] = [];
  let submittedAlertId: string;

  // A place on the map as a pixel of the page: Web Mercator from the view the map publishes.
  async function pixelOf([lon, lat]: [number, number]): Promise<{ x: number; y: number }> {
    const map = page.getByTestId('area-map');
    const box = (await map.boundingBox())!;
    const [clat, clon, zoom] = (await map.getAttribute('data-view'))!.split(',').map(Number);
    const size = 256 * 2 ** zoom;
    const x = (l: number) => ((l + 180) / 360) * size;
    const y = (la: number) => {
      const s = Math.sin((la * Math.PI) / 180);
      return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size;
    };
    return { x: box.x + box.width / 2 + x(lon) - x(clon), y: box.y + box.height / 2 + y(lat) - y(clat) };
  }

  // fresh: a new page load, so no area of an earlier test is left in the form.
  async function openNewAlert(fresh = true): Promise<void> {
    if (fresh) await page.goto('/alerts/new');
    else await page.getByRole('link', { name: 'Nuova allerta' }).click();
    await page.waitForURL('**/alerts/new');
    // The boundaries are loaded and the map has opened on Sicily.
    await page.waitForFunction(() => Number((globalThis as any).document.querySelector('[data-testid=area-map]')?.getAttribute('data-view')?.split(',')[2]) >= 7);
  }

  async function zoomIn(times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      const before = await page.getByTestId('area-map').getAttribute('data-view');
      await page.locator('.leaflet-control-zoom-in').click();
      await page.waitForFunction((b) => (globalThis as any).document.querySelector('[data-testid=area-map]')?.getAttribute('data-view') !== b, before);
    }
  }

  // The figures the page shows once the preview has answered.
  async function shownCells(): Promise<number> {
    await page.getByTestId('preview-busy').waitFor({ state: 'detached' });
    const cells = page.getByTestId('preview-cells');
    await cells.waitFor();
    return Number(await cells.getAttribute('data-cells'));
  }

  async function askApiLikeThePage(): Promise<any> {
    const r = await callApi(platform.baseUrl, 'POST', '/api/v1/drafts/preview', { headers: bearer.headers, body: JSON.parse(previewBodies[previewBodies.length - 1]) });
    expect(r.status).toBe(200);
    return r.body;
  }

  const a11y = () => accessibilityProblems(page);

  beforeAll(async () => {
    platform = await startPlatform({}, { worker: false });
    browser = await launchChromium();
    account = await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R19', withTotp: true, displayName: 'Ada Operatrice' });
    bearer = await bearerFor(platform, account);
    ({ page } = await openPage(browser, platform, pageErrors));
    page.on('request', (r: Request) => r.url().endsWith('/api/v1/drafts/preview') && previewBodies.push(r.postData() ?? ''));
    await page.goto('/');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.locator('input[name=totp]').fill(await nextTotpCode(platform, account));
    await page.getByRole('button', { name: 'Verifica il codice' }).click();
    await page.getByTestId('identity').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('previews a polygon drawn near Catania with the cells the API counts for it, and submits it', async () => {
    await openNewAlert(false);
    await zoomIn(2);
    await page.getByTestId('draw-polygon').click();
    for (const p of NEAR_CATANIA) {
      const { x, y } = await pixelOf(p);
      await page.mouse.click(x, y);
    }
    await page.getByTestId('finish-polygon').click();
    const cells = await shownCells();
    expect(cells).toBeGreaterThan(0);

    // The page asked for the polygon that was clicked (to a pixel at this zoom: ~0.003°).
    const asked = JSON.parse(previewBodies[previewBodies.length - 1]);
    expect(asked.areas).toHaveLength(1);
    asked.areas[0].coordinates.slice(0, 4).forEach(([lon, lat]: [number, number], i: number) => {
      expect(Math.abs(lon - NEAR_CATANIA[i][0])).toBeLessThan(0.005);
      expect(Math.abs(lat - NEAR_CATANIA[i][1])).toBeLessThan(0.005);
    });
    const api = await askApiLikeThePage();
    expect(cells).toBe(api.targeting.counts.total);
    expect(await page.getByTestId('preview-population').textContent()).toBe(new Intl.NumberFormat('it-IT').format(api.targeting.residentPopulation));
    // Issue 14: the satellite cells no satellite serves before expiry, as the API assesses them.
    if (api.targeting.counts.satellite > 0) {
      const unserved = page.getByTestId('satellite-unserved');
      await expect(unserved.getAttribute('data-unserved')).resolves.toBe(String(api.satellite.unservedCount));
      await expect(unserved.textContent()).resolves.toContain(new Intl.NumberFormat('it-IT').format(api.satellite.satelliteCells));
    }
    for (const route of Object.keys(api.targeting.routes)) await expect(page.getByTestId(`preview-route-${route}`).textContent()).resolves.toContain(new Intl.NumberFormat('it-IT').format(api.targeting.routes[route].cells));
    // Sicily: Italian and English only; each text with its alphabet and pages, as the API counts them.
    expect(api.messages.map((m: any) => m.language)).toEqual(['it', 'en']);
    const it = api.messages[0];
    await expect(page.getByTestId('phone-it').locator('figcaption').textContent()).resolves.toBe(`${it.characters} caratteri, GSM a 7 bit, ${it.totalPages} pagina/e`);

    // An exercise looks different before it is submitted: the banner and the phone's title.
    await page.getByLabel('ESERCITAZIONE').check();
    await page.getByTestId('drill-banner').waitFor();
    await expect(page.getByTestId('phone-it').locator('.phone-title').textContent()).resolves.toContain('ESERCITAZIONE');
    await shownCells();
    expect(await a11y()).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'console-new-alert-it.png'), fullPage: true });
    await page.getByTestId('locale').selectOption('en');
    await page.getByRole('heading', { name: 'New alert' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'console-new-alert-en.png'), fullPage: true });
    expect(await a11y()).toEqual([]);
    await page.getByTestId('locale').selectOption('it');

    await page.getByTestId('create-draft').click();
    await page.waitForURL(/\/alerts\/[0-9a-f-]{36}$/);
    submittedAlertId = page.url().split('/').pop()!;
    const alert = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${submittedAlertId}`, { headers: bearer.headers });
    expect([alert.body.state, alert.body.status, alert.body.targeting.counts.total]).toEqual(['draft', 'Exercise', cells]);
  });

  it('copies the alert as a new draft with its area and texts', async () => {
    await page.getByTestId('copy-draft').click();
    await page.waitForURL(/\/alerts\/new\?from=/);
    // The page fetches the original after the address changes: wait for its area, then count.
    await page.getByTestId('area-list').locator('li').first().waitFor();
    await expect(page.getByTestId('area-list').locator('li').count()).resolves.toBe(1);
    const original = (await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${submittedAlertId}`, { headers: bearer.headers })).body;
    await expect(page.getByTestId('text-it').locator('textarea').inputValue()).resolves.toBe(original.languages[0].text);
    expect(await shownCells()).toBe(original.targeting.counts.total);
  });

  it('changes the preview when a province is picked from the list', async () => {
    await openNewAlert();
    await page.getByTestId('pick-scheme').selectOption('ISTAT_PROVINCE');
    await page.getByTestId('pick-item').selectOption('087');
    await page.getByTestId('pick-add').click();
    const province = await shownCells();
    expect(province).toBe((await askApiLikeThePage()).targeting.counts.total);
    expect(JSON.parse(previewBodies[previewBodies.length - 1]).areas).toEqual([{ type: 'geocode', description: 'Catania (CT)', scheme: 'ISTAT_PROVINCE', code: '087' }]);

    // A second province: more cells.
    await page.getByTestId('pick-item').selectOption('089');
    await page.getByTestId('pick-add').click();
    await waitUntil('two provinces’ cells', async () => (await shownCells()) > province, 30_000);
  });

  it('refuses an area outside the territory before submit, naming the part outside', async () => {
    await openNewAlert();
    await page.getByTestId('pick-scheme').selectOption('ISTAT_REGION');
    await page.getByTestId('pick-item').selectOption('18');
    await page.getByTestId('pick-add').click();
    const refusal = page.getByTestId('preview-refusal');
    await refusal.waitFor();
    const api = await callApi(platform.baseUrl, 'POST', '/api/v1/drafts/preview', { headers: bearer.headers, body: JSON.parse(previewBodies[previewBodies.length - 1]) });
    expect([api.status, api.body.code]).toEqual([403, 'jurisdiction/outside']);
    expect(await refusal.textContent()).toContain(api.body.detail);
    expect(await page.getByTestId('create-draft').isDisabled()).toBe(true);
  });

  it('offers a template for every hazard the API takes, and only those', () => {
    expect([...TEMPLATE_HAZARDS]).toEqual([...HAZARDS]);
  });

  it('adds German texts when the area reaches Alto Adige', async () => {
    await openNewAlert();
    await page.getByTestId('pick-scheme').selectOption('ISTAT_PROVINCE');
    await page.getByTestId('pick-item').selectOption('021');
    await page.getByTestId('pick-add').click();
    await page.getByTestId('text-de').waitFor();
    await expect(page.getByTestId('text-de').locator('textarea').inputValue()).resolves.toContain('Erdbeben');
    expect(await page.getByTestId('text-fr').count()).toBe(0);
  });

  it('shows the notifications state in the header and does not throw when it is turned on', async () => {
    const push = page.getByTestId('push');
    await waitUntil('the notifications state', async () => (await push.getAttribute('data-state')) !== 'checking', 15_000);
    const state = await push.getAttribute('data-state');
    expect(['unsupported', 'denied', 'off', 'on']).toContain(state);
    if (state === 'off') {
      await page.getByTestId('push-toggle').click();
      await waitUntil('notifications turned on or refused', async () => (await push.getAttribute('data-state')) !== 'busy', 15_000);
      // Headless Chromium has no push service: the page says so (or, with one, it is on).
      expect(['denied', 'failed', 'on']).toContain(await push.getAttribute('data-state'));
    }
    expect(await push.textContent()).not.toBe('');

    // With notifications allowed, turning on reaches the Push API: headless Chromium has no push
    // service, so the header names the failure (or, where one answers, it is on); nothing throws.
    await page.context().grantPermissions(['notifications']);
    await page.reload();
    await waitUntil('the notifications state', async () => (await push.getAttribute('data-state')) === 'off', 15_000);
    await page.getByTestId('push-toggle').click();
    await waitUntil('notifications turned on or failed', async () => ['failed', 'on'].includes((await push.getAttribute('data-state')) ?? ''), 15_000);
    if ((await push.getAttribute('data-state')) === 'failed') await expect(push.getByRole('alert').textContent()).resolves.toMatch(/^Non è stato possibile cambiare le notifiche: .+/);
  });

  it('saves an uploaded GeoJSON area, simplified to what a broadcast carries, and adds it to a draft', async () => {
    await openNewAlert();
    // A 3,000-point ring around Catania, as a GIS tool would export it.
    const ring: Array<[number, number]> = [];
    for (let i = 0; i < 3000; i++) ring.push([15.08 + 0.06 * Math.cos((i / 3000) * 2 * Math.PI), 37.5 + 0.05 * Math.sin((i / 3000) * 2 * Math.PI)]);
    ring.push(ring[0]);
    const geojson = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Catania centro' }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
    await page.getByTestId('saved-name').fill('Catania centro');
    await page.getByTestId('saved-upload').setInputFiles({ name: 'catania.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
    await page.getByText('Salvata «Catania centro».').waitFor();
    const mine = await callApi(platform.baseUrl, 'GET', '/api/v1/saved-areas', { headers: bearer.headers });
    const saved = mine.body.items.find((s: any) => s.name === 'Catania centro');
    expect(saved.areas).toHaveLength(1);
    expect(saved.areas[0].coordinates.length).toBe(185); // MAX_POLYGON_VERTICES of one Warning Area Coordinates polygon

    await page.getByTestId('saved-list').selectOption(saved.id);
    await page.getByTestId('saved-add').click();
    await expect(page.getByTestId('area-list').textContent()).resolves.toContain('Poligono disegnato, 184 punti');
    expect(await shownCells()).toBe((await askApiLikeThePage()).targeting.counts.total);

    // Another operator neither sees nor deletes it; an approver has no saved areas at all.
    const other = await bearerFor(platform, await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R19' }));
    const approver = await bearerFor(platform, await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19' }));
    expect((await callApi(platform.baseUrl, 'GET', '/api/v1/saved-areas', { headers: other.headers })).body.items).toEqual([]);
    const theirDelete = await callApi(platform.baseUrl, 'DELETE', `/api/v1/saved-areas/${saved.id}`, { headers: other.headers });
    const approverList = await callApi(platform.baseUrl, 'GET', '/api/v1/saved-areas', { headers: approver.headers });
    expect([theirDelete.status, theirDelete.body.code, approverList.status]).toEqual([404, 'http/not-found', 403]);
    const bad = await callApi(platform.baseUrl, 'POST', '/api/v1/saved-areas', { headers: bearer.headers, body: { name: 'x', geojson: { type: 'Point', coordinates: [15, 37] } } });
    expect([bad.status, bad.body.code]).toEqual([422, 'alert/invalid-incident']);
    expect((await callApi(platform.baseUrl, 'DELETE', `/api/v1/saved-areas/${saved.id}`, { headers: bearer.headers })).status).toBe(204);
  });

  it('saves an uploaded zipped shapefile drawn in UTM 33N, reprojected from its .prj, and names a zip that holds none', async () => {
    await openNewAlert();
    // A 12-sided ring around Catania's harbour, exported as a GIS desk in Sicily would: WGS 84 /
    // UTM zone 33N (EPSG:32633) in metres, written by an independent shapefile writer with its .prj.
    const lonLat: Array<[number, number]> = [];
    for (let i = 0; i < 12; i++) lonLat.push([15.09 + 0.04 * Math.cos((i / 12) * 2 * Math.PI), 37.5 + 0.03 * Math.sin((i / 12) * 2 * Math.PI)]);
    const utm = proj4('EPSG:4326', UTM_33N);
    const ring = [...lonLat, lonLat[0]].map((p) => utm.forward(p));
    const zip: Buffer = await shpWrite.zip({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'porto' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }, { outputType: 'nodebuffer', prj: UTM_33N });
    await page.getByTestId('saved-name').fill('Porto di Catania');
    await page.getByTestId('saved-upload').setInputFiles({ name: 'porto.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByText('Salvata «Porto di Catania».').waitFor();
    const saved = (await callApi(platform.baseUrl, 'GET', '/api/v1/saved-areas', { headers: bearer.headers })).body.items.find((a: any) => a.name === 'Porto di Catania');
    expect(saved.areas).toHaveLength(1);
    const stored: Array<[number, number]> = saved.areas[0].coordinates;
    expect(stored).toHaveLength(13);
    // Back in degrees where they were drawn (a shapefile ring runs clockwise, so either order).
    const near = (a: [number, number], b: [number, number]) => Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) < 1e-6;
    for (const p of lonLat) expect(stored.some((q) => near(p, q))).toBe(true);

    // A zip with no shapefile in it: said so, nothing saved.
    const notShp: Buffer = await new JSZip().file('readme.txt', 'no shapes here').generateAsync({ type: 'nodebuffer' });
    await page.getByTestId('saved-name').fill('Vuoto');
    await page.getByTestId('saved-upload').setInputFiles({ name: 'vuoto.zip', mimeType: 'application/zip', buffer: notShp });
    await page.getByText('Lo zip non contiene uno shapefile leggibile', { exact: false }).waitFor();
    const names = (await callApi(platform.baseUrl, 'GET', '/api/v1/saved-areas', { headers: bearer.headers })).body.items.map((a: any) => a.name);
    expect(names).not.toContain('Vuoto');
    expect((await callApi(platform.baseUrl, 'DELETE', `/api/v1/saved-areas/${saved.id}`, { headers: bearer.headers })).status).toBe(204);
  });

  it('logged no error in the browser', () => {
    // The browser logs every 401 and 403 answer as a failed resource: the session check before
    // sign-in and the refused preview above, both expected. Chromium itself logs that its Push API
    // does not work in an incognito context (every Playwright context is one) when the toggle
    // tries it: the case the header names. Anything else is a fault.
    expect(pageErrors.filter((e) => !/status of (401|403)/.test(e) && !/^Chrome currently does not support the Push API in incognito mode/.test(e))).toEqual([]);
  });

  it('refuses the preview to another territory’s area, to an approver and without a session', async () => {
    const body = JSON.parse(previewBodies[0]);
    const approver = await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19' });
    const lombardy = await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT-R03' });
    const asApprover = await callApi(platform.baseUrl, 'POST', '/api/v1/drafts/preview', { headers: (await bearerFor(platform, approver)).headers, body });
    const asLombardy = await callApi(platform.baseUrl, 'POST', '/api/v1/drafts/preview', { headers: (await bearerFor(platform, lombardy)).headers, body });
    const anonymous = await callApi(platform.baseUrl, 'POST', '/api/v1/drafts/preview', { body });
    expect([asApprover.status, asLombardy.status, asLombardy.body.code, anonymous.status]).toEqual([403, 403, 'jurisdiction/outside', 401]);
    const bad = await callApi(platform.baseUrl, 'POST', '/api/v1/drafts/preview', { headers: bearer.headers, body: { ...body, areas: [] } });
    expect([bad.status, bad.body.code, bad.body.pointer ?? bad.body.instance ?? '']).toEqual([422, 'alert/invalid-incident', expect.anything()]);
  });
});

