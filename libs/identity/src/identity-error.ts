export type IdentityErrorCode =
  | 'auth/unauthenticated'
  | 'auth/invalid-credentials'
  | 'auth/locked'
  | 'auth/totp-required'
  | 'auth/totp-invalid'
  | 'auth/totp-enrolled'
  | 'auth/forbidden'
  | 'auth/second-factor-required'
  | 'auth/scope'
  | 'auth/csrf'
  | 'auth/invalid-user'
  | 'auth/invalid-request'
  | 'auth/user-exists'
  | 'auth/not-found';

export class IdentityError extends Error {
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
    // Where in the input the problem is (a JSON pointer), when known.
    readonly pointer?: string,
    // For auth/locked: when the account opens again (the API turns it into Retry-After).
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}
