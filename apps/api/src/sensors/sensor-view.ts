import type { SensorDetails } from '@faro/persistence';
import type { Sensor } from '@faro/sensors';

// How a sensor is shown to admins: its settings and its secrets' validity, never a secret.
export function sensorView(s: Sensor | SensorDetails) {
  return {
    id: s.id,
    name: s.name,
    jurisdictionId: s.jurisdictionId,
    releasePolicy: s.releasePolicy,
    autoRelease: s.autoRelease,
    rateLimitPerMinute: s.rateLimitPerMinute,
    disabled: s.disabled,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    ...('secrets' in s ? { secrets: s.secrets.map((k) => ({ id: k.id, createdAt: k.createdAt.toISOString(), validUntil: k.validUntil?.toISOString() ?? null })) } : {}),
  };
}

// Said with every secret issued, so the one who receives it knows how to use it.
export const SIGNING_SCHEME =
  'X-Faro-Timestamp: <Unix seconds>; X-Faro-Signature: sha256=<hex HMAC-SHA256, key = the secret as given (ASCII), message = timestamp + "." + raw body>; timestamps more than 300 s from the server clock are refused, and each signed request is accepted once';
