import { AdmitWebhook } from './admit-webhook';
import type { SensorAuditEntry, SensorAuditTrail, SensorDirectory } from './ports';
import { rateWindowOf } from './rate-limit';
import type { Sensor, SensorSecret } from './sensor';
import { SensorError } from './sensor-error';
import { webhookSignature } from './webhook-signature';

const now = new Date('2026-03-01T10:00:30Z');
const ts = String(now.getTime() / 1000);
const secret: SensorSecret = { id: 'k1', secret: Buffer.alloc(32, 3), createdAt: now, validUntil: null };
const body = Buffer.from('{"hazard":"earthquake"}');

class FakeDirectory implements SensorDirectory {
  seen = new Set<string>();
  times: Date[] = [];
  constructor(public sensors: Sensor[]) {}
  async findSensorWithSecrets(id: string) {
    const sensor = this.sensors.find((s) => s.id === id);
    return sensor ? { sensor, secrets: await this.currentSecrets(id) } : null;
  }
  async currentSecrets(_sensorId?: string): Promise<SensorSecret[]> {
    return [secret];
  }
  async rememberSignature(_sensorId: string, signature: string, now: Date, window: { since: Date; limit: number }) {
    const fresh = !this.seen.has(signature);
    if (fresh) {
      this.seen.add(signature);
      this.times.unshift(now);
    }
    return { fresh, window: rateWindowOf(this.times.filter((t) => t > window.since), window.limit) };
  }
}

class FakeAudit implements SensorAuditTrail {
  entries: SensorAuditEntry[] = [];
  async append(e: SensorAuditEntry) {
    this.entries.push(e);
  }
}

const sensor = (over: Partial<Sensor> = {}): Sensor => ({
  id: 'etna-1',
  name: 'INGV Etna',
  jurisdictionId: 'IT-R19',
  releasePolicy: 'approve',
  autoRelease: {},
  rateLimitPerMinute: 2,
  disabled: false,
  createdAt: now,
  updatedAt: now,
  ...over,
});

function setup(s: Sensor = sensor()) {
  const directory = new FakeDirectory([s]);
  const audit = new FakeAudit();
  const admit = new AdmitWebhook(directory, audit, { now: () => now });
  return { admit, audit, directory };
}

const request = (b: Buffer = body, signature = webhookSignature(secret.secret, ts, b)) => ({ sensorId: 'etna-1', headers: { timestamp: ts, signature }, body: b });

async function refusal(p: Promise<unknown>): Promise<SensorError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SensorError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('AdmitWebhook', () => {
  it('admits a signed request as the sensor, in its jurisdiction, with no roles', async () => {
    const { admit } = setup();
    const r = await admit.run(request());
    expect(r.principal).toEqual({ kind: 'sensor', id: 'etna-1', name: 'INGV Etna', roles: [], jurisdictionId: 'IT-R19', via: { method: 'webhook-signature', secretId: 'k1' } });
  });

  it('names in its via which of a rotation\'s two secrets signed the request, never the secret', async () => {
    const { admit, directory } = setup();
    const previous: SensorSecret = { ...secret, id: 'k0', secret: Buffer.alloc(32, 5), validUntil: new Date(now.getTime() + 60_000) };
    directory.currentSecrets = async () => [secret, previous];
    const r = await admit.run(request(body, webhookSignature(previous.secret, ts, body)));
    expect(r.principal.via).toEqual({ method: 'webhook-signature', secretId: 'k0' });
  });

  it("refuses a request signed with another sensor's secret, and audits it against the sensor named", async () => {
    const s = sensor();
    const other: SensorSecret = { ...secret, id: 'other-k', secret: Buffer.alloc(32, 9) };
    const directory = new FakeDirectory([s, sensor({ id: 'vesuvio-1' })]);
    directory.currentSecrets = async (sensorId?: string) => (sensorId === 'vesuvio-1' ? [other] : [secret]);
    const audit = new FakeAudit();
    const admit = new AdmitWebhook(directory, audit, { now: () => now });
    const e = await refusal(admit.run({ ...request(), sensorId: 'vesuvio-1' }));
    expect(e.code).toBe('sensor/bad-signature');
    expect(audit.entries.map((x) => [x.subjectId, x.details.code])).toEqual([['vesuvio-1', 'sensor/bad-signature']]);
    expect(directory.times).toEqual([]);
  });

  it('refuses an unknown sensor as not found', async () => {
    const { admit } = setup();
    const e = await refusal(admit.run({ ...request(), sensorId: 'nobody' }));
    expect([e.code, e.message]).toEqual(['sensor/not-found', 'No sensor nobody']);
  });

  it('audits a bad signature without the signature or the body', async () => {
    const { admit, audit } = setup();
    const forged = 'sha256=' + 'ab'.repeat(32);
    expect((await refusal(admit.run(request(body, forged)))).code).toBe('sensor/bad-signature');
    expect(audit.entries).toEqual([
      {
        actor: 'system:sensor-webhook',
        action: 'sensor.webhook-refused',
        subjectType: 'sensor',
        subjectId: 'etna-1',
        details: { code: 'sensor/bad-signature', reason: 'The signature does not match any current secret of the sensor' },
      },
    ]);
    expect(JSON.stringify(audit.entries)).not.toContain('abab');
  });

  it('refuses the same signed request twice as a replay, and audits it', async () => {
    const { admit, audit } = setup();
    await admit.run(request());
    const e = await refusal(admit.run(request()));
    expect(e.code).toBe('sensor/replay');
    expect(audit.entries.map((a) => a.details.code)).toEqual(['sensor/replay']);
  });

  it('refuses a disabled sensor only once the signature proves who it is', async () => {
    const { admit } = setup(sensor({ disabled: true }));
    expect((await refusal(admit.run(request(body, 'sha256=' + '00'.repeat(32))))).code).toBe('sensor/bad-signature');
    expect((await refusal(admit.run(request()))).code).toBe('sensor/disabled');
  });

  it('refuses past the rate limit with the seconds until one more fits', async () => {
    const { admit, directory } = setup();
    directory.times = [new Date(now.getTime() - 45_000)];
    await admit.run(request(Buffer.from('1')));
    const e = await refusal(admit.run(request(Buffer.from('2'))));
    expect([e.code, e.retryAfterSeconds, e.message]).toEqual(['sensor/rate-limited', 60, 'Sensor etna-1 may send 2 requests a minute']);
  });

  it('admits again once the oldest request of the minute has left the window', async () => {
    const { admit, directory } = setup();
    directory.times = [new Date(now.getTime() - 61_000), new Date(now.getTime() - 45_000)];
    await expect(admit.run(request())).resolves.toBeDefined();
  });

  it('does not count forged requests against the rate of the sensor', async () => {
    const { admit, directory } = setup();
    for (let i = 0; i < 5; i++) await refusal(admit.run(request(Buffer.from(String(i)), 'sha256=' + '11'.repeat(32))));
    expect(directory.times).toEqual([]);
    await expect(admit.run(request())).resolves.toBeDefined();
  });

  it('audits at most ten refusals a minute per sensor', async () => {
    const { admit, audit } = setup();
    for (let i = 0; i < 15; i++) await refusal(admit.run(request(Buffer.from(String(i)), 'sha256=' + '22'.repeat(32))));
    expect(audit.entries).toHaveLength(10);
  });
});
