export type TargetingErrorCode =
  | 'targeting/unknown-geocode'
  | 'targeting/invalid-area'
  | 'targeting/invalid-calibration';

export class TargetingError extends Error {
  constructor(
    readonly code: TargetingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TargetingError';
  }
}
