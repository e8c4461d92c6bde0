import { createHash } from 'node:crypto';
import { canonicalJson } from '@faro/broadcast-security';

// A sensor that retries re-signs the same incident with a fresh timestamp (the replay refusal
// tells it to), so the signature differs and only the body can say it is the same incident.
export const SENSOR_DUPLICATE_WINDOW_MS = 10 * 60_000;

export interface SensorDedupeKeys {
  // The key this incident is stored under.
  key: string;
  // Keys under which an earlier copy of the same incident would be stored: found, it is that one.
  earlier: string[];
}

// How a sensor's JSON incident without an Idempotency-Key is recognised when it comes again:
// by the sensor's own event id (`identifier`) when it sends one, for good; otherwise by the
// SHA-256 of the body in canonical JSON (key order and spacing do not matter), within
// SENSOR_DUPLICATE_WINDOW_MS: the window is a clock bucket, and the bucket before is checked
// too, so a copy arriving up to one window later (at most two) is the same incident.
export function sensorJsonDedupeKeys(sensorId: string, incident: unknown, now: Date): SensorDedupeKeys {
  const identifier = typeof incident === 'object' && incident !== null && 'identifier' in incident ? (incident as { identifier: unknown }).identifier : undefined;
  if (typeof identifier === 'string' && identifier.length > 0) return { key: `sensor-event:${sensorId}:${identifier}`, earlier: [] };
  const digest = createHash('sha256').update(canonicalJson(incident), 'utf8').digest('hex');
  const bucket = Math.floor(now.getTime() / SENSOR_DUPLICATE_WINDOW_MS);
  return { key: `sensor-body:${sensorId}:${digest}:${bucket}`, earlier: [`sensor-body:${sensorId}:${digest}:${bucket - 1}`] };
}
