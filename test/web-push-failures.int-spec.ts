import { Client } from 'pg';
import { callApi } from './auth-client';
import { startPlatform, waitUntil, type Platform } from './platform';
import { grantToken, type TestUser } from './principals';
import { startPushService, type PushService } from './push-service';
import { browserKeys, decryptWebPush, type BrowserKeys } from './web-push-receiver';

jest.setTimeout(180_000);

// Issue 10, web push: delivery failures above PUSH_FAILURE_THRESHOLD are told once per alert,
// however many batches fail. A platform of its own whose simulated gateways fail every
// submission and whose uplink jobs do not retry, so every batch of the alert fails.
describe('web push: delivery failures', () => {
  let platform: Platform;
  let db: Client;
  let pushService: PushService;
  let drafter: TestUser;
  let approver: TestUser;
  let lombardy: TestUser;

  beforeAll(async () => {
    pushService = await startPushService();
    platform = await startPlatform({ PUSH_ALLOW_HTTP_LOOPBACK: 'true', PUSH_BACKOFF_MS: '50', UPLINK_SIM_FAILURE_RATE: '1', UPLINK_ATTEMPTS: '1', PUSH_FAILURE_THRESHOLD: '0.05' });
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    drafter = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
    lombardy = await grantToken(platform.databaseUrl, ['operator'], 'IT-R03');
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
    await pushService?.close();
  });

  const call = (who: TestUser, method: string, path: string, body?: unknown) => callApi(platform.baseUrl, method, path, { headers: who.headers, body }) as Promise<{ status: number; body: any }>;

  const subscribe = async (who: TestUser, name: string): Promise<BrowserKeys> => {
    const keys = browserKeys();
    const r = await call(who, 'POST', '/api/v1/push/subscriptions', { endpoint: `${pushService.base}/push/${name}`, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.auth } });
    expect(r.status).toBe(201);
    return keys;
  };

  it('tells the territory once that an alert failed to reach more than the threshold of its cells', async () => {
    const drafterKeys = await subscribe(drafter, 'drafter');
    await subscribe(lombardy, 'lombardy');
    const created = await call(drafter, 'POST', '/api/v1/incidents', {
      hazard: 'earthquake',
      areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
      severity: 'Extreme',
      urgency: 'Immediate',
      certainty: 'Observed',
      status: 'Exercise',
      languages: [{ language: 'it-IT', text: 'ESERCITAZIONE: i gateway non rispondono.' }],
      expires: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const alertId: string = created.body.alertId;
    expect((await call(drafter, 'POST', `/api/v1/alerts/${alertId}/submit`)).status).toBe(200);
    expect((await call(approver, 'POST', `/api/v1/alerts/${alertId}/release`)).status).toBe(200);

    // Every batch finishes (failed), then the notices of the last audit entries are sent.
    await waitUntil('every batch finished', async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0].state === 'active', 90_000, platform.logs);
    const { rows: [failed] } = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'alert.batch-failed'`, [alertId]);
    expect(failed.n).toBeGreaterThan(1);
    const kinds = () => pushService.to('drafter').map((r) => JSON.parse(decryptWebPush(r.body, drafterKeys).toString('utf8'))).filter((p) => p.alertId === alertId);
    await waitUntil('the drafter hears of the failures and of the end', async () => kinds().some((p) => p.kind === 'on-air') && kinds().some((p) => p.kind === 'delivery-failures'), 30_000, platform.logs);
    // No more than one failure notice, after every failed batch was relayed.
    await waitUntil('every notice of the alert sent', async () => (await db.query(`SELECT count(*)::int AS n FROM push_notifications WHERE alert_id = $1 AND status <> 'sent'`, [alertId])).rows[0].n === 0, 30_000);
    expect(kinds().filter((p) => p.kind === 'delivery-failures')).toEqual([
      { kind: 'delivery-failures', alertId, event: 'earthquake', headline: 'ESERCITAZIONE: i gateway non rispondono.', msgType: 'Alert', status: 'Exercise', territory: expect.stringMatching(/^IT-/), url: `/alerts/${alertId}` },
    ]);
    expect(pushService.to('lombardy')).toHaveLength(0);
  });
});
