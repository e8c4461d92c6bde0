export type AuditTrailErrorCode = 'audit/chain-broken';

export class AuditTrailError extends Error {
  constructor(
    readonly code: AuditTrailErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuditTrailError';
  }
}
