import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { webhookSignature } from '@faro/sensors';
import { type Platform, startPlatform, waitUntil } from './platform';
import { grantToken, type TestUser } from './principals';
import { releasedAlert } from './released-alert';

// Runs once, not per queue backend: its scenario is queued, but what it tests is each report's
// figures against PostgreSQL's; the queue backends are compared by the specs of the pipeline
// (scripts/test.sh).

// Auditors' reports over a seeded scenario on a platform of its own: alerts in Sicily (IT-R19)
// and Lombardy (IT-R03), one alert whose every batch failed, one cancellation, one refused
// action, one rejected webhook. Every figure read from a report (JSON, CSV, the PDF's text) is
// compared with what PostgreSQL holds, queried here independently of libs/reports.
// Each report is read in every format and the PDFs drawn (a map of ~1,000 cells): seconds each.
jest.setTimeout(180_000);

describe('auditors’ reports', () => {
  let p: Platform;
  let db: Client;
  const u: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};
  const startedAt = new Date(Date.now() - 1000).toISOString();
  const out = join(__dirname, '..', 'test-output', 'reports');

  const incident = (code: string, over: Record<string, unknown> = {}) => ({
    hazard: 'flood',
    areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code }],
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    status: 'Actual',
    languages: [
      { language: 'it-IT', headline: 'Rischio alluvione', text: 'Rischio alluvione: allontanarsi dai corsi d acqua.' },
      { language: 'en-GB', text: 'Flood risk: keep away from rivers.' },
    ],
    expires: new Date(Date.now() + 3 * 3600_000).toISOString(),
    ...over,
  });
  const get = async (who: TestUser, path: string) => {
    const r = await fetch(`${p.baseUrl}${path}`, { headers: who.headers });
    return { status: r.status, type: r.headers.get('content-type') ?? '', bytes: Buffer.from(await r.arrayBuffer()) };
  };
  const json = async (who: TestUser, path: string) => {
    const r = await get(who, path);
    return { status: r.status, type: r.type, body: JSON.parse(r.bytes.toString('utf8')) };
  };
  const pdfText = (name: string, bytes: Buffer) => {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${name}.pdf`), bytes);
    return execFileSync('/usr/bin/pdftotext', ['-layout', join(out, `${name}.pdf`), '-'], { encoding: 'utf8' });
  };
  const q = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;
  // Alert texts beyond WinAnsi, which the PDF's standard fonts used to print as '?'.
  const scripts = [
    { language: 'sl-SI', headline: 'Vaja: poplava', text: 'Vaja: poplave ob rekah, umaknite se čim prej na višje ležeče območje.' },
    { language: 'de-DE', text: 'Übung: Hochwasser, Straßen an Flüssen meiden.' },
    { language: 'el-GR', text: 'Άσκηση: πλημμύρα, απομακρυνθείτε από τα ποτάμια.' },
    { language: 'ru-RU', text: 'Учения: наводнение, держитесь подальше от рек.' },
    // pdftotext reads a neutral at the left edge of a right-to-left line (a final full stop)
    // ahead of the line, and a lam-alef ligature's two letters the wrong way round: the Arabic
    // sample has neither, so its text can be compared as written.
    { language: 'ar', text: 'تمرين فيضان في صقلية ابتعدوا عن مجرى النهر' },
  ];

  beforeAll(async () => {
    p = await startPlatform({ UPLINK_SIM_FAILURE_RATE: '0' }, { worker: false });
    db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    for (const [name, roles, j] of [
      ['sicilyOperator', ['operator'], 'IT-R19'],
      ['sicilyApprover', ['approver'], 'IT-R19'],
      ['lombardyOperator', ['operator'], 'IT-R03'],
      ['lombardyApprover', ['approver'], 'IT-R03'],
      ['admin', ['admin'], 'IT'],
      ['nationalAuditor', ['auditor'], 'IT'],
      ['sicilyAuditor', ['auditor'], 'IT-R19'],
      ['otherSicilyAuditor', ['auditor'], 'IT-R19'],
      ['lombardyAuditor', ['auditor'], 'IT-R03'],
    ] as const) {
      u[name] = await grantToken(p.databaseUrl, [...roles], j);
    }
    const sicily = { operator: u.sicilyOperator, approver: u.sicilyApprover };

    // A worker whose gateways refuse every submission and which does not retry: the first
    // alert's batches all fail. Then a healthy worker for the rest.
    await p.startWorker({ UPLINK_SIM_FAILURE_RATE: '1', UPLINK_ATTEMPTS: '1' });
    const created = (await (await fetch(`${p.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...u.sicilyOperator.headers }, body: JSON.stringify(incident('087015', { hazard: 'landslide' })) })).json()) as { alertId: string };
    ids.failed = created.alertId;
    expect((await fetch(`${p.baseUrl}/api/v1/alerts/${ids.failed}/release`, { method: 'POST', headers: u.sicilyApprover.headers })).status).toBe(200);
    await waitUntil('every batch of the first alert failed', async () => {
      const [b] = await q(`SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status = 'pending')::int AS pending FROM fanout_batches WHERE alert_id = $1`, [ids.failed]);
      return b.failed > 0 && b.pending === 0;
    }, 120_000, p.logs);
    const failing = p.pids.worker;
    process.kill(failing, 'SIGTERM');
    await waitUntil('the failing worker stopped', async () => {
      try {
        process.kill(failing, 0);
        return false;
      } catch {
        return true;
      }
    }, 30_000);
    await p.startWorker();

    ids.live = await releasedAlert({ baseUrl: p.baseUrl, db, logs: p.logs }, incident('087015'), sicily);
    ids.drill = await releasedAlert({ baseUrl: p.baseUrl, db, logs: p.logs }, incident('087024', { status: 'Exercise', languages: scripts }), sicily);
    ids.lombardy = await releasedAlert({ baseUrl: p.baseUrl, db, logs: p.logs }, incident('015146', { hazard: 'earthquake' }), { operator: u.lombardyOperator, approver: u.lombardyApprover });

    const cancel = (await (await fetch(`${p.baseUrl}/api/v1/alerts/${ids.live}/cancel`, { method: 'POST', headers: u.sicilyOperator.headers })).json()) as { id: string };
    ids.cancel = cancel.id;
    expect((await fetch(`${p.baseUrl}/api/v1/alerts/${ids.cancel}/release`, { method: 'POST', headers: u.sicilyApprover.headers })).status).toBe(200);
    await waitUntil('the Cancel done', async () => (await q(`SELECT state FROM alerts WHERE id = $1`, [ids.cancel]))[0].state === 'done', 120_000, p.logs);

    // A refused action: an operator may not release.
    const refused = await fetch(`${p.baseUrl}/api/v1/alerts/${ids.drill}/release`, { method: 'POST', headers: u.sicilyOperator.headers });
    expect(refused.status).toBe(403);

    // A rejected webhook: a Sicilian sensor's call signed with the wrong secret.
    const sensor = (await (await fetch(`${p.baseUrl}/api/v1/sensors`, { method: 'POST', headers: { 'content-type': 'application/json', ...u.admin.headers }, body: JSON.stringify({ name: 'INGV Etna', jurisdictionId: 'IT-R19', releasePolicy: 'approve' }) })).json()) as { id: string };
    ids.sensor = sensor.id;
    const ts = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify(incident('087015'));
    const hook = await fetch(`${p.baseUrl}/api/v1/sensors/${ids.sensor}/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-faro-timestamp': ts, 'x-faro-signature': webhookSignature(Buffer.from('not the secret', 'utf8'), ts, Buffer.from(body, 'utf8')) },
      body,
    });
    expect(hook.status).toBe(401);
  }, 400_000);

  afterAll(async () => {
    await db?.end();
    await p?.stop();
  }, 30_000);

  // Cells per route as the database holds them: a cell on air when a transmission of its batch is
  // recorded and it is broadcasting or was killed after; failed when any delivery of it failed or
  // was rejected and none went on air.
  const cellsPerRoute = async (alertId: string) =>
    q(
      `WITH c AS (
         SELECT d.route_id, d.cell_id,
                bool_or(b.id IS NOT NULL AND d.status IN ('broadcasting', 'killed')) AS on_air,
                bool_or(d.status IN ('failed', 'rejected')) AS failed
           FROM deliveries d LEFT JOIN broadcasts b ON b.kind = 'broadcast' AND b.submission_id = d.message_id || ':' || d.route_id || ':' || d.batch
          WHERE d.alert_id = $1 GROUP BY d.route_id, d.cell_id)
       SELECT route_id, count(*)::int AS targeted, count(*) FILTER (WHERE on_air)::int AS delivered,
              count(*) FILTER (WHERE NOT on_air AND failed)::int AS failed, count(*) FILTER (WHERE NOT on_air AND NOT failed)::int AS never
         FROM c GROUP BY route_id ORDER BY route_id`,
      [alertId],
    );
  const chainHeadAt = async (seq: number) => (await q(`SELECT hash FROM audit_log WHERE seq = $1`, [seq]))[0]?.hash;

  it('reports one alert: cells per route, the failure and its reason, timeline, languages and audit entries as the database holds them', async () => {
    const r = await json(u.sicilyAuditor, `/api/v1/reports/alerts/${ids.failed}`);
    expect(r.status).toBe(200);
    const db = await cellsPerRoute(ids.failed);
    expect(db.length).toBeGreaterThan(0);
    expect(r.body.routes.map((x: any) => [x.routeId, x.targeted, x.delivered, x.failed, x.neverReached])).toEqual(db.map((x) => [x.route_id, x.targeted, x.delivered, x.failed, x.never]));
    expect(r.body.totals.failed).toBeGreaterThan(0);
    const reasons = await q(`SELECT DISTINCT reason FROM deliveries WHERE alert_id = $1 AND status = 'failed'`, [ids.failed]);
    expect([...new Set(r.body.routes.flatMap((x: any) => x.reasons.map((y: any) => y.reason)))].sort()).toEqual(reasons.map((x) => x.reason).sort());

    const approved = (await q(`SELECT actor, at FROM audit_log WHERE subject_id = $1 AND action = 'alert.approved'`, [ids.failed]))[0];
    const approvedEvent = r.body.timeline.find((t: any) => t.event === 'approved');
    expect([approvedEvent.at, approvedEvent.by]).toEqual([new Date(approved.at).toISOString(), `${u.sicilyApprover.email} (user:${u.sicilyApprover.id})`]);
    const keys = await q(`SELECT DISTINCT lpad(to_hex(key_id), 8, '0') AS kid FROM messages WHERE alert_id = $1`, [ids.failed]);
    expect(r.body.timeline.find((t: any) => t.event === 'signed').detail).toBe(`key ${keys.map((k) => k.kid).join(', ')}`);
    const langs = await q(`SELECT language, alphabet, page_count FROM messages WHERE alert_id = $1 AND kind = 'alert' ORDER BY language`, [ids.failed]);
    expect(r.body.languages.map((l: any) => [l.language, l.alphabet, l.pages])).toEqual(langs.map((l) => [l.language, l.alphabet, l.page_count]));
    const t = (await q(`SELECT targeting FROM alerts WHERE id = $1`, [ids.failed]))[0].targeting;
    expect([r.body.area.overshootKm2, r.body.area.uncoveredKm2, r.body.residentPopulation]).toEqual([t.overshootKm2, t.uncoveredKm2, t.residentPopulation]);

    const head = r.body.generatedFrom.chainHead;
    expect(head.hash).toBe(await chainHeadAt(head.seq));
    const entries = await q(`SELECT seq FROM audit_log WHERE subject_id = ANY($1::text[]) AND seq <= $2 ORDER BY seq`, [[ids.failed, r.body.alert.incidentId], head.seq]);
    expect(r.body.audit.map((e: any) => e.seq)).toEqual(entries.map((e) => Number(e.seq)));
    expect(r.body.verification.intact).toBe(true);
  });

  it('gives the CSV and the PDF of an alert the same figures and the chain head they were built from', async () => {
    const csv = await get(u.sicilyAuditor, `/api/v1/reports/alerts/${ids.live}?format=csv`);
    expect([csv.status, csv.type]).toEqual([200, 'text/csv; charset=utf-8']);
    const rows: Array<Record<string, string>> = parse(csv.bytes.toString('utf8'), { columns: true });
    const value = (section: string, metric: string, route = '') => rows.find((x) => x.section === section && x.metric === metric && x.route === route)?.value;
    const seq = Number(value('report', 'chain-head-seq'));
    expect(value('report', 'chain-head-hash')).toBe(await chainHeadAt(seq));
    const db = await cellsPerRoute(ids.live);
    for (const r of db) {
      expect([value('cells', 'targeted', r.route_id), value('cells', 'delivered', r.route_id), value('cells', 'failed', r.route_id), value('cells', 'neverReached', r.route_id)]).toEqual([r.targeted, r.delivered, r.failed, r.never].map(String));
    }
    expect(rows.filter((x) => x.section === 'chain').map((x) => [x.subject, x.metric])).toEqual([
      [ids.live, 'Alert'],
      [ids.cancel, 'Cancel'],
    ]);

    const pdf = await get(u.sicilyAuditor, `/api/v1/reports/alerts/${ids.live}?format=pdf`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const text = pdfText('alert-report', pdf.bytes);
    const [, pdfSeq, pdfHash] = /Audit chain head: seq (\d+) hash ([0-9a-f]{64})/.exec(text)!;
    expect(pdfHash).toBe(await chainHeadAt(Number(pdfSeq)));
    for (const r of db) expect(text).toMatch(new RegExp(`^\\s*${r.route_id}\\s+${r.targeted}\\s+${r.delivered}\\s+${r.failed}\\s+${r.never}\\s*$`, 'm'));
    expect(text).toContain('Targeted area');
    expect(text).toContain('Delivery over time');
  });

  it('prints alert texts in Slovenian, German, Greek, Cyrillic and Arabic in the PDF as written, in an embedded Unicode font', async () => {
    const r = await json(u.sicilyAuditor, `/api/v1/reports/alerts/${ids.drill}`);
    const stored = (await q(`SELECT languages FROM alerts WHERE id = $1`, [ids.drill]))[0].languages;
    expect(r.body.languages.map((l: any) => [l.language, l.headline, l.text])).toEqual(
      stored.map((l: any) => [l.language.split('-')[0], l.headline ?? null, l.text]).sort((a: string[], b: string[]) => a[0].localeCompare(b[0])),
    );
    const pdf = await get(u.sicilyAuditor, `/api/v1/reports/alerts/${ids.drill}?format=pdf`);
    expect(pdf.status).toBe(200);
    // pdftotext marks a right-to-left run with U+202B … U+202C: not part of the text.
    const text = pdfText('alert-report-scripts', pdf.bytes).replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
    for (const l of scripts) expect(text).toContain(l.text);
    expect(text).toContain('Vaja: poplava');
    expect(text).not.toContain('?');
    // Reproducible with the font embedded (subset tags and dates are not by chance or today's).
    expect((await get(u.sicilyAuditor, `/api/v1/reports/alerts/${ids.drill}?format=pdf`)).bytes.equals(pdf.bytes)).toBe(true);
    const fonts = execFileSync('/usr/bin/pdffonts', [join(out, 'alert-report-scripts.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+DejaVuSansMono\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('reports a period: every alert of the territory, live and exercise apart, release to 95 %, failures, refusals, sensors and webhooks as the database holds them', async () => {
    const period = `from=${encodeURIComponent(startedAt)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
    const r = await json(u.sicilyAuditor, `/api/v1/reports/period?${period}`);
    expect(r.status).toBe(200);
    const alerts = await q(`SELECT id, cap_status, msg_type FROM alerts WHERE jurisdiction_id = 'IT-R19' AND created_at >= $1 ORDER BY created_at, id`, [startedAt]);
    expect(r.body.alerts.map((a: any) => a.id)).toEqual(alerts.map((a) => a.id));
    expect(r.body.counts.find((c: any) => c.statusClass === 'live')).toEqual({ statusClass: 'live', alerts: alerts.filter((a) => a.cap_status === 'Actual' && a.msg_type === 'Alert').length, updates: 0, cancels: 1 });
    expect(r.body.counts.find((c: any) => c.statusClass === 'exercise').alerts).toBe(1);

    // Failed cells by cause, from the error code the worker stored ahead of each reason; the
    // scenario's failure is the simulated link's (UPLINK_SIM_FAILURE_RATE=1), one reason a batch.
    const failed = `SELECT DISTINCT alert_id, route_id, cell_id, reason,
                           CASE split_part(reason, ':', 1) WHEN 'uplink/transient' THEN 'link-failure' WHEN 'uplink/rejected' THEN 'gateway-refused'
                                WHEN 'uplink/unsealed' THEN 'seal-not-opened' WHEN 'uplink/unknown-gateway' THEN 'unknown-gateway' ELSE 'other' END AS cause
                      FROM deliveries WHERE status = 'failed' AND alert_id = ANY($1::uuid[])`;
    const causes = await q(`SELECT cause, count(*)::int AS cells, count(DISTINCT alert_id)::int AS alerts FROM (${failed}) f GROUP BY cause ORDER BY cause`, [alerts.map((a) => a.id)]);
    const failures = await q(`SELECT cause, reason, count(*)::int AS cells, count(DISTINCT alert_id)::int AS alerts FROM (${failed}) f GROUP BY cause, reason ORDER BY reason`, [alerts.map((a) => a.id)]);
    expect(causes).toEqual([{ cause: 'link-failure', cells: expect.any(Number), alerts: 1 }]);
    expect(failures.length).toBeGreaterThan(1);
    expect(r.body.failuresByCause).toEqual(
      causes.map((c) => ({ ...c, reasons: failures.filter((f) => f.cause === c.cause).map(({ reason, cells, alerts }) => ({ reason, cells, alerts })) })),
    );
    // Cells never reached (none in this scenario: every batch went out or failed), the same way.
    const never = await q(
      `WITH c AS (SELECT d.alert_id, d.route_id, d.cell_id, string_agg(DISTINCT coalesce(d.reason, d.status), '; ') FILTER (WHERE d.status IN ('queued', 'killed')) AS reason
                    FROM deliveries d LEFT JOIN broadcasts b ON b.kind = 'broadcast' AND b.submission_id = d.message_id || ':' || d.route_id || ':' || d.batch
                   WHERE d.alert_id = ANY($1::uuid[]) GROUP BY 1, 2, 3
                  HAVING NOT bool_or(b.id IS NOT NULL AND d.status IN ('broadcasting', 'killed')) AND NOT bool_or(d.status IN ('failed', 'rejected')))
       SELECT CASE reason WHEN 'cancelled before transmission' THEN 'cancelled-before-air' WHEN 'replaced before transmission' THEN 'replaced-before-air'
                          WHEN 'expired before transmission' THEN 'expired' WHEN 'queued' THEN 'still-queued' ELSE 'other' END AS cause,
              count(*)::int AS cells, count(DISTINCT alert_id)::int AS alerts
         FROM c GROUP BY 1 ORDER BY 1`,
      [alerts.map((a) => a.id)],
    );
    expect(r.body.neverReachedByCause.map(({ reasons: _r, ...c }: any) => c).sort((a: any, b: any) => a.cause.localeCompare(b.cause))).toEqual(never);

    // Release → 95 % per route, recomputed: the ceil(0.95 n)-th cell's first transmission.
    const perRoute = await q(
      `WITH c AS (SELECT d.alert_id, d.route_id, d.cell_id, min(b.transmitted_at) FILTER (WHERE d.status IN ('broadcasting', 'killed')) AS on_air
                    FROM deliveries d LEFT JOIN broadcasts b ON b.kind = 'broadcast' AND b.submission_id = d.message_id || ':' || d.route_id || ':' || d.batch
                   WHERE d.alert_id = ANY($1::uuid[]) GROUP BY 1, 2, 3),
            r AS (SELECT alert_id, route_id, count(*) AS n, array_agg(on_air ORDER BY on_air) FILTER (WHERE on_air IS NOT NULL) AS times FROM c GROUP BY 1, 2)
       SELECT a.cap_status, r.route_id, extract(epoch FROM (r.times[ceil(0.95 * r.n)::int] - a.released_at)) * 1000 AS ms
         FROM r JOIN alerts a ON a.id = r.alert_id WHERE a.msg_type <> 'Cancel' ORDER BY 1, 2`,
      [alerts.map((a) => a.id)],
    );
    for (const row of r.body.releaseTo95ByRoute) {
      const cls = { live: 'Actual', exercise: 'Exercise', test: 'Test' }[row.statusClass as string];
      const values = perRoute.filter((x) => x.cap_status === cls && x.route_id === row.routeId);
      expect([row.count, row.notReached]).toEqual([values.filter((v) => v.ms !== null).length, values.filter((v) => v.ms === null).length]);
      const sorted = values.filter((v) => v.ms !== null).map((v) => Math.round(Number(v.ms))).sort((a, b) => a - b);
      if (sorted.length > 0) expect(Math.round(row.p95Ms)).toBe(sorted[Math.ceil(0.95 * sorted.length) - 1]);
    }
    expect(r.body.releaseTo95ByRoute.length).toBeGreaterThan(0);

    const refusals = await q(`SELECT seq FROM audit_log WHERE action = 'auth.refused' AND subject_id = $1`, [u.sicilyOperator.id]);
    expect(r.body.refusedActions.map((e: any) => e.seq)).toEqual(refusals.map((e) => Number(e.seq)));
    const webhooks = await q(`SELECT seq FROM audit_log WHERE action = 'sensor.webhook-refused' AND subject_id = $1`, [ids.sensor]);
    expect(webhooks).toHaveLength(1);
    expect(r.body.rejectedWebhooks.map((e: any) => e.seq)).toEqual(webhooks.map((e) => Number(e.seq)));
    expect(r.body.sensors).toEqual([{ sensorId: ids.sensor, name: 'INGV Etna', jurisdictionId: 'IT-R19', incidents: 0 }]);
    // Platform-wide entries (keys) are for national auditors only.
    expect(r.body.keyRotations).toEqual([]);

    const csv = await get(u.sicilyAuditor, `/api/v1/reports/period?${period}&format=csv`);
    const rows: Array<Record<string, string>> = parse(csv.bytes.toString('utf8'), { columns: true });
    expect(rows.filter((x) => x.section === 'alerts' && x.metric === 'statusClass').map((x) => x.subject)).toEqual(alerts.map((a) => a.id));
    for (const c of causes) expect(['cells', 'alerts'].map((m) => rows.find((x) => x.section === 'failures' && x.subject === c.cause && x.metric === m)?.value)).toEqual([String(c.cells), String(c.alerts)]);
    for (const f of failures) {
      expect(['cause', 'cells', 'alerts'].map((m) => rows.find((x) => x.section === 'failure-reasons' && x.subject === f.reason && x.metric === m)?.value)).toEqual([f.cause, String(f.cells), String(f.alerts)]);
    }
    const seq = Number(rows.find((x) => x.metric === 'chain-head-seq')!.value);
    expect(rows.find((x) => x.metric === 'chain-head-hash')!.value).toBe(await chainHeadAt(seq));

    const text = pdfText('period-report', (await get(u.sicilyAuditor, `/api/v1/reports/period?${period}&format=pdf`)).bytes);
    const [, pdfSeq, pdfHash] = /Audit chain head: seq (\d+) hash ([0-9a-f]{64})/.exec(text)!;
    expect(pdfHash).toBe(await chainHeadAt(Number(pdfSeq)));
    for (const a of alerts) expect(text).toContain(a.id);
    // A long reason wraps onto a second line: compared without white space.
    const flat = text.replace(/\s+/g, '');
    for (const c of causes) expect(flat).toContain(`${c.cause}${c.cells}cells${c.alerts}alerts`);
    for (const f of failures) expect(flat).toContain(`${f.cells}cells${f.alerts}alerts${f.reason.replace(/\s+/g, '')}`);
  });

  it('holds nothing of another region for a regional auditor, in any format', async () => {
    const period = `from=${encodeURIComponent(startedAt)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
    const lombardyIds = (await q(`SELECT id::text FROM alerts WHERE jurisdiction_id = 'IT-R03'`)).map((a) => a.id);
    expect(lombardyIds).toContain(ids.lombardy);
    const json = (await get(u.sicilyAuditor, `/api/v1/reports/period?${period}`)).bytes.toString('utf8');
    const csv = (await get(u.sicilyAuditor, `/api/v1/reports/period?${period}&format=csv`)).bytes.toString('utf8');
    const pdf = pdfText('period-sicily', (await get(u.sicilyAuditor, `/api/v1/reports/period?${period}&format=pdf`)).bytes);
    for (const id of [...lombardyIds, u.lombardyOperator.id, u.lombardyApprover.id]) for (const doc of [json, csv, pdf]) expect(doc).not.toContain(id);
    const national = (await get(u.nationalAuditor, `/api/v1/reports/period?${period}`)).bytes.toString('utf8');
    expect(national).toContain(ids.lombardy);
  });

  it('builds a long period report in the worker with progress, for the auditor who asked and nobody else', async () => {
    const to = new Date(Date.now() + 60_000).toISOString();
    const post = async (who: TestUser, body: unknown) => {
      const r = await fetch(`${p.baseUrl}/api/v1/reports/period-jobs`, { method: 'POST', headers: { 'content-type': 'application/json', ...who.headers }, body: JSON.stringify(body) });
      return { status: r.status, type: r.headers.get('content-type') ?? '', body: (await r.json()) as any };
    };
    const asked = await post(u.sicilyAuditor, { from: startedAt, to, format: 'csv' });
    expect([asked.status, asked.body.status, asked.body.jurisdictionId]).toEqual([202, 'queued', 'IT-R19']);
    const id = asked.body.id as string;
    const done = await waitUntil('the report built', async () => {
      const r = await json(u.sicilyAuditor, `/api/v1/reports/period-jobs/${id}`);
      return r.body.status === 'done' ? r.body : undefined;
    }, 120_000, p.logs);
    expect(done.progress).toBe(1);
    expect(done.chainHead.hash).toBe(await chainHeadAt(done.chainHead.seq));

    const file = await get(u.sicilyAuditor, `/api/v1/reports/period-jobs/${id}/file`);
    expect([file.status, file.type]).toEqual([200, 'text/csv; charset=utf-8']);
    const rows: Array<Record<string, string>> = parse(file.bytes.toString('utf8'), { columns: true });
    const sicilian = await q(`SELECT id::text FROM alerts WHERE jurisdiction_id = 'IT-R19' AND created_at >= $1 ORDER BY created_at, id`, [startedAt]);
    expect(rows.filter((x) => x.section === 'alerts' && x.metric === 'statusClass').map((x) => x.subject)).toEqual(sicilian.map((a) => a.id));
    expect(rows.find((x) => x.metric === 'chain-head-seq')!.value).toBe(String(done.chainHead.seq));
    expect(file.bytes.toString('utf8')).not.toContain(ids.lombardy);

    // Nobody else: another auditor of the same region, one of another region, an operator.
    for (const who of [u.otherSicilyAuditor, u.lombardyAuditor]) {
      for (const path of [`/api/v1/reports/period-jobs/${id}`, `/api/v1/reports/period-jobs/${id}/file`]) {
        const r = await json(who, path);
        expect([r.status, r.body.code]).toEqual([404, 'report/not-found']);
      }
    }
    expect((await json(u.sicilyOperator, `/api/v1/reports/period-jobs/${id}/file`)).status).toBe(403);
    // A download names a row, never a path.
    for (const path of [`/api/v1/reports/period-jobs/..%2F..%2Fetc%2Fpasswd/file`, `/api/v1/reports/period-jobs/${id}%2F..%2F..%2Fpackage.json/file`, `/api/v1/reports/period-jobs/../../../package.json`]) {
      const r = await get(u.sicilyAuditor, path);
      expect([r.status >= 400 && r.status < 500, r.type]).toEqual([true, expect.stringContaining('application/problem+json')]);
      expect(r.bytes.toString('utf8')).not.toMatch(/root:|"name": "faro"/);
    }
    const bad = await post(u.sicilyAuditor, { from: to, to: startedAt });
    expect([bad.status, bad.type, bad.body.code]).toEqual([400, expect.stringContaining('application/problem+json'), 'report/invalid-period']);
    const unknown = await post(u.sicilyAuditor, { from: startedAt, to, path: '../x' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'http/bad-request']);
  });

  it('shuts the side doors: another region’s alert, an operator, a path with ../, bad periods', async () => {
    const other = await json(u.lombardyAuditor, `/api/v1/reports/alerts/${ids.live}`);
    expect([other.status, other.type, other.body.code]).toEqual([404, expect.stringContaining('application/problem+json'), 'report/not-found']);
    const operator = await json(u.sicilyOperator, `/api/v1/reports/alerts/${ids.live}`);
    expect([operator.status, operator.body.code]).toEqual([403, 'auth/forbidden']);
    for (const path of ['/api/v1/reports/alerts/..%2F..%2Fetc%2Fpasswd', '/api/v1/reports/alerts/../../etc/passwd', `/api/v1/reports/alerts/${ids.live}%2F..%2F${ids.lombardy}`]) {
      const r = await get(u.sicilyAuditor, path);
      expect([r.status < 500, r.status >= 400, r.type]).toEqual([true, true, expect.stringContaining('application/problem+json')]);
      expect(r.bytes.toString('utf8')).not.toContain('root:');
    }
    const backwards = await json(u.sicilyAuditor, `/api/v1/reports/period?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z`);
    expect([backwards.status, backwards.body.code, backwards.body.detail]).toEqual([400, 'report/invalid-period', 'to must be after from']);
    const long = await json(u.sicilyAuditor, `/api/v1/reports/period?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`);
    expect([long.status, long.body.code, long.body.detail]).toEqual([400, 'report/invalid-period', 'a period over 31 days is made in the background: POST /api/v1/reports/period-jobs']);
    const format = await json(u.sicilyAuditor, `/api/v1/reports/alerts/${ids.live}?format=docx`);
    expect([format.status, format.body.code]).toEqual([400, 'http/invalid-query']);
  });
});
