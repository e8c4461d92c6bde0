export type PushErrorCode = 'push/invalid-subscription' | 'push/subscription-not-found';

// Typed like every lib's errors: a stable code the API's problem table maps to a status.
export class PushError extends Error {
  constructor(
    readonly code: PushErrorCode,
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'PushError';
  }
}
