export type SecurityErrorCode =
  | 'security/bad-signature'
  | 'security/unwrap-failed'
  | 'security/open-failed'
  | 'security/invalid-key'
  | 'security/invalid-input';

export class SecurityError extends Error {
  constructor(
    readonly code: SecurityErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SecurityError';
  }
}
