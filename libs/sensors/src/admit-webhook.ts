import type { Clock } from '@faro/alerts';
import type { Principal } from '@faro/identity';
import type { SensorAuditTrail, SensorDirectory } from './ports';
import { rateDecision, rateWindowStart } from './rate-limit';
import type { Sensor } from './sensor';
import { SensorError } from './sensor-error';
import { verifyWebhookSignature, type WebhookHeaders } from './webhook-signature';

export interface WebhookRequest {
  sensorId: string;
  headers: WebhookHeaders;
  // The body exactly as received: the signature covers these bytes.
  body: Uint8Array;
}

export interface AdmittedWebhook {
  sensor: Sensor;
  principal: Principal;
}

// Refusals of one sensor audited per minute by one API process; past this they are only
// logged, so that a flood of forged requests cannot flood the audit chain (every entry is
// sealed into it, and kept). A throttle of audit volume, not a control: process memory is enough.
export const AUDITED_REFUSALS_PER_MINUTE = 10;

// Who is calling, proven by the signature, before anything is parsed. Order:
// signature (401) → disabled (403) → replay (409) → rate (429). The signature comes first so
// that nothing about a sensor is said to an unauthenticated caller, and only authentic
// requests count against its rate: forged ones cannot use up a real sensor's allowance. A
// replay is caught before the rate so that replaying a captured request costs nothing either.
// A request refused for its rate stays remembered: the sensor re-signs it with a fresh
// timestamp when it retries, and an over-eager sensor stays throttled.
export class AdmitWebhook {
  private readonly refusals = new Map<string, { minute: number; count: number }>();

  constructor(
    private readonly sensors: SensorDirectory,
    private readonly audit: SensorAuditTrail,
    private readonly clock: Clock,
  ) {}

  async run(req: WebhookRequest): Promise<AdmittedWebhook> {
    const now = this.clock.now();
    const found = await this.sensors.findSensorWithSecrets(req.sensorId, now);
    if (!found) throw new SensorError('sensor/not-found', `No sensor ${req.sensorId}`);
    const { sensor, secrets } = found;
    let signature: string;
    let secretId: string;
    try {
      ({ signature, secretId } = verifyWebhookSignature(req.headers, req.body, secrets, now));
    } catch (e) {
      if (e instanceof SensorError) await this.refused(sensor, e, now);
      throw e;
    }
    if (sensor.disabled) throw new SensorError('sensor/disabled', `Sensor ${sensor.id} is disabled`);
    const { fresh, window } = await this.sensors.rememberSignature(sensor.id, signature, now, { since: rateWindowStart(now), limit: sensor.rateLimitPerMinute });
    if (!fresh) {
      const e = new SensorError('sensor/replay', 'This signed request was received before; sign each request with a fresh timestamp');
      await this.refused(sensor, e, now);
      throw e;
    }
    const rate = rateDecision(window, sensor.rateLimitPerMinute, now);
    if (!rate.allowed) {
      throw new SensorError('sensor/rate-limited', `Sensor ${sensor.id} may send ${sensor.rateLimitPerMinute} requests a minute`, undefined, rate.retryAfterSeconds);
    }
    // The secret's id (never the secret) says which of a rotation's two secrets signed it.
    return { sensor, principal: { kind: 'sensor', id: sensor.id, name: sensor.name, roles: [], jurisdictionId: sensor.jurisdictionId, via: { method: 'webhook-signature', secretId } } };
  }

  // The audit says what was refused and why, never the signature or the body.
  private async refused(sensor: Sensor, e: SensorError, now: Date): Promise<void> {
    const minute = Math.floor(now.getTime() / 60_000);
    const seen = this.refusals.get(sensor.id);
    const count = seen?.minute === minute ? seen.count + 1 : 1;
    if (this.refusals.size > 10_000) this.refusals.clear();
    this.refusals.set(sensor.id, { minute, count });
    if (count > AUDITED_REFUSALS_PER_MINUTE) return;
    await this.audit.append({ actor: 'system:sensor-webhook', action: 'sensor.webhook-refused', subjectType: 'sensor', subjectId: sensor.id, details: { code: e.code, reason: e.message } });
  }
}
