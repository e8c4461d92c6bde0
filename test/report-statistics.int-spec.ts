import Ajv2020 from 'ajv/dist/2020';
import { Client } from 'pg';
import { bearerFor, createUser, sessionFor } from './auth-client';
import type { Platform } from './platform';
import { grantToken, type TestUser } from './principals';
import { sharedPlatform } from './shared-platform';

// Runs once, not per queue backend: it drafts and reads, and releases nothing (scripts/test.sh).

// The console's statistics (GET /api/v1/reports/statistics) on the shared platform: drafts in
// Sicily (the region and the province of Catania) and Lombardy, every figure compared with what
// PostgreSQL holds (queried here, independently of libs/reports), every figure's listing query
// followed to exactly its alerts, and the side doors tried. Other specs' alerts share the
// database: the comparisons cover whatever is there, the seeded rows make sure it is not nothing.
jest.setTimeout(120_000);

describe('statistics for the console’s reports page', () => {
  let p: Platform;
  let db: Client;
  const u: Record<string, TestUser> = {};
  const seeded: Record<string, string[]> = { 'IT-R19': [], 'IT-P087': [], 'IT-R03': [] };
  const startedAt = new Date(Date.now() - 1000).toISOString();
  let until: string;

  const incident = (code: string, over: Record<string, unknown> = {}) => ({
    hazard: 'flood',
    areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code }],
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    status: 'Exercise',
    languages: [{ language: 'it-IT', text: 'Esercitazione: rischio alluvione.' }],
    expires: new Date(Date.now() + 3600_000).toISOString(),
    ...over,
  });
  const get = async (headers: Record<string, string>, path: string) => {
    const r = await fetch(`${p.baseUrl}${path}`, { headers });
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: (await r.json()) as any };
  };
  const q = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;
  const period = (from: string, to: string) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  // The jurisdiction $1 and every one below it, as the jurisdictions table holds them.
  const WITHIN = `(WITH RECURSIVE sub AS (SELECT id FROM jurisdictions WHERE id = $1 UNION ALL SELECT j.id FROM jurisdictions j JOIN sub ON j.parent_id = sub.id) SELECT id FROM sub)`;
  const countsBy = async (column: string, territory: string, from: string, to: string) =>
    (await q(`SELECT ${column} AS key, count(*)::int AS n FROM alerts WHERE jurisdiction_id IN ${WITHIN} AND created_at >= $2 AND created_at < $3 GROUP BY 1`, [territory, from, to]))
      .map((r) => [r.key, r.n])
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const figures = (fs: Array<{ key: string; count: number }>) => fs.map((f) => [f.key, f.count]).sort((a, b) => (a[0] < b[0] ? -1 : 1));

  beforeAll(async () => {
    p = await sharedPlatform();
    db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    for (const [name, roles, j] of [
      ['sicilyOperator', ['operator'], 'IT-R19'],
      ['cataniaOperator', ['operator'], 'IT-P087'],
      ['lombardyOperator', ['operator'], 'IT-R03'],
      ['nationalAuditor', ['auditor'], 'IT'],
      ['sicilyAuditor', ['auditor'], 'IT-R19'],
      ['admin', ['admin'], 'IT'],
    ] as const) {
      u[name] = await grantToken(p.databaseUrl, [...roles], j);
    }
    const draft = async (who: TestUser, jurisdiction: string, body: Record<string, unknown>) => {
      const r = await fetch(`${p.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...who.headers }, body: JSON.stringify(body) });
      expect(r.status).toBe(201);
      seeded[jurisdiction].push(((await r.json()) as { alertId: string }).alertId);
    };
    await draft(u.sicilyOperator, 'IT-R19', incident('087015'));
    await draft(u.sicilyOperator, 'IT-R19', incident('087015', { hazard: 'landslide', severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed', status: 'Test' }));
    await draft(u.cataniaOperator, 'IT-P087', incident('087015'));
    await draft(u.cataniaOperator, 'IT-P087', incident('087024', { hazard: 'wildfire', severity: 'Moderate', status: 'Actual' }));
    await draft(u.lombardyOperator, 'IT-R03', incident('015146', { hazard: 'earthquake', status: 'Actual' }));
    await draft(u.lombardyOperator, 'IT-R03', incident('015146', { hazard: 'earthquake', severity: 'Extreme' }));
    until = new Date(Date.now() + 1000).toISOString();
    // The period closed before anything is compared: alerts other specs' leftover work makes
    // later cannot fall in it between the API's answer and the SQL that checks it.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(until) - Date.now() + 100)));
  }, 90_000);

  afterAll(async () => {
    await db?.end();
    await p?.stop();
  });

  it('counts a regional auditor’s alerts per hazard, status, severity, urgency, certainty, message type and territory as the database holds them', async () => {
    const r = await get(u.sicilyAuditor.headers, `/api/v1/reports/statistics?${period(startedAt, until)}`);
    expect(r.status).toBe(200);
    const [{ n: inSicily }] = await q(`SELECT count(*)::int AS n FROM alerts WHERE jurisdiction_id IN ${WITHIN} AND created_at >= $2 AND created_at < $3`, ['IT-R19', startedAt, until]);
    expect([r.body.territory, r.body.bucket, r.body.total]).toEqual([{ id: 'IT-R19', name: 'Sicilia' }, 'day', inSicily]);
    expect(inSicily).toBeGreaterThanOrEqual(4);
    for (const [dimension, column] of [['hazard', 'hazard'], ['status', 'cap_status'], ['severity', 'severity'], ['urgency', 'urgency'], ['certainty', 'certainty'], ['msgType', 'msg_type']]) {
      expect([dimension, figures(r.body.by[dimension])]).toEqual([dimension, await countsBy(column, 'IT-R19', startedAt, until)]);
    }
    // The region's own drafts apart from the province's below it; nothing of Lombardy.
    const perJurisdiction = await q(
      `SELECT jurisdiction_id AS key, count(*)::int AS n FROM alerts WHERE jurisdiction_id IN ${WITHIN} AND created_at >= $2 AND created_at < $3 GROUP BY 1`,
      ['IT-R19', startedAt, until],
    );
    expect(figures(r.body.by.territory)).toEqual(perJurisdiction.map((x) => [x.key, x.n]).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(r.body.by.territory.find((f: any) => f.key === 'IT-P087')).toMatchObject({ label: 'Catania', count: expect.any(Number) });
    expect(r.body.by.territory.find((f: any) => f.key === 'IT-P087').count).toBeGreaterThanOrEqual(seeded['IT-P087'].length);
    expect(r.body.by.territory.find((f: any) => f.key === 'IT-R19').count).toBeGreaterThanOrEqual(seeded['IT-R19'].length);
    // Nothing of Lombardy: no Lombard territory, and none of its drafts behind Sicily's total.
    expect(r.body.by.territory.map((f: any) => f.key)).not.toContain('IT-R03');
    const listed = await get(u.sicilyAuditor.headers, `/api/v1/alerts?${r.body.query}&limit=200`);
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((a: any) => a.id);
    expect(ids).toEqual(expect.arrayContaining([...seeded['IT-R19'], ...seeded['IT-P087']]));
    for (const id of seeded['IT-R03']) expect(ids).not.toContain(id);
  });

  it('gives a national auditor every region, rolled up, and lets them narrow to one', async () => {
    const r = await get(u.nationalAuditor.headers, `/api/v1/reports/statistics?${period(startedAt, until)}`);
    expect(r.status).toBe(200);
    const perRegion = await q(
      `SELECT coalesce(CASE WHEN j.parent_id = 'IT' THEN j.id END, CASE WHEN pj.parent_id = 'IT' THEN pj.id END, a.jurisdiction_id) AS key, count(*)::int AS n
         FROM alerts a JOIN jurisdictions j ON j.id = a.jurisdiction_id LEFT JOIN jurisdictions pj ON pj.id = j.parent_id
        WHERE a.created_at >= $1 AND a.created_at < $2 GROUP BY 1`,
      [startedAt, until],
    );
    expect(figures(r.body.by.territory)).toEqual(perRegion.map((x) => [x.key, x.n]).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(r.body.by.territory.find((f: any) => f.key === 'IT-R19').count).toBeGreaterThanOrEqual(4);
    expect(figures(r.body.by.hazard)).toEqual(await countsBy('hazard', 'IT', startedAt, until));

    const lombardy = await get(u.nationalAuditor.headers, `/api/v1/reports/statistics?${period(startedAt, until)}&territory=IT-R03`);
    expect([lombardy.status, lombardy.body.territory.name, figures(lombardy.body.by.hazard)]).toEqual([200, 'Lombardia', await countsBy('hazard', 'IT-R03', startedAt, until)]);
    expect(lombardy.body.total).toBeGreaterThanOrEqual(2);
  });

  it('links every figure to exactly its alerts in the alert listing', async () => {
    const r = await get(u.sicilyAuditor.headers, `/api/v1/reports/statistics?${period(startedAt, until)}`);
    const all = [...Object.values(r.body.by as Record<string, any[]>).flat(), ...r.body.overTime.filter((b: any) => b.count > 0), { count: r.body.total, query: r.body.query }];
    expect(all.length).toBeGreaterThan(15);
    for (const f of all) {
      const listed = await get(u.sicilyAuditor.headers, `/api/v1/alerts?${f.query}&limit=200`);
      expect([f.query, listed.status, listed.body.total]).toEqual([f.query, 200, f.count]);
    }
    const floods = await get(u.sicilyAuditor.headers, `/api/v1/alerts?${r.body.by.hazard.find((f: any) => f.key === 'flood').query}&limit=200`);
    const inDb = await q(`SELECT id FROM alerts WHERE hazard = 'flood' AND jurisdiction_id IN ${WITHIN} AND created_at >= $2 AND created_at < $3`, ['IT-R19', startedAt, until]);
    expect(floods.body.items.map((a: any) => a.id).sort()).toEqual(inDb.map((x) => x.id).sort());
    expect(inDb.map((x) => x.id)).toEqual(expect.arrayContaining([seeded['IT-R19'][0], seeded['IT-P087'][0]]));
  });

  it('counts a longer period per ISO week, each week as the database counts it', async () => {
    const from = new Date(Date.now() - 60 * 24 * 3600_000).toISOString();
    const r = await get(u.nationalAuditor.headers, `/api/v1/reports/statistics?${period(from, until)}`);
    expect([r.status, r.body.bucket]).toEqual([200, 'week']);
    // Each bucket after the first starts on a Monday at 00:00 UTC, as PostgreSQL's ISO week does.
    const mondays = await q(`SELECT date_trunc('week', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' = t AS monday FROM unnest($1::timestamptz[]) t`, [r.body.overTime.slice(1).map((b: any) => b.from)]);
    expect(mondays.every((m) => m.monday)).toBe(true);
    expect(r.body.overTime.length).toBeGreaterThanOrEqual(9);
    const perBucket = await q(
      `SELECT (SELECT count(*)::int FROM alerts WHERE created_at >= b.f AND created_at < b.t) AS n FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS b(f, t, i) ORDER BY b.i`,
      [r.body.overTime.map((b: any) => b.from), r.body.overTime.map((b: any) => b.to)],
    );
    expect(r.body.overTime.map((b: any) => b.count)).toEqual(perBucket.map((x) => x.n));
    expect(r.body.overTime.reduce((s: number, b: any) => s + b.count, 0)).toBe(r.body.total);
  });

  it('answers a session as it answers an API token, and an administrator too', async () => {
    const account = await createUser(p, { roles: ['auditor'], jurisdictionId: 'IT-R19' });
    const session = await sessionFor(p, account);
    const viaSession = await session.call('GET', `/api/v1/reports/statistics?${period(startedAt, until)}`);
    const viaToken = await get(u.sicilyAuditor.headers, `/api/v1/reports/statistics?${period(startedAt, until)}`);
    expect([viaSession.status, viaSession.body]).toEqual([200, viaToken.body]);
    const admin = await get(u.admin.headers, `/api/v1/reports/statistics?${period(startedAt, until)}&territory=IT-R19`);
    expect([admin.status, admin.body.by]).toEqual([200, viaToken.body.by]);
  });

  it('shuts the side doors: another region, the nation above, an operator, a token without read, and another region through the listing', async () => {
    const path = `/api/v1/reports/statistics?${period(startedAt, until)}`;
    for (const territory of ['IT-R03', 'IT', 'IT-P015']) {
      const r = await get(u.sicilyAuditor.headers, `${path}&territory=${territory}`);
      expect([territory, r.status, r.type, r.body.code, r.body.detail]).toEqual([territory, 403, 'application/problem+json; charset=utf-8', 'report/outside-territory', `${territory} is outside your territory (IT-R19)`]);
    }
    const operator = await get(u.sicilyOperator.headers, path);
    expect([operator.status, operator.body.code]).toEqual([403, 'auth/forbidden']);
    const writeOnly = await createUser(p, { roles: ['auditor'], jurisdictionId: 'IT-R19' });
    const bearer = await bearerFor(p, writeOnly, 'write only', ['write']);
    const noRead = await get(bearer.headers, path);
    expect(noRead.status).toBe(403);
    expect(noRead.body.code).toMatch(/^auth\//);
    // The listing intersects a named territory with the caller's: another region lists nothing.
    const listed = await get(u.sicilyAuditor.headers, `/api/v1/alerts?${period(startedAt, until)}&territory=IT-R03&limit=200`);
    expect([listed.status, listed.body.total]).toEqual([200, 0]);
    const exact = await get(u.sicilyAuditor.headers, `/api/v1/alerts?${period(startedAt, until)}&jurisdiction=IT-R03&limit=200`);
    expect([exact.status, exact.body.total]).toEqual([200, 0]);
  });

  it('refuses bad input with problem+json naming what is wrong', async () => {
    const cases: Array<[string, number, string, string]> = [
      [period(until, startedAt), 400, 'report/invalid-period', 'to must be after from'],
      [period('2024-01-01T00:00:00Z', '2025-06-01T00:00:00Z'), 400, 'report/invalid-period', 'a report covers at most 367 days'],
      [`${period(startedAt, until)}&territory=IT-R99`, 400, 'report/unknown-territory', 'IT-R99 is not a jurisdiction Faro knows'],
      [`from=yesterday&to=${encodeURIComponent(until)}`, 400, 'http/invalid-query', ''],
      [`to=${encodeURIComponent(until)}`, 400, 'http/invalid-query', ''],
      [`${period(startedAt, until)}&territory=Sicily`, 400, 'http/invalid-query', ''],
      [`${period(startedAt, until)}&groupBy=hazard`, 400, 'http/invalid-query', 'groupBy: not a query parameter of this route'],
    ];
    for (const [query, status, code, detail] of cases) {
      const r = await get(u.nationalAuditor.headers, `/api/v1/reports/statistics?${query}`);
      expect([query, r.status, r.type, r.body.code]).toEqual([query, status, 'application/problem+json; charset=utf-8', code]);
      if (detail) expect(r.body.detail).toBe(detail);
    }
    const badList = await get(u.nationalAuditor.headers, `/api/v1/alerts?severity=Dreadful`);
    expect([badList.status, badList.body.code]).toEqual([400, 'http/invalid-query']);
  });

  it('answers as its OpenAPI document describes, figures and problems alike', async () => {
    const doc = (await (await fetch(`${p.baseUrl}/api/docs/openapi.json`)).json()) as any;
    // The document's components inlined (its schemas are not recursive), for Ajv.
    const inline = (schema: any): any => {
      if (Array.isArray(schema)) return schema.map(inline);
      if (!schema || typeof schema !== 'object') return schema;
      if (typeof schema.$ref === 'string') return inline(doc.components.schemas[schema.$ref.slice('#/components/schemas/'.length)]);
      return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v)]));
    };
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const op = doc.paths['/api/v1/reports/statistics'].get;
    for (const [query, media] of [
      [period(startedAt, until), 'application/json'],
      [`${period(startedAt, until)}&territory=IT-R03`, 'application/problem+json'],
      [period(until, startedAt), 'application/problem+json'],
    ]) {
      const r = await get(u.sicilyAuditor.headers, `/api/v1/reports/statistics?${query}`);
      const schema = op.responses[String(r.status)]?.content?.[media]?.schema;
      expect([query, r.status, schema === undefined]).toEqual([query, r.status, false]);
      const validate = ajv.compile(inline(schema));
      validate(r.body);
      expect([query, validate.errors ?? []]).toEqual([query, []]);
    }
  });
});
