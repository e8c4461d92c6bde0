import { randomUUID } from 'node:crypto';
import { webhookSignature } from '@faro/sensors';
import { bearerFor, callApi, createUser } from './auth-client';
import { capSampleBytes, freshCapSample, movedToCatania } from './fixtures/cap-sample';
import type { Platform } from './platform';
import { grantToken } from './principals';
import { sharedPlatform } from './shared-platform';

// Runs once, not per queue backend: nothing here is queued (scripts/test.sh).

jest.setTimeout(180_000);

// An incident has one way in (apps/api/src/incidents/incident-ingest.ts), whoever posts it: the
// same ISO-8859-1 CAP document posted by an operator and by a sensor reads as the same text, its
// accented letters intact. The operator's path once read a body already decoded as UTF-8, so
// "Usulután" came out with U+FFFD in it.
describe('one ingest for operators and sensors', () => {
  let platform: Platform;
  const sample = () => movedToCatania(freshCapSample(capSampleBytes('google-cap-library/testdata/earthquake-iso8859-1.cap')));

  beforeAll(async () => {
    platform = await sharedPlatform();
  });

  it('reads an ISO-8859-1 CAP document posted by an operator and by a sensor as the same text', async () => {
    const operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    const admin = await bearerFor(platform, await createUser(platform, { roles: ['admin'], jurisdictionId: 'IT', withTotp: true }));
    const sensor = await callApi(platform.baseUrl, 'POST', '/api/v1/sensors', {
      headers: admin.headers,
      body: { name: `USGS feed ${randomUUID().slice(0, 6)}`, jurisdictionId: 'IT-R19', releasePolicy: 'approve' },
    });
    expect(sensor.status).toBe(201);

    const byOperator = await fetch(`${platform.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { ...operator.headers, 'content-type': 'application/cap+xml' }, body: sample() });
    expect(byOperator.status).toBe(201);
    const operatorAlertId = ((await byOperator.json()) as { alertId: string }).alertId;

    const bytes = sample();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const bySensor = await fetch(`${platform.baseUrl}/api/v1/sensors/${sensor.body.id}/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/cap+xml', 'x-faro-timestamp': timestamp, 'x-faro-signature': webhookSignature(Buffer.from(sensor.body.secret, 'utf8'), timestamp, bytes) },
      body: bytes,
    });
    expect(bySensor.status).toBe(201);
    const sensorReport = (await bySensor.json()) as { alertId: string; incidentId: string };

    const reader = await grantToken(platform.databaseUrl, ['auditor'], 'IT');
    const alert = async (id: string) => (await callApi(platform.baseUrl, 'GET', `/api/v1/alerts/${id}`, { headers: reader.headers })).body;
    const [fromOperator, fromSensor] = [await alert(operatorAlertId), await alert(sensorReport.alertId)];
    expect(JSON.stringify(fromOperator.languages)).toContain('Usulután');
    expect(JSON.stringify(fromOperator.languages)).not.toContain('\uFFFD');
    expect(fromSensor.languages).toEqual(fromOperator.languages);

    // What is kept of each document is its text as decoded, the same apart from identity and times.
    const raw = async (id: string) => (await callApi(platform.baseUrl, 'GET', `/api/v1/incidents/${id}`, { headers: reader.headers })).body.raw as string;
    const neutral = (text: string) => text.replace(/<identifier>[^<]*</, '<identifier><').replace(/<(sent|onset|effective|expires)>[^<]*</g, '<$1><');
    const operatorRaw = await raw(fromOperator.incidentId);
    expect(operatorRaw).toContain('Usulután, Usulután, El Salvador');
    expect(neutral(await raw(sensorReport.incidentId))).toBe(neutral(operatorRaw));
  });
});
