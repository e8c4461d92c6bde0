import { capDateTime } from '@faro/cap';
import { capAlert } from './fixtures/catania-earthquake';
import { type Platform } from './platform';
import { sharedPlatform } from './shared-platform';
import { grantToken, type TestUser } from './principals';

// Runs once, not per queue backend: what it tests is how the HTTP API answers bad input, before
// anything is queued (scripts/test.sh).

jest.setTimeout(180_000);

// Bad input gets a clear RFC 9457 problem that names what is wrong, and loses nothing.
describe('the HTTP API refuses bad input with problem+json', () => {
  let platform: Platform;
  let operator: TestUser;

  beforeAll(async () => {
    platform = await sharedPlatform();
    operator = await grantToken(platform.databaseUrl, ['operator']);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const send = async (path: string, init: RequestInit) => {
    const r = await fetch(`${platform.baseUrl}${path}`, { ...init, headers: { ...operator.headers, ...(init.headers as Record<string, string>) } });
    const body = r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text();
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: body as any };
  };
  const postJson = (body: unknown) => send('/api/v1/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const postXml = (xml: string) => send('/api/v1/incidents', { method: 'POST', headers: { 'content-type': 'application/cap+xml' }, body: xml });

  const validJson = () => ({
    hazard: 'flood',
    areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    status: 'Exercise',
    languages: [{ language: 'it-IT', text: 'Esercitazione: rischio alluvione a Catania.' }],
    expires: new Date(Date.now() + 3600_000).toISOString(),
  });

  it('accepts a JSON incident and answers 201 with the alert it produced', async () => {
    const r = await postJson(validJson());
    expect(r.status).toBe(201);
    expect(r.body.alertId).toEqual(expect.any(String));
    expect(r.body.alert.cellBroadcast.messageIdentifier).toBe(4381); // Exercise
    expect(r.body.alert.targeting.residentPopulation).toBeGreaterThan(250_000);
  });

  it('names the JSON field at fault', async () => {
    const r = await postJson({ ...validJson(), severity: 'Apocalyptic' });
    expect(r.status).toBe(422);
    expect(r.type).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 422, code: 'alert/invalid-incident', pointer: '/severity' });
    expect(r.body.detail).toContain('/severity');
  });

  it('refuses a field the schema does not know', async () => {
    const r = await postJson({ ...validJson(), state: 'approved' });
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/state/);
  });

  it('refuses an unknown ISTAT code with the code in the message', async () => {
    const r = await postJson({ ...validJson(), areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '999999' }] });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('targeting/unknown-geocode');
    expect(r.body.detail).toContain('999999');
  });

  it('refuses a DOCTYPE before any entity is expanded', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>`;
    const r = await postXml(xml);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('cap/doctype-forbidden');
    expect(JSON.stringify(r.body)).not.toContain('root:');
  });

  it('names the CAP element at fault', async () => {
    const doc = capAlert({ identifier: 'BAD-1', sent: capDateTime(new Date()), expires: capDateTime(new Date(Date.now() + 3600_000)) }).replace(
      '<urgency>Immediate</urgency>',
      '<urgency>Soonish</urgency>',
    );
    const r = await postXml(doc);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('cap/invalid');
    expect(r.body.pointer).toMatch(/^alert\/info\[0\]\/urgency/);
  });

  it('refuses malformed XML with a 400', async () => {
    const r = await postXml('<alert><identifier>unclosed</alert>');
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('cap/not-xml');
  });

  it('answers 415 for a media type it does not take', async () => {
    const r = await send('/api/v1/incidents', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'earthquake!' });
    expect(r.status).toBe(415);
    expect(r.type).toContain('application/problem+json');
  });

  it('answers 409 for an illegal transition and 404 for an unknown alert', async () => {
    const created = await postJson(validJson());
    const id = created.body.alertId;
    const submitted = await send(`/api/v1/alerts/${id}/submit`, { method: 'POST' });
    expect(submitted.status).toBe(200);
    const twice = await send(`/api/v1/alerts/${id}/submit`, { method: 'POST' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'alert/illegal-transition', detail: 'An alert cannot go from pending_approval to pending_approval' });
    const missing = await send('/api/v1/alerts/00000000-0000-4000-8000-000000000000', { method: 'GET' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('alert/not-found');
  });

  it('lists alerts with filters and pagination', async () => {
    const r = await send('/api/v1/alerts?status=Exercise&limit=2', { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(2);
    expect(r.body.total).toBeGreaterThanOrEqual(2);
    expect(r.body.items.every((a: any) => a.status === 'Exercise')).toBe(true);
    const bad = await send('/api/v1/alerts?limit=100000', { method: 'GET' });
    expect(bad.status).toBe(400);
  });

  it('serves cells in a bounding box as GeoJSON and refuses a malformed bbox', async () => {
    const r = await send('/api/v1/cells?bbox=15.05,37.48,15.10,37.52', { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.body.type).toBe('FeatureCollection');
    expect(r.body.features.length).toBeGreaterThan(0);
    expect(r.body.features[0].geometry.type).toBe('Polygon');
    const bad = await send('/api/v1/cells?bbox=15,37,14', { method: 'GET' });
    expect(bad.status).toBe(400);
    expect(bad.body.pointer).toBe('/bbox');
  });

  it('publishes the OpenAPI document and the signing keys', async () => {
    const doc = await send('/api/docs/openapi.json', { method: 'GET' });
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/incidents', '/api/v1/alerts/{id}/release']));
    const keys = await send('/.well-known/faro/keys', { method: 'GET' });
    expect(keys.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: expect.stringMatching(/^[0-9a-f]{8}$/) });
  });
});
