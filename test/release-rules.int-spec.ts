import { capDateTime } from '@faro/cap';
import { capAlert } from './fixtures/catania-earthquake';
import { startPlatform, type Platform } from './platform';
import { sharedPlatform } from './shared-platform';
import { grantToken, type TestUser } from './principals';

jest.setTimeout(180_000);

// Nobody acts beyond their role or their territory (issue 3).
describe('release rules: roles, two persons, jurisdictions, test alerts', () => {
  let platform: Platform;
  let sicilyOperator: TestUser;
  let sicilyApprover: TestUser;
  let secondSicilyApprover: TestUser;
  let lombardyOperator: TestUser;
  let lombardyApprover: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    platform = await sharedPlatform();
    sicilyOperator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    sicilyApprover = await grantToken(platform.databaseUrl, ['operator', 'approver'], 'IT-R19');
    secondSicilyApprover = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
    lombardyOperator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R03');
    lombardyApprover = await grantToken(platform.databaseUrl, ['approver'], 'IT-R03');
    auditor = await grantToken(platform.databaseUrl, ['auditor'], 'IT');
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const call = async (who: TestUser, method: string, path: string, body?: unknown, type = 'application/json') => {
    const r = await fetch(`${platform.baseUrl}${path}`, {
      method,
      headers: { ...who.headers, ...(body === undefined ? {} : { 'content-type': type }) },
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : String(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined } as { status: number; body: any };
  };

  const incident = (areas: unknown[], status = 'Actual') => ({
    hazard: 'flood',
    areas,
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    status,
    languages: [{ language: 'it-IT', text: 'Rischio alluvione: allontanarsi dai corsi d acqua.' }],
    expires: new Date(Date.now() + 3600_000).toISOString(),
  });
  const catania = [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }];
  const milano = [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '015146' }];
  const acrossTheStrait = [{ type: 'polygon', coordinates: [[15.5, 38.15], [15.7, 38.15], [15.7, 38.3], [15.5, 38.3], [15.5, 38.15]] }];

  it('refuses an operator an area outside their jurisdiction and names the part outside', async () => {
    const r = await call(sicilyOperator, 'POST', '/api/v1/incidents', incident(acrossTheStrait));
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('jurisdiction/outside');
    expect(r.body.detail).toMatch(/Calabria/);
  });

  it('refuses drafting to a user without the operator role', async () => {
    const r = await call(auditor, 'POST', '/api/v1/incidents', incident(catania));
    expect(r.status).toBe(403);
  });

  it('refuses the drafter approving their own alert and lets a second approver release it', async () => {
    const created = await call(sicilyApprover, 'POST', '/api/v1/incidents', incident(catania));
    expect(created.status).toBe(201);
    const id = created.body.alertId;
    const own = await call(sicilyApprover, 'POST', `/api/v1/alerts/${id}/release`);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('alert/own-approval');
    const operatorTry = await call(sicilyOperator, 'POST', `/api/v1/alerts/${id}/release`);
    expect(operatorTry.status).toBe(403);
    const released = await call(secondSicilyApprover, 'POST', `/api/v1/alerts/${id}/release`);
    expect(released.status).toBe(200);
    expect(released.body.state).toBe('approved');
  });

  it('hides another jurisdiction\'s alert (404) and lists only the own territory', async () => {
    const created = await call(lombardyOperator, 'POST', '/api/v1/incidents', incident(milano));
    expect(created.status).toBe(201);
    const id = created.body.alertId;
    expect((await call(sicilyApprover, 'GET', `/api/v1/alerts/${id}`)).status).toBe(404);
    expect((await call(sicilyApprover, 'POST', `/api/v1/alerts/${id}/release`)).status).toBe(404);
    expect((await call(sicilyOperator, 'GET', `/api/v1/incidents/${created.body.id}`)).status).toBe(404);
    const list = await call(sicilyOperator, 'GET', '/api/v1/alerts?limit=200');
    expect(list.body.items.map((a: any) => a.id)).not.toContain(id);
    expect((await call(auditor, 'GET', `/api/v1/alerts/${id}`)).status).toBe(200);
    expect((await call(lombardyApprover, 'POST', `/api/v1/alerts/${id}/release`)).status).toBe(200);
  });

  it('sends an alert edited after approval back to pending approval, and refuses editing its status', async () => {
    // No worker: an approved alert stays approved until fanned out, so the edit can meet it there.
    const apiOnly = await startPlatform({}, { worker: false });
    try {
      const op = await grantToken(apiOnly.databaseUrl, ['operator'], 'IT-R19');
      const ap = await grantToken(apiOnly.databaseUrl, ['approver'], 'IT-R19');
      const go = async (who: TestUser, method: string, path: string, body?: unknown) => {
        const r = await fetch(`${apiOnly.baseUrl}${path}`, { method, headers: { ...who.headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
        return { status: r.status, body: (await r.json()) as any };
      };
      const created = await go(op, 'POST', '/api/v1/incidents', incident(catania));
      const id = created.body.alertId;
      expect((await go(ap, 'POST', `/api/v1/alerts/${id}/release`)).body.state).toBe('approved');
      const edited = await go(op, 'PATCH', `/api/v1/alerts/${id}`, { languages: [{ language: 'it-IT', text: 'Testo corretto.' }] });
      expect(edited.status).toBe(200);
      expect(edited.body.state).toBe('pending_approval');
      expect(edited.body.languages[0].text).toBe('Testo corretto.');
      const forbidden = await go(op, 'PATCH', `/api/v1/alerts/${id}`, { status: 'Actual' });
      expect(forbidden.status).toBe(422);
      expect(forbidden.body.code).toBe('alert/invalid-incident');
    } finally {
      await apiOnly.stop();
    }
  });

  it('keeps an exercise an exercise: an Update cannot turn it into an actual alert', async () => {
    const sent = new Date(Date.now() - 1000);
    const doc = capAlert({ identifier: `EX-${sent.getTime()}`, sent: capDateTime(sent), expires: capDateTime(new Date(Date.now() + 3600_000)) }).replace('<status>Actual</status>', '<status>Exercise</status>');
    const created = await call(sicilyOperator, 'POST', '/api/v1/incidents', doc, 'application/cap+xml');
    expect(created.status).toBe(201);
    expect(created.body.alert.cellBroadcast.messageIdentifier).toBe(4381);
    const update = await call(sicilyOperator, 'POST', `/api/v1/alerts/${created.body.alertId}/update`, incident(catania, 'Actual'));
    expect(update.status).toBe(409);
    expect(update.body.code).toBe('alert/illegal-transition');
  });
});
