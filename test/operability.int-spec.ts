import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { callApi } from './auth-client';
import { runFaro } from './faro-cli';
import { cataniaFlood } from './fixtures/catania-flood';
import { startPlatform, waitUntil, type Platform } from './platform';
import { grantToken, type TestUser } from './principals';

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, '..');
const CLI = resolve(ROOT, 'scripts', 'faro.js');

// What a new user meets first around the API (issue 8, point 12): health that says what is
// ready, an alert view that says when it went on air, a CLI that finds the platform and whose
// help is clean, and a tutorial example that can be posted twice.
describe('operability: health, alert times, the CLI and the tutorial example', () => {
  let platform: Platform;
  let db: Client;
  let operator: TestUser;
  let approver: TestUser;

  beforeAll(async () => {
    platform = await startPlatform({}, { worker: false });
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const faro = (args: string[], env: Record<string, string> = {}) => runFaro(args, env, { entry: CLI, cwd: tmpdir() });

  it('is live but not ready without a worker, naming what is down, and ready once a worker beats', async () => {
    expect((await callApi(platform.baseUrl, 'GET', '/health/live')).status).toBe(200);
    expect((await callApi(platform.baseUrl, 'GET', '/health')).status).toBe(200);
    const notReady = await callApi(platform.baseUrl, 'GET', '/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('content-type')).toContain('application/problem+json');
    expect(notReady.body).toMatchObject({ code: 'server/unavailable', status: 503 });
    expect(notReady.body.detail).toMatch(/worker \(no worker heartbeat/);
    expect(notReady.body.detail).not.toMatch(/postgres|queue/);

    await platform.startWorker();
    const ready = await waitUntil('ready', async () => {
      const r = await callApi(platform.baseUrl, 'GET', '/health/ready');
      return r.status === 200 && r.body;
    }, 30_000, platform.logs);
    expect(ready).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, queue: { status: 'up' }, worker: { status: 'up', live: 1 } } });
  });

  it('shows when an alert was first on air and when its fan-out completed', async () => {
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', { headers: operator.headers, body: cataniaFlood() });
    expect(created.status).toBe(201);
    const id = created.body.alertId;
    const before = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${id}`, { headers: operator.headers });
    expect([before.body.activeAt, before.body.completedAt]).toEqual([null, null]);
    const released = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/release`, { headers: approver.headers });
    expect(released.status).toBe(200);
    const view = await waitUntil('active', async () => {
      const r = await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${id}`, { headers: operator.headers });
      return r.body.state === 'active' && r.body;
    }, 120_000, platform.logs);
    const [first] = (await db.query(`SELECT min(transmitted_at) AS at FROM broadcasts WHERE alert_id = $1`, [id])).rows;
    expect(view.activeAt).toBe(new Date(first.at).toISOString());
    expect(Date.parse(view.completedAt)).toBeGreaterThanOrEqual(Date.parse(view.activeAt));
    expect(Date.parse(view.activeAt)).toBeGreaterThanOrEqual(Date.parse(view.releasedAt));
  });

  it('prints clean help with no database or KEK, naming itself faro and listing every command', async () => {
    for (const args of [['--help'], [], ['help']]) {
      const r = await faro(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: faro \[options\] \[command\]/);
      expect(r.stdout).toContain('tokens:create');
      expect(r.stdout).toContain('handset:verify');
      expect(r.stdout).toContain('cap:stamp');
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/outputHelp|Error|at .*\.js/);
    }
  });

  it('says in one line what is missing when it has no settings, and finds those the platform left', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faro-home-'));
    try {
      const none = await faro(['jurisdictions:list'], { FARO_HOME: home });
      expect(none.code).toBe(1);
      expect(none.stderr.trim().split('\n')).toHaveLength(1);
      expect(none.stderr).toContain('DATABASE_URL is required');

      mkdirSync(join(home, '.faro'));
      writeFileSync(join(home, '.faro', 'dev-kek'), `${process.env.FARO_KEK}\n`);
      writeFileSync(join(home, '.faro', 'platform.json'), JSON.stringify({ DATABASE_URL: platform.databaseUrl, kekFile: '.faro/dev-kek', startedAt: new Date().toISOString() }));
      const found = await faro(['users:create', '--email', 'found@faro.test', '--name', 'Found', '--roles', 'operator', '--jurisdiction', 'IT-R19'], { FARO_HOME: home });
      expect(found.code).toBe(0);
      expect(found.stderr).toContain('using the database and KEK of the platform started here');
      expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'found@faro.test'`)).rows[0].n).toBe(1);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('stamps the tutorial example afresh, so posting it twice makes two alerts', async () => {
    const post = async () => {
      const stamped = await faro(['cap:stamp', resolve(ROOT, 'docs', 'examples', 'catania-earthquake.xml')]);
      expect(stamped.code).toBe(0);
      const r = await fetch(`${platform.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { ...operator.headers, 'content-type': 'application/cap+xml' }, body: stamped.stdout });
      return { status: r.status, body: (await r.json()) as any };
    };
    const first = await post();
    await new Promise((r) => setTimeout(r, 1100));
    const second = await post();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.alertId).not.toBe(first.body.alertId);
  });
});
