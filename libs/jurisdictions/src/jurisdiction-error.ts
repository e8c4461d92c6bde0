export type JurisdictionErrorCode = 'jurisdiction/unknown' | 'jurisdiction/outside';

export class JurisdictionError extends Error {
  constructor(
    readonly code: JurisdictionErrorCode,
    message: string,
    // For jurisdiction/outside: the first area (0-based) found outside.
    readonly areaIndex?: number,
    // Where in the input that area is (a JSON pointer or a CAP element path), once known.
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'JurisdictionError';
  }
}
