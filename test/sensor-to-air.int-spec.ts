import { Client } from 'pg';
import { webhookSignature } from '@faro/sensors';
import { bearerFor, callApi, createUser, type Bearer } from './auth-client';
import { capDateTime } from '@faro/cap';
import { capAlert } from './fixtures/catania-earthquake';
import { waitUntil, type Platform } from './platform';
import { sharedPlatform } from './shared-platform';

jest.setTimeout(300_000);

// Issue 3, end to end: a seismic sensor posts a signed CAP alert under an 'approve' policy, an
// approver of the same jurisdiction releases it, it reaches the uplink, and the audit trail
// shows every step and verifies intact.
describe('from a sensor to the air, through a second person', () => {
  let platform: Platform;
  let db: Client;
  let admin: Bearer;
  let approver: Bearer;
  let approverId: string;
  let auditor: Bearer;

  beforeAll(async () => {
    platform = await sharedPlatform();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    admin = await bearerFor(platform, await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true }));
    const a = await createUser(platform, { roles: ['approver'], jurisdictionId: 'IT-R19', withTotp: true });
    approverId = a.id;
    approver = await bearerFor(platform, a);
    auditor = await bearerFor(platform, await createUser(platform, { roles: ['auditor'], jurisdictionId: 'IT' }));
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  it('goes from a signed CAP webhook to the uplink with every step audited and the chain intact', async () => {
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/sensors', {
      headers: admin.headers,
      body: { name: 'INGV rete sismica Sicilia', jurisdictionId: 'IT-R19', releasePolicy: 'approve' },
    });
    expect(created.status).toBe(201);
    const sensor = { id: created.body.id as string, secret: created.body.secret as string };

    const sent = new Date(Date.now() - 2000);
    const doc = capAlert({ identifier: `INGV-SENSOR-${sent.getTime()}`, sent: capDateTime(sent), expires: capDateTime(new Date(Date.now() + 3600_000)) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = webhookSignature(Buffer.from(sensor.secret, 'utf8'), timestamp, Buffer.from(doc, 'utf8'));
    const posted = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensor.id}/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/cap+xml', 'x-faro-timestamp': timestamp, 'x-faro-signature': signature },
      body: doc,
    });
    expect(posted.status).toBe(201);
    const report = (await posted.json()) as any;
    expect(report).toMatchObject({ policy: 'approve', released: false });
    const alertId = report.alertId as string;
    expect((await db.query(`SELECT state, drafted_by, origin FROM alerts WHERE id = $1`, [alertId])).rows[0]).toEqual({
      state: 'pending_approval',
      drafted_by: `sensor:${sensor.id}`,
      origin: 'sensor',
    });

    const released = await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${alertId}/release`, { headers: approver.headers });
    expect(released.status).toBe(200);
    expect(released.body.state).toBe('approved');

    await waitUntil('alert on air', async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0].state === 'active', 120_000, platform.logs);
    const { rows: deliveries } = await db.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE alert_id = $1 GROUP BY status`, [alertId]);
    expect(deliveries.map((d) => d.status)).toEqual(['broadcasting']);
    expect(deliveries[0].n).toBeGreaterThan(0);
    const { rows: [tx] } = await db.query(`SELECT count(*)::int AS n FROM broadcasts WHERE alert_id = $1 AND kind = 'broadcast'`, [alertId]);
    expect(tx.n).toBeGreaterThan(0);

    const { rows: trail } = await db.query(`SELECT actor, action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [alertId]);
    const steps = trail.map((t) => `${t.action} by ${t.actor}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        `alert.drafted by sensor:${sensor.id}`,
        `alert.pending_approval by sensor:${sensor.id}`,
        `alert.approved by user:${approverId}`,
        'alert.broadcasting by system:fanout',
        'alert.active by system:fanout',
      ]),
    );
    expect(trail.map((t) => t.action)).toContain('alert.approval-requested');

    const verify = await callApi(platform.baseUrl, 'GET', '/api/v1/audit/verify', { headers: auditor.headers });
    expect(verify.status).toBe(200);
    expect(verify.body.intact).toBe(true);
    expect(verify.body.entries).toBeGreaterThanOrEqual(trail.length);
    expect(verify.body.headHash).toMatch(/^[0-9a-f]{64}$/);
    // Approvers do not read the audit trail.
    expect((await callApi(platform.baseUrl, 'GET', '/api/v1/audit/verify', { headers: approver.headers })).status).toBe(403);
  });
});
