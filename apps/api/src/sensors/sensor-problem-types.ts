import type { SensorErrorCode } from '@faro/sensors';
import type { ProblemType } from '../http/problem-types';

// The sensors area's rows of the problem table (apps/api/src/http/problem-types.ts).
// A replay is 409, not 401: its signature is genuine, so nothing about the caller's
// credentials is wrong and re-authenticating would not help; what conflicts is that this very
// request was received already (a sender's network retry, or a captured copy). A sender should
// not resend it; a new request is signed with a fresh timestamp.
export const SENSOR_PROBLEM_TYPES: Record<SensorErrorCode, ProblemType> = {
  'sensor/not-found': { status: 404, title: 'Sensor not found' },
  'sensor/bad-signature': { status: 401, title: 'Invalid webhook signature' },
  'sensor/stale-timestamp': { status: 401, title: 'Webhook timestamp outside the accepted window' },
  'sensor/replay': { status: 409, title: 'Webhook request received before' },
  'sensor/disabled': { status: 403, title: 'Sensor disabled' },
  'sensor/forbidden': { status: 403, title: 'Outside your jurisdiction' },
  'sensor/rate-limited': { status: 429, title: 'Too many requests from the sensor' },
  'sensor/invalid': { status: 422, title: 'Invalid sensor request' },
};
