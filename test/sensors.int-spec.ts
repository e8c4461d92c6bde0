import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { webhookSignature } from '@faro/sensors';
import { bearerFor, callApi, createUser, type Bearer } from './auth-client';
import { capDateTime } from '@faro/cap';
import { capAlert } from './fixtures/catania-earthquake';
import { waitUntil, type Platform } from './platform';
import { sharedPlatform } from './shared-platform';

jest.setTimeout(300_000);

// Sensors report incidents over signed webhooks; each sensor's policy decides whether a human
// stands between it and the air (issue 3).
describe('sensor webhooks', () => {
  let platform: Platform;
  let db: Client;
  let admin: Bearer;

  beforeAll(async () => {
    platform = await sharedPlatform();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    admin = await bearerFor(platform, await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true }));
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  interface TestSensor {
    id: string;
    secret: string;
  }

  const createSensor = async (settings: Record<string, unknown> = {}): Promise<TestSensor> => {
    const r = await callApi(platform.baseUrl, 'POST', '/api/v1/sensors', {
      headers: admin.headers,
      body: { name: `INGV Etna ${randomUUID().slice(0, 6)}`, jurisdictionId: 'IT-R19', releasePolicy: 'approve', ...settings },
    });
    expect(r.status).toBe(201);
    return { id: r.body.id, secret: r.body.secret };
  };

  const now = () => Math.floor(Date.now() / 1000);

  const send = async (sensor: TestSensor, body: string, opts: { type?: string; timestamp?: number; secret?: string; headers?: Record<string, string> } = {}) => {
    const timestamp = String(opts.timestamp ?? now());
    const signature = webhookSignature(Buffer.from(opts.secret ?? sensor.secret, 'utf8'), timestamp, Buffer.from(body, 'utf8'));
    const headers = { 'content-type': opts.type ?? 'application/json', 'x-faro-timestamp': timestamp, 'x-faro-signature': signature, ...opts.headers };
    const r = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensor.id}/incidents`, { method: 'POST', headers, body });
    const text = await r.text();
    return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : undefined, sent: { headers, body } } as {
      status: number;
      headers: Headers;
      body: any;
      sent: { headers: Record<string, string>; body: string };
    };
  };

  const quake = (magnitude?: number, over: Record<string, unknown> = {}) =>
    JSON.stringify({
      hazard: 'earthquake',
      areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015', description: 'Catania' }],
      severity: 'Extreme',
      urgency: 'Immediate',
      certainty: 'Observed',
      status: 'Actual',
      languages: [{ language: 'it-IT', text: 'Forte terremoto a Catania: allontanarsi dagli edifici.' }],
      expires: new Date(Date.now() + 3600_000).toISOString(),
      ...(magnitude === undefined ? {} : { magnitude }),
      ...over,
    });

  const alertState = async (id: string) => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state;
  const auditOf = async (action: string, subjectId: string) =>
    (await db.query(`SELECT actor, details FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY id`, [action, subjectId])).rows;

  it('accepts a signed incident and leaves an approve sensor\'s alert awaiting an approver, who is notified', async () => {
    const sensor = await createSensor();
    const r = await send(sensor, quake(4.2));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ policy: 'approve', released: false, duplicate: false, state: 'pending_approval' });
    expect(r.headers.get('location')).toBe(`/api/v1/incidents/${r.body.incidentId}`);
    const [row] = (await db.query(`SELECT a.state, a.origin, a.drafted_by, a.jurisdiction_id, i.sensor_id FROM alerts a JOIN incidents i ON i.id = a.incident_id WHERE a.id = $1`, [r.body.alertId])).rows;
    expect(row).toEqual({ state: 'pending_approval', origin: 'sensor', drafted_by: `sensor:${sensor.id}`, jurisdiction_id: 'IT-R19', sensor_id: sensor.id });
    const [notice] = await auditOf('alert.approval-requested', r.body.alertId);
    expect(notice.details).toMatchObject({ sensorId: sensor.id, jurisdictionId: 'IT-R19', channel: 'audit-log' });
    // How it authenticated: the webhook signature and which of the sensor's secrets (by id) signed.
    const [secret] = (await db.query(`SELECT id FROM sensor_secrets WHERE sensor_id = $1`, [sensor.id])).rows;
    const [drafted] = await auditOf('alert.drafted', r.body.alertId);
    expect(drafted.details.via).toEqual({ method: 'webhook-signature', secretId: secret.id });
  });

  it('refuses a bad signature with 401 and audits it without the signature', async () => {
    const sensor = await createSensor();
    const r = await send(sensor, quake(), { secret: 'not-the-secret' });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ code: 'sensor/bad-signature', detail: 'The signature does not match any current secret of the sensor' });
    const audited = await auditOf('sensor.webhook-refused', sensor.id);
    expect(audited.map((a) => a.details.code)).toEqual(['sensor/bad-signature']);
    expect(JSON.stringify(audited)).not.toContain(r.sent.headers['x-faro-signature'].slice(7));
  });

  it('refuses a request signed 301 s ago with 401', async () => {
    const sensor = await createSensor();
    const r = await send(sensor, quake(), { timestamp: now() - 301 });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('sensor/stale-timestamp');
    expect((await auditOf('sensor.webhook-refused', sensor.id)).map((a) => a.details.code)).toEqual(['sensor/stale-timestamp']);
  });

  it('refuses the same signed request a second time as a replay, with 409', async () => {
    const sensor = await createSensor();
    const first = await send(sensor, quake());
    expect(first.status).toBe(201);
    const again = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensor.id}/incidents`, { method: 'POST', headers: first.sent.headers, body: first.sent.body });
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).code).toBe('sensor/replay');
    expect((await db.query(`SELECT count(*)::int AS n FROM incidents WHERE sensor_id = $1`, [sensor.id])).rows[0].n).toBe(1);
  });

  it('answers a repeated Idempotency-Key with the same incident and makes one alert', async () => {
    const sensor = await createSensor();
    const key = randomUUID();
    const body = quake(5);
    const first = await send(sensor, body, { headers: { 'idempotency-key': key } });
    const second = await send(sensor, body, { headers: { 'idempotency-key': key }, timestamp: now() + 1 });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toMatchObject({ incidentId: first.body.incidentId, alertId: first.body.alertId, duplicate: true, policy: 'approve' });
    expect((await db.query(`SELECT count(*)::int AS n FROM alerts a JOIN incidents i ON i.id = a.incident_id WHERE i.sensor_id = $1`, [sensor.id])).rows[0].n).toBe(1);
    expect(await auditOf('alert.approval-requested', first.body.alertId)).toHaveLength(1);
  });

  it('makes one alert of the same CAP document posted twice', async () => {
    const sensor = await createSensor();
    const sent = new Date(Date.now() - 1000);
    const doc = capAlert({ identifier: `INGV-${randomUUID()}`, sent: capDateTime(sent), expires: capDateTime(new Date(Date.now() + 3600_000)) });
    const first = await send(sensor, doc, { type: 'application/cap+xml' });
    const second = await send(sensor, doc, { type: 'application/cap+xml', timestamp: now() + 1 });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.alertId).toBe(first.body.alertId);
    const [incident] = (await db.query(`SELECT format, raw FROM incidents WHERE id = $1`, [first.body.incidentId])).rows;
    expect(incident).toEqual({ format: 'cap', raw: doc });
  });

  it('refuses a disabled sensor with 403, and takes it again once enabled', async () => {
    const sensor = await createSensor();
    const off = await callApi(platform.baseUrl, 'PATCH', `/api/v1/sensors/${sensor.id}`, { headers: admin.headers, body: { disabled: true } });
    expect([off.status, off.body.disabled]).toEqual([200, true]);
    const r = await send(sensor, quake());
    expect([r.status, r.body.code]).toEqual([403, 'sensor/disabled']);
    await callApi(platform.baseUrl, 'PATCH', `/api/v1/sensors/${sensor.id}`, { headers: admin.headers, body: { disabled: false } });
    expect((await send(sensor, quake())).status).toBe(201);
    const changes = (await auditOf('sensor.changed', sensor.id)).map((a) => a.details.changes.disabled);
    expect(changes).toEqual([{ from: false, to: true }, { from: true, to: false }]);
  });

  it('refuses past the rate limit with 429 and a Retry-After', async () => {
    const sensor = await createSensor({ releasePolicy: 'record', rateLimitPerMinute: 2 });
    expect((await send(sensor, quake())).status).toBe(201);
    expect((await send(sensor, quake())).status).toBe(201);
    const r = await send(sensor, quake());
    expect([r.status, r.body.code]).toEqual([429, 'sensor/rate-limited']);
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('takes the old secret while the rotation overlap lasts and refuses it after', async () => {
    const sensor = await createSensor({ releasePolicy: 'record' });
    const rotated = await callApi(platform.baseUrl, 'POST', `/api/v1/sensors/${sensor.id}/rotate-secret`, { headers: admin.headers, body: { overlapSeconds: 3 } });
    expect(rotated.status).toBe(201);
    const fresh = { id: sensor.id, secret: rotated.body.secret as string };
    expect(fresh.secret).not.toBe(sensor.secret);
    expect((await send(sensor, quake())).status).toBe(201);
    expect((await send(fresh, quake())).status).toBe(201);
    await new Promise((r) => setTimeout(r, 3500));
    const old = await send(sensor, quake());
    expect([old.status, old.body.code]).toEqual([401, 'sensor/bad-signature']);
    expect((await send(fresh, quake())).status).toBe(201);
    const [audit] = await auditOf('sensor.secret-rotated', sensor.id);
    expect(audit.details).toMatchObject({ overlapSeconds: 3, secretId: rotated.body.secretId });
    expect(JSON.stringify(audit)).not.toContain(fresh.secret);
  });

  it('records the incident of a record sensor and makes no alert', async () => {
    const sensor = await createSensor({ releasePolicy: 'record' });
    const r = await send(sensor, quake(7.1));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ alertId: null, state: null, policy: 'record', released: false });
    const [row] = (await db.query(`SELECT alert_id, sensor_id, jurisdiction_id, source FROM incidents WHERE id = $1`, [r.body.incidentId])).rows;
    expect(row).toEqual({ alert_id: null, sensor_id: sensor.id, jurisdiction_id: 'IT-R19', source: `sensor:${sensor.id}` });
    expect(await auditOf('incident.recorded', r.body.incidentId)).toHaveLength(1);
  });

  it('releases an earthquake at or above the threshold in its jurisdiction with no human, and it reaches the uplink', async () => {
    const sensor = await createSensor({ releasePolicy: 'auto', autoRelease: { minMagnitude: 5.5, hazards: ['earthquake'] } });
    const r = await send(sensor, quake(6.1));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ policy: 'auto', released: true });
    await waitUntil(`alert ${r.body.alertId} active`, async () => (await alertState(r.body.alertId)) === 'active', 120_000, platform.logs);
    const [a] = (await db.query(`SELECT approved_by FROM alerts WHERE id = $1`, [r.body.alertId])).rows;
    expect(a.approved_by).toBe(`sensor:${sensor.id}`);
    const sent = (await db.query(`SELECT count(*)::int AS n FROM broadcasts WHERE alert_id = $1 AND kind = 'broadcast'`, [r.body.alertId])).rows[0].n;
    expect(sent).toBeGreaterThan(0);
  });

  it('leaves an auto sensor\'s earthquake below the threshold awaiting approval, saying why', async () => {
    const sensor = await createSensor({ releasePolicy: 'auto', autoRelease: { minMagnitude: 5.5 } });
    const r = await send(sensor, quake(4.8));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ policy: 'approve', released: false, state: 'pending_approval', reason: 'magnitude 4.8 is below 5.5' });
    const [notice] = await auditOf('alert.approval-requested', r.body.alertId);
    expect(notice.details.reason).toBe('magnitude 4.8 is below 5.5');
  });

  it('refuses an incident whose areas leave the jurisdiction of the sensor, naming the part outside', async () => {
    const sensor = await createSensor({ releasePolicy: 'auto', autoRelease: { minMagnitude: 5.5 } });
    const acrossTheStrait = [{ type: 'polygon', coordinates: [[15.5, 38.15], [15.7, 38.15], [15.7, 38.3], [15.5, 38.3], [15.5, 38.15]] }];
    const r = await send(sensor, quake(6.5, { areas: acrossTheStrait }));
    expect([r.status, r.body.code]).toEqual([403, 'jurisdiction/outside']);
    expect(r.body.detail).toMatch(/Calabria/);
    expect((await db.query(`SELECT count(*)::int AS n FROM incidents WHERE sensor_id = $1`, [sensor.id])).rows[0].n).toBe(0);
  });

  it("applies a sensor's CAP Cancel to the alert it released, at once", async () => {
    const sensor = await createSensor({ releasePolicy: 'auto', autoRelease: { minMagnitude: 5.5 } });
    const sent = capDateTime(new Date(Date.now() - 2000));
    const identifier = `INGV-${randomUUID()}`;
    const expires = capDateTime(new Date(Date.now() + 3600_000));
    // CAP 1.2 §3.2.2: <parameter> follows <description> within <info>.
    const withMagnitude = (doc: string) => doc.replace(/<\/description>/g, '</description>\n    <parameter><valueName>magnitude</valueName><value>6.0</value></parameter>');
    const alert = await send(sensor, withMagnitude(capAlert({ identifier, sent, expires })), { type: 'application/cap+xml' });
    expect(alert.body).toMatchObject({ policy: 'auto', released: true });
    await waitUntil(`alert ${alert.body.alertId} active`, async () => (await alertState(alert.body.alertId)) === 'active', 120_000, platform.logs);
    const cancelDoc = capAlert({ identifier: `${identifier}-cancel`, sent: capDateTime(new Date()), expires, msgType: 'Cancel', references: `it-alert@protezionecivile.it,${identifier},${sent}` });
    const cancel = await send(sensor, cancelDoc, { type: 'application/cap+xml' });
    expect(cancel.status).toBe(201);
    expect(cancel.body).toMatchObject({ policy: 'auto', released: true });
    await waitUntil(`alert ${alert.body.alertId} cancelled`, async () => (await alertState(alert.body.alertId)) === 'cancelled', 120_000, platform.logs);
  });

  it('signs the body as sent: pretty-printed, non-ASCII JSON is verified on its bytes', async () => {
    const sensor = await createSensor({ releasePolicy: 'record' });
    const body = JSON.stringify(JSON.parse(quake(3.1, { description: 'Scossa avvertita a Catania, nessun danno segnalato. Perché?' })), null, 2);
    const r = await send(sensor, body);
    expect(r.status).toBe(201);
  });

  it('refuses a magnitude that is not a number with 422, naming it', async () => {
    const sensor = await createSensor();
    const r = await send(sensor, quake(undefined, { magnitude: 'strong' }));
    expect([r.status, r.body.code, r.body.pointer]).toEqual([422, 'sensor/invalid', '/magnitude']);
  });

  it('refuses an unknown sensor with 404', async () => {
    const r = await send({ id: randomUUID(), secret: 'x' }, quake());
    expect([r.status, r.body.code]).toEqual([404, 'sensor/not-found']);
  });

  it('lets only an admin administer sensors, and never shows a secret again', async () => {
    const sensor = await createSensor();
    const operator = await bearerFor(platform, await createUser(platform, { roles: ['operator'], jurisdictionId: 'IT' }));
    expect((await callApi(platform.baseUrl, 'GET', '/api/v1/sensors', { headers: operator.headers })).status).toBe(403);
    const got = await callApi(platform.baseUrl, 'GET', `/api/v1/sensors/${sensor.id}`, { headers: admin.headers });
    expect(got.status).toBe(200);
    expect(got.body.secrets).toHaveLength(1);
    expect(JSON.stringify(got.body)).not.toContain(sensor.secret);
    const listed = await callApi(platform.baseUrl, 'GET', '/api/v1/sensors', { headers: admin.headers });
    expect(listed.body.items.map((s: any) => s.id)).toContain(sensor.id);
    const bad = await callApi(platform.baseUrl, 'POST', '/api/v1/sensors', { headers: admin.headers, body: { name: 'x', jurisdictionId: 'IT-R19', releasePolicy: 'auto' } });
    expect([bad.status, bad.body.code]).toEqual([422, 'sensor/invalid']);
  });
});
