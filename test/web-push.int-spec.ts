import { Client } from 'pg';
import { createDataSource, SqlRouteEvents } from '@faro/persistence';
import { webhookSignature } from '@faro/sensors';
import { startPlatform, waitUntil, type Platform } from './platform';
import { startPushService, type PushService, type ReceivedPush } from './push-service';
import { grantToken, type TestUser } from './principals';
import { browserKeys, browserKeysFrom, decryptWebPush, verifyVapid, type BrowserKeys } from './web-push-receiver';

jest.setTimeout(180_000);

// Issue 10, web push: browsers subscribe through the API; the worker derives notices from the
// audit trail and POSTs them, encrypted (RFC 8291) and VAPID-signed (RFC 8292), to each
// subscription's push service, here an HTTP server of the test on the loopback.
describe('web push: browser notifications for operators and approvers', () => {
  let platform: Platform;
  let db: Client;
  let pushService: PushService;
  let pushBase: string;
  let drafter: TestUser;
  let approver: TestUser;
  let lombardyApprover: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    pushService = await startPushService();
    pushBase = pushService.base;
    platform = await startPlatform({ PUSH_ALLOW_HTTP_LOOPBACK: 'true', PUSH_BACKOFF_MS: '50' });
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    drafter = await grantToken(platform.databaseUrl, ['operator', 'approver'], 'IT-R19');
    approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
    lombardyApprover = await grantToken(platform.databaseUrl, ['approver'], 'IT-R03');
    auditor = await grantToken(platform.databaseUrl, ['auditor'], 'IT');
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
    await pushService?.close();
  });

  const call = async (who: TestUser | null, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${platform.baseUrl}${path}`, {
      method,
      headers: { ...(who?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined } as { status: number; type: string; body: any };
  };

  const subscribe = async (who: TestUser, name: string, keys: BrowserKeys = browserKeys()) => {
    const r = await call(who, 'POST', '/api/v1/push/subscriptions', { endpoint: `${pushBase}/push/${name}`, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.auth } });
    return { keys, status: r.status, body: r.body };
  };

  const pendingAlert = async (text: string): Promise<string> => {
    const created = await call(drafter, 'POST', '/api/v1/incidents', {
      hazard: 'earthquake',
      areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
      severity: 'Extreme',
      urgency: 'Immediate',
      certainty: 'Observed',
      status: 'Exercise',
      languages: [{ language: 'it-IT', text }],
      expires: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const submitted = await call(drafter, 'POST', `/api/v1/alerts/${created.body.alertId}/submit`);
    expect(submitted.status).toBe(200);
    return created.body.alertId;
  };

  const to = (name: string) => pushService.to(name);
  const opened = (r: ReceivedPush, keys: BrowserKeys) => JSON.parse(decryptWebPush(r.body, keys).toString('utf8'));

  it("has a receiver that opens RFC 8291's own example (Appendix A), so what it opens below is proof", () => {
    const keys = browserKeysFrom('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94', 'BTBZMqHH6r4Tts7J_aSIgg');
    expect(keys.p256dh).toBe('BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4');
    const body = Buffer.from(
      'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
      'base64url',
    );
    expect(decryptWebPush(body, keys).toString()).toBe('When I grow up, I want to be a watermelon');
    body[body.length - 1] ^= 1;
    expect(() => decryptWebPush(body, keys)).toThrow();
  });

  it('gives operators and approvers one VAPID public key, kept wrapped by the KEK, and an auditor neither the key nor a subscription', async () => {
    const first = await call(approver, 'GET', '/api/v1/push/vapid-public-key');
    expect(first.status).toBe(200);
    expect(Buffer.from(first.body.publicKey, 'base64url')).toHaveLength(65);
    expect((await call(drafter, 'GET', '/api/v1/push/vapid-public-key')).body.publicKey).toBe(first.body.publicKey);
    const { rows } = await db.query(`SELECT private_key_wrapped FROM push_vapid_keys`);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0].private_key_wrapped)).toContain('kekId');
    expect(JSON.stringify(rows[0].private_key_wrapped)).not.toMatch(/"d"/);

    const key = await call(auditor, 'GET', '/api/v1/push/vapid-public-key');
    expect(key.status).toBe(403);
    const refused = await subscribe(auditor, 'auditor');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth/forbidden');
    expect((await call(null, 'POST', '/api/v1/push/subscriptions', {})).status).toBe(401);
    const { rows: subs } = await db.query(`SELECT 1 FROM push_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.id = $1`, [auditor.id]);
    expect(subs).toHaveLength(0);
  });

  it('refuses a subscription whose key is not a P-256 point or whose endpoint is not a push service, naming the field', async () => {
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
    const bad = await call(approver, 'POST', '/api/v1/push/subscriptions', { endpoint: `${pushBase}/push/x`, keys: { p256dh: notOnCurve, auth: browserKeys().auth } });
    expect(bad.status).toBe(422);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'push/invalid-subscription', detail: 'keys.p256dh: not a point on P-256', pointer: '/keys/p256dh' });
    const k = browserKeys();
    const elsewhere = await call(approver, 'POST', '/api/v1/push/subscriptions', { endpoint: 'http://10.1.2.3/push', keys: { p256dh: k.p256dh, auth: k.auth } });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.pointer).toBe('/endpoint');
    const extra = await call(approver, 'POST', '/api/v1/push/subscriptions', { endpoint: `${pushBase}/push/x`, keys: { p256dh: k.p256dh, auth: k.auth, more: 'x' } });
    expect(extra.status).toBe(422);
    expect(extra.body.pointer).toBe('/keys/more');
  });

  let approverKeys: BrowserKeys;
  let drafterKeys: BrowserKeys;
  let alertId: string;

  it("sends a pending approval to the territory's approvers, encrypted and VAPID-signed, and not to its drafter nor to another territory", async () => {
    const a = await subscribe(approver, 'approver');
    expect(a.status).toBe(201);
    expect(a.body.endpoint).toBe(`${pushBase}/push/approver`);
    approverKeys = a.keys;
    drafterKeys = (await subscribe(drafter, 'drafter')).keys;
    expect((await subscribe(lombardyApprover, 'lombardy')).status).toBe(201);
    const { body: vapid } = await call(approver, 'GET', '/api/v1/push/vapid-public-key');

    alertId = await pendingAlert('ESERCITAZIONE: scossa di terremoto, restate all aperto.');
    const [push] = await waitUntil('the approval notice', async () => to('approver').length > 0 && to('approver'), 30_000, platform.logs);

    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    expect(push.headers.urgency).toBe('high');
    const claims = verifyVapid(String(push.headers.authorization), vapid.publicKey);
    expect(claims.aud).toBe(pushBase);
    expect(claims.sub).toBe('mailto:faro@localhost');
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);

    const { rows: [alert] } = await db.query(`SELECT jurisdiction_id FROM alerts WHERE id = $1`, [alertId]);
    expect(opened(push, approverKeys)).toEqual({
      kind: 'approval-needed',
      alertId,
      event: 'earthquake',
      headline: 'ESERCITAZIONE: scossa di terremoto, restate all aperto.',
      msgType: 'Alert',
      status: 'Exercise',
      territory: alert.jurisdiction_id,
      url: `/alerts/${alertId}`,
    });
    // Another browser's keys cannot open it.
    expect(() => decryptWebPush(push.body, drafterKeys)).toThrow();

    // Every notice of one audit entry is written in one transaction: the approver's is there, so
    // any other would be too.
    const notices = async () => (await db.query(`SELECT n.user_id, n.status FROM push_notifications n WHERE n.alert_id = $1 AND n.kind = 'approval-needed'`, [alertId])).rows;
    expect((await notices()).map((n) => n.user_id)).toEqual([approver.id]);
    // Marked sent once the push service's answer is read, just after it got the request.
    await waitUntil('the notice marked sent', async () => (await notices())[0].status === 'sent', 10_000);
    expect(to('drafter')).toHaveLength(0);
    expect(to('lombardy')).toHaveLength(0);
  });

  it("asks every approver of the territory about a sensor's alert, the drafting sensor being no approver", async () => {
    const admin = await grantToken(platform.databaseUrl, ['admin'], 'IT');
    const sensor = await call(admin, 'POST', '/api/v1/sensors', { name: 'INGV Etna push', jurisdictionId: 'IT-R19', releasePolicy: 'approve' });
    expect(sensor.status).toBe(201);
    const body = JSON.stringify({
      hazard: 'earthquake',
      areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
      severity: 'Extreme',
      urgency: 'Immediate',
      certainty: 'Observed',
      status: 'Exercise',
      languages: [{ language: 'it-IT', text: 'ESERCITAZIONE: terremoto rilevato dalla rete INGV.' }],
      expires: new Date(Date.now() + 3600_000).toISOString(),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const r = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensor.body.id}/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-faro-timestamp': timestamp, 'x-faro-signature': webhookSignature(Buffer.from(sensor.body.secret, 'utf8'), timestamp, Buffer.from(body, 'utf8')) },
      body,
    });
    expect(r.status).toBe(201);
    const { alertId: sensorAlert } = (await r.json()) as { alertId: string };
    const about = (name: string, keys: BrowserKeys) => to(name).map((x) => opened(x, keys)).filter((p) => p.alertId === sensorAlert);
    await waitUntil('both approvers asked', async () => about('approver', approverKeys).length > 0 && about('drafter', drafterKeys).length > 0, 30_000, platform.logs);
    expect(about('approver', approverKeys).map((p) => p.kind)).toEqual(['approval-needed']);
    expect(about('drafter', drafterKeys).map((p) => p.kind)).toEqual(['approval-needed']);
    const { rows } = await db.query(`SELECT user_id FROM push_notifications WHERE alert_id = $1`, [sensorAlert]);
    expect(rows.map((x) => x.user_id).sort()).toEqual([approver.id, drafter.id].sort());
  });

  it('tells the drafter that the alert was released and then that it is fully on air, and not the approver who released it of the release', async () => {
    const released = await call(approver, 'POST', `/api/v1/alerts/${alertId}/release`);
    expect(released.status).toBe(200);
    const kindsFor = (name: string, keys: BrowserKeys) => to(name).map((r) => opened(r, keys)).filter((p) => p.alertId === alertId).map((p) => p.kind);
    await waitUntil('the drafter hears of release and on air', async () => kindsFor('drafter', drafterKeys).includes('on-air'), 60_000, platform.logs);
    expect(kindsFor('drafter', drafterKeys)).toEqual(['released', 'on-air']);
    await waitUntil('the approver hears of on air', async () => kindsFor('approver', approverKeys).includes('on-air'), 30_000, platform.logs);
    expect(kindsFor('approver', approverKeys)).toEqual(['approval-needed', 'on-air']);
    expect(to('lombardy')).toHaveLength(0);
  });

  it('tells the territory that the alert was cancelled once the Cancel took it off the air, and not another territory', async () => {
    const cancel = await call(drafter, 'POST', `/api/v1/alerts/${alertId}/cancel`);
    expect(cancel.status).toBe(201);
    expect((await call(approver, 'POST', `/api/v1/alerts/${cancel.body.id}/release`)).status).toBe(200);
    const about = (name: string, keys: BrowserKeys) => to(name).map((r) => opened(r, keys)).filter((p) => p.alertId === alertId);
    await waitUntil('the drafter hears of the cancellation', async () => about('drafter', drafterKeys).some((p) => p.kind === 'cancelled'), 60_000, platform.logs);
    await waitUntil('the approver hears of the cancellation', async () => about('approver', approverKeys).some((p) => p.kind === 'cancelled'), 30_000, platform.logs);
    expect(about('drafter', drafterKeys).map((p) => p.kind)).toEqual(['released', 'on-air', 'cancelled']);
    expect(about('approver', approverKeys).map((p) => p.kind)).toEqual(['approval-needed', 'on-air', 'cancelled']);
    // The notice names the alert that was cancelled and leads to its page.
    expect(about('drafter', drafterKeys).at(-1)).toMatchObject({ kind: 'cancelled', msgType: 'Alert', status: 'Exercise', url: `/alerts/${alertId}` });
    const { rows: [target] } = await db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId]);
    expect(target.state).toBe('cancelled');
    expect(to('lombardy')).toHaveLength(0);
  });

  it('removes a subscription when its push service answers 410 Gone', async () => {
    pushService.answer.set('/push/approver', 410);
    const before = to('approver').length;
    const second = await pendingAlert('ESERCITAZIONE: seconda scossa.');
    await waitUntil('the gone subscription removed', async () => (await call(approver, 'GET', '/api/v1/push/subscriptions')).body.items.length === 0, 30_000, platform.logs);
    const last = to('approver').slice(before).map((r) => opened(r, approverKeys));
    expect(last.map((p) => [p.kind, p.alertId])).toEqual([['approval-needed', second]]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM push_subscriptions WHERE user_id = $1`, [approver.id]);
    expect(rows[0].n).toBe(0);
    const { rows: audit } = await db.query(`SELECT actor, details FROM audit_log WHERE subject_id = $1 AND action = 'user.push-unsubscribed'`, [approver.id]);
    expect(audit).toEqual([{ actor: 'system:push', details: expect.objectContaining({ pushService: pushBase, reason: 'push service answered 410' }) }]);
  });

  it("lets a user remove only their own subscription", async () => {
    const mine = (await call(drafter, 'GET', '/api/v1/push/subscriptions')).body.items;
    expect(mine).toHaveLength(1);
    const someoneElse = await call(lombardyApprover, 'DELETE', `/api/v1/push/subscriptions/${mine[0].id}`);
    expect(someoneElse.status).toBe(404);
    expect(someoneElse.body.code).toBe('push/subscription-not-found');
    expect((await call(drafter, 'DELETE', `/api/v1/push/subscriptions/${mine[0].id}`)).status).toBe(204);
    expect((await call(drafter, 'GET', '/api/v1/push/subscriptions')).body.items).toHaveLength(0);
    const { rows } = await db.query(`SELECT action, details FROM audit_log WHERE subject_id = $1 AND action LIKE 'user.push-%' ORDER BY id`, [drafter.id]);
    expect(rows.map((r) => r.action)).toEqual(['user.push-subscribed', 'user.push-unsubscribed']);
    expect(rows[1].details).toMatchObject({ subscriptionId: mine[0].id, pushService: pushBase, via: { method: 'api-token', tokenId: drafter.tokenId } });
    expect(JSON.stringify(rows)).not.toContain('/push/drafter');
  });

  it("tells every subscribed operator and approver, of any territory, that an uplink route went down and came back, and shows the route's state to an auditor", async () => {
    // The platform runs the gateways in-process (no liveness watches them): the change is written
    // as the worker's liveness writes it, through SqlRouteEvents.
    const { rows: [gw] } = await db.query(`SELECT id FROM gateways WHERE kind = 'satellite' ORDER BY id LIMIT 1`);
    const lombardyKeys = (await subscribe(lombardyApprover, 'lombardy-routes')).keys;
    const drafterAgain = (await subscribe(drafter, 'drafter-routes')).keys;
    const ds = await createDataSource(platform.databaseUrl, { poolSize: 1 }).initialize();
    const heard = new Date(Date.now() - 9000);
    const down = new Date();
    try {
      await new SqlRouteEvents(ds).routeChanged({ gatewayId: gw.id, state: 'down', at: down, lastHeardAt: heard, workerId: 'spec' });
    } finally {
      await ds.destroy();
    }
    const routeNotices = (name: string, keys: BrowserKeys) => to(name).map((r) => opened(r, keys)).filter((p) => p.gatewayId === gw.id);
    await waitUntil('both subscribers hear of the route down', async () => routeNotices('lombardy-routes', lombardyKeys).length > 0 && routeNotices('drafter-routes', drafterAgain).length > 0, 30_000, platform.logs);
    expect(routeNotices('lombardy-routes', lombardyKeys)).toEqual([{ kind: 'route-down', gatewayId: gw.id, since: down.toISOString(), url: '/' }]);
    const [push] = to('lombardy-routes');
    expect(push.headers.urgency).toBe('high');
    const { rows: stored } = await db.query(`SELECT kind, alert_id FROM push_notifications WHERE kind LIKE 'route-%'`);
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.every((n) => n.alert_id === null)).toBe(true);

    // The state is readable by everyone who watches alerts, an auditor included, and nobody else.
    const routes = await call(auditor, 'GET', '/api/v1/uplink/routes');
    expect(routes.status).toBe(200);
    expect(routes.body.routes.find((r: any) => r.gatewayId === gw.id)).toEqual({ gatewayId: gw.id, kind: 'satellite', state: 'down', since: down.toISOString(), lastHeardAt: heard.toISOString() });
    expect(routes.body.routes.filter((r: any) => r.gatewayId !== gw.id).every((r: any) => r.state === 'up' && r.since === null)).toBe(true);
    const anonymous = await call(null, 'GET', '/api/v1/uplink/routes');
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toMatch(/application\/problem\+json/);
    // Every role may read it; a token that may only write may not.
    const writeOnly = await grantToken(platform.databaseUrl, ['operator'], 'IT-R03');
    await db.query(`UPDATE api_tokens SET scopes = ARRAY['write'] WHERE id = $1`, [writeOnly.tokenId]);
    const refused = await call(writeOnly, 'GET', '/api/v1/uplink/routes');
    expect(refused.status).toBe(403);
    expect(refused.type).toMatch(/application\/problem\+json/);
    const wrongToken = await call({ ...writeOnly, headers: { authorization: 'Bearer not-a-token' } }, 'GET', '/api/v1/uplink/routes');
    expect(wrongToken.status).toBe(401);
    const { body: doc } = await call(null, 'GET', '/api/docs/openapi.json');
    expect(Object.keys(doc?.paths ?? {})).toContain('/api/v1/uplink/routes');

    const ds2 = await createDataSource(platform.databaseUrl, { poolSize: 1 }).initialize();
    const up = new Date();
    try {
      await new SqlRouteEvents(ds2).routeChanged({ gatewayId: gw.id, state: 'up', at: up, lastHeardAt: up, workerId: 'spec' });
    } finally {
      await ds2.destroy();
    }
    await waitUntil('the route up told', async () => routeNotices('lombardy-routes', lombardyKeys).length === 2, 30_000, platform.logs);
    expect(routeNotices('lombardy-routes', lombardyKeys).map((p) => p.kind)).toEqual(['route-down', 'route-up']);
    expect((await call(approver, 'GET', '/api/v1/uplink/routes')).body.routes.find((r: any) => r.gatewayId === gw.id)).toMatchObject({ state: 'up', since: up.toISOString() });
  });

  it('loses no notice while no worker runs: the notice is derived from the trail when one starts again', async () => {
    pushService.answer.delete('/push/approver');
    const keys = (await subscribe(approver, 'approver-again')).keys;
    const pid = platform.pids.worker;
    process.kill(pid, 'SIGKILL');
    await waitUntil('the worker gone', async () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, 10_000);
    const third = await pendingAlert('ESERCITAZIONE: terza scossa.');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM push_notifications WHERE alert_id = $1`, [third]);
    expect(rows[0].n).toBe(0);
    await platform.startWorker();
    const [push] = await waitUntil('the notice after the restart', async () => to('approver-again').length > 0 && to('approver-again'), 60_000, platform.logs);
    expect(opened(push, keys)).toMatchObject({ kind: 'approval-needed', alertId: third });
  });
});
