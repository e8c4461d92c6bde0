export type CellBroadcastErrorCode =
  | 'cell-broadcast/too-long'
  | 'cell-broadcast/invalid-field'
  // Bytes taken off the air (a page, a signature page, a WAC block) that do not parse.
  | 'cell-broadcast/malformed-page'
  | 'cell-broadcast/unsupported-language';

export class CellBroadcastError extends Error {
  constructor(
    readonly code: CellBroadcastErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CellBroadcastError';
  }
}
