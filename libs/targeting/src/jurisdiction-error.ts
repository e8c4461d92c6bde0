export type JurisdictionErrorCode = 'jurisdiction/unknown' | 'jurisdiction/outside';

export class JurisdictionError extends Error {
  constructor(
    readonly code: JurisdictionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JurisdictionError';
  }
}
