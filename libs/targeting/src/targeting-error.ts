export type TargetingErrorCode =
  | 'targeting/unknown-geocode'
  | 'targeting/invalid-area'
  | 'targeting/invalid-calibration'
  | 'targeting/area-over-limit';

export class TargetingError extends Error {
  constructor(
    readonly code: TargetingErrorCode,
    message: string,
    // Which of the areas given is at fault (0-based), when the error is about one of them.
    readonly areaIndex?: number,
    // Where in the input that area is (a JSON pointer or a CAP element path), once known.
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'TargetingError';
  }
}
