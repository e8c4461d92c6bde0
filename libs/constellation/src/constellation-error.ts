export type ConstellationErrorCode =
  | 'constellation/bad-element-set'
  | 'constellation/unknown-satellite'
  | 'constellation/bad-window'
  | 'constellation/bad-option';

export class ConstellationError extends Error {
  constructor(
    readonly code: ConstellationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConstellationError';
  }
}
