import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCapAlert } from '@faro/cap';
import { callApi } from './auth-client';
import { waitUntil } from './platform';
import { grantToken, type TestUser } from './principals';
import { releasedAlert } from './released-alert';
import { useOwnTeamPlatform } from './team-platform';

// Runs once, not per queue backend: its alerts are queued, but what it tests is the feed's
// documents and signatures; the queue backends are compared by the specs of the pipeline
// (scripts/test.sh).

jest.setTimeout(300_000);

const CAP_XSD = resolve(__dirname, '..', 'libs', 'cap', 'testdata', 'schema', 'cap12.xsd');
const VERIFY_JWS = resolve(__dirname, 'fixtures', 'verify-detached-jws.mjs');
const RATE_LIMIT = 40;
const UDINE = { type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '030', description: 'Provincia di Udine' };

// Issue 13, public alert feed: exactly the public Actual messages (the alert, its Update and the
// Cancel), each a CAP 1.2 document valid by the OASIS schema under xmllint, signed with a
// detached EdDSA JWS that panva/jose verifies with the published JWKS; cacheable; rate-limited.
describe('the public CAP feed', () => {
  // Its own platform: the feed must hold exactly this spec's public alerts.
  const team = useOwnTeamPlatform('IT-R06', { PUBLIC_FEED_RATE_LIMIT: String(RATE_LIMIT) });
  let admin: TestUser;
  let dir: string;
  const ids: Record<string, string> = {};

  const incident = (extra: Record<string, unknown> = {}) => ({
    hazard: 'flood',
    areas: [UDINE],
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    status: 'Actual',
    languages: [{ language: 'it-IT', text: 'Piena del Tagliamento: allontanarsi dagli argini & salire ai piani alti.' }, { language: 'en-US', text: 'Tagliamento river flood: move away from the banks.' }],
    expires: new Date(Date.now() + 3 * 3600_000).toISOString(),
    ...extra,
  });
  const api = (method: string, path: string, who: { headers: Record<string, string> }, body?: unknown) => callApi(team.platform.baseUrl, method, path, { headers: who.headers, body });
  const stateOf = async (id: string) => (await team.db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0].state as string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${team.platform.baseUrl}${path}`, { headers });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faro-feed-'));
    admin = await grantToken(team.platform.databaseUrl, ['admin'], 'IT-R06');
    const s = { baseUrl: team.platform.baseUrl, db: team.db, logs: team.platform.logs };
    ids.actual = await releasedAlert(s, incident(), team);
    ids.exercise = await releasedAlert(s, incident({ status: 'Exercise' }), team);
    ids.test = await releasedAlert(s, incident({ status: 'Test' }), team);
    expect((await api('POST', '/api/v1/groups', admin, { id: 'soccorso-feed', name: 'Soccorso (feed test)' })).status).toBe(201);
    ids.restricted = await releasedAlert(s, incident({ audience: 'soccorso-feed' }), team);
    const pending = await api('POST', '/api/v1/incidents', team.operator, incident());
    ids.pending = pending.body.alertId;

    const update = await api('POST', `/api/v1/alerts/${ids.actual}/update`, team.operator, incident({ severity: 'Extreme', languages: [{ language: 'it-IT', text: 'Piena del Tagliamento in aumento: salire ai piani alti.' }] }));
    expect(update.status).toBe(201);
    ids.update = update.body.id;
    expect((await api('POST', `/api/v1/alerts/${ids.update}/release`, team.approver)).status).toBe(200);
    await waitUntil('the Update active', async () => (await stateOf(ids.update)) === 'active', 120_000, team.platform.logs);
    const cancel = await api('POST', `/api/v1/alerts/${ids.update}/cancel`, team.operator);
    expect(cancel.status).toBe(201);
    ids.cancel = cancel.body.id;
    expect((await api('POST', `/api/v1/alerts/${ids.cancel}/release`, team.approver)).status).toBe(200);
    await waitUntil('the Cancel done', async () => (await stateOf(ids.cancel)) === 'done', 120_000, team.platform.logs);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists exactly the public Actual alert, its Update and its Cancel, without a credential', async () => {
    const r = await get('/public/cap/alerts.atom');
    expect([r.status, r.headers.get('content-type')]).toEqual([200, 'application/atom+xml; charset=utf-8']);
    const xml = await r.text();
    const entries = [...xml.matchAll(/<id>urn:uuid:([0-9a-f-]{36})<\/id>/g)].map((m) => m[1]).sort();
    expect(entries).toEqual([ids.actual, ids.update, ids.cancel].sort());
    for (const id of [ids.actual, ids.update, ids.cancel]) expect(xml).toContain(`href="alerts/${id}.xml"`);
    const file = join(dir, 'feed.atom');
    writeFileSync(file, xml);
    expect(spawnSync('xmllint', ['--noout', file]).status).toBe(0);
  });

  it('serves each as a CAP 1.2 document valid by the OASIS schema, Updates and Cancels naming the chain they replace', async () => {
    const docs: Record<string, ReturnType<typeof parseCapAlert>> = {};
    for (const key of ['actual', 'update', 'cancel']) {
      const r = await get(`/public/cap/alerts/${ids[key]}.xml`);
      expect([key, r.status, r.headers.get('content-type')]).toEqual([key, 200, 'application/cap+xml; charset=utf-8']);
      const xml = await r.text();
      const file = join(dir, `${key}.xml`);
      writeFileSync(file, xml);
      const lint = spawnSync('xmllint', ['--noout', '--schema', CAP_XSD, file], { encoding: 'utf8' });
      expect([key, lint.status, lint.stderr.trim()]).toEqual([key, 0, `${file} validates`]);
      docs[key] = parseCapAlert(xml);
    }
    expect(docs.actual).toMatchObject({ status: 'Actual', msgType: 'Alert', scope: 'Public', references: [] });
    expect(docs.actual.infos.map((i) => i.language)).toEqual(['it-IT', 'en-US']);
    expect(docs.actual.infos[0].description).toContain('argini & salire');
    const ref = (d: typeof docs.actual) => ({ sender: d.sender, identifier: d.identifier, sent: d.sent });
    expect(docs.update).toMatchObject({ msgType: 'Update', references: [ref(docs.actual)] });
    expect(docs.cancel).toMatchObject({ msgType: 'Cancel', references: [ref(docs.actual), ref(docs.update)] });
  });

  it('never serves an Exercise, a Test, a restricted-audience or an unreleased alert', async () => {
    for (const key of ['exercise', 'test', 'restricted', 'pending']) {
      const r = await get(`/public/cap/alerts/${ids[key]}.xml`);
      expect([key, r.status, ((await r.json()) as { code?: string }).code]).toEqual([key, 404, 'http/not-found']);
    }
    expect((await get('/public/cap/alerts/not-a-uuid.xml')).status).toBe(404);
  });

  it('signs every body with a detached EdDSA JWS that an independent verifier accepts with the published JWKS', async () => {
    const jwksFile = join(dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(await (await get('/.well-known/faro/keys')).json()));
    const verify = (jws: string, body: Buffer) => {
      const bodyFile = join(dir, 'signed.body');
      writeFileSync(bodyFile, body);
      return execFileSync(process.execPath, [VERIFY_JWS, jwksFile, jws, bodyFile], { encoding: 'utf8' }).trim();
    };
    for (const path of ['/public/cap/alerts.atom', `/public/cap/alerts/${ids.cancel}.xml`]) {
      const r = await get(path);
      const jws = r.headers.get('x-jws-signature')!;
      const body = Buffer.from(await r.arrayBuffer());
      expect([path, verify(jws, body)]).toEqual([path, 'valid']);
      const tampered = Buffer.from(body.toString('utf8').replace('</', ' </'));
      expect(verify(jws, tampered)).toMatch(/^invalid: ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since, and 200 to a stale tag', async () => {
    for (const path of ['/public/cap/alerts.atom', `/public/cap/alerts/${ids.update}.xml`]) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect([path, first.headers.get('cache-control'), etag, lastModified]).toEqual([path, 'public, max-age=60', expect.stringMatching(/^"[A-Za-z0-9_-]+"$/), expect.stringMatching(/GMT$/)]);
      const byTag = await get(path, { 'if-none-match': etag });
      expect([path, byTag.status, await byTag.text(), byTag.headers.get('etag')]).toEqual([path, 304, '', etag]);
      expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(304);
      expect((await get(path, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status).toBe(200);
      expect((await get(path, { 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).status).toBe(200);
    }
  });

  it(`refuses a client past ${RATE_LIMIT} requests a minute with a 429 problem`, async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < RATE_LIMIT + 5; i++) {
      const r = await get('/public/cap/alerts.atom');
      statuses.push(r.status);
      if (r.status === 429) refused = r;
      else await r.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect([refused!.headers.get('content-type'), ((await refused!.json()) as { code?: string }).code]).toEqual([expect.stringMatching(/^application\/problem\+json/), 'http/too-many-requests']);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The rest of the API is not limited by it.
    expect((await get('/health/live')).status).toBe(200);
  });
});
