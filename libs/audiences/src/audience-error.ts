export type AudienceErrorCode =
  | 'audience/invalid-input'
  | 'audience/unknown-group'
  | 'audience/unknown-handset'
  | 'audience/conflict'
  | 'audience/forbidden'
  | 'audience/handset-revoked';

export class AudienceError extends Error {
  constructor(
    readonly code: AudienceErrorCode,
    message: string,
    // A JSON pointer into the request, when the problem is one field.
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'AudienceError';
  }
}
