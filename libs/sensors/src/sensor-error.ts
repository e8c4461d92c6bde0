export type SensorErrorCode =
  | 'sensor/not-found'
  | 'sensor/bad-signature'
  | 'sensor/stale-timestamp'
  | 'sensor/replay'
  | 'sensor/disabled'
  | 'sensor/forbidden'
  | 'sensor/rate-limited'
  | 'sensor/invalid';

export class SensorError extends Error {
  constructor(
    readonly code: SensorErrorCode,
    message: string,
    // Where in the input the problem is (a JSON pointer), when known.
    readonly pointer?: string,
    // For sensor/rate-limited: whole seconds until the sensor may send again (Retry-After).
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SensorError';
  }
}
