import type { CapAlert } from '@faro/cap';
import { SensorError } from './sensor-error';

const MAGNITUDE_NAME = /^(faro[-_:])?magnitude$/i;
// Moment magnitudes below -2 or above 10 have not been recorded; outside is a sensor's bug.
const MIN = -2;
const MAX = 10;

// The magnitude a CAP alert carries as a <parameter> or an <eventCode> named "magnitude",
// first found in document order; null when it carries none.
export function magnitudeFromCap(cap: CapAlert): number | null {
  for (const [i, info] of cap.infos.entries()) {
    for (const [kind, values] of [['parameter', info.parameters], ['eventCode', info.eventCodes]] as const) {
      const at = values.findIndex((v) => MAGNITUDE_NAME.test(v.valueName.trim()));
      if (at >= 0) return checked(Number(values[at].value.trim()), values[at].value, `alert/info[${i}]/${kind}[${at}]/value`);
    }
  }
  return null;
}

// A sensor's JSON incident is the incident schema plus an optional numeric "magnitude"; it is
// taken off before the incident schema (which is strict) sees the body.
export function splitSensorJson(body: unknown): { incident: unknown; magnitude: number | null } {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('magnitude' in body)) return { incident: body, magnitude: null };
  const { magnitude, ...incident } = body as Record<string, unknown>;
  if (magnitude === null || magnitude === undefined) return { incident, magnitude: null };
  if (typeof magnitude !== 'number') throw new SensorError('sensor/invalid', '/magnitude: must be a number', '/magnitude');
  return { incident, magnitude: checked(magnitude, String(magnitude), '/magnitude') };
}

function checked(m: number, raw: string, pointer: string): number {
  if (raw.trim() === '' || !Number.isFinite(m) || m < MIN || m > MAX) {
    throw new SensorError('sensor/invalid', `${pointer}: magnitude ${JSON.stringify(raw)} is not a number from ${MIN} to ${MAX}`, pointer);
  }
  return m;
}
