export type ReportErrorCode = 'report/not-found' | 'report/invalid-period' | 'report/not-ready' | 'report/unknown-territory' | 'report/outside-territory';

export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
