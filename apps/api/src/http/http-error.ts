// An error raised at the HTTP edge itself (bad query, media type, body), mapped by the same table.
export type HttpEdgeCode =
  | 'http/bad-request'
  | 'http/malformed-json'
  | 'http/unsupported-media-type'
  | 'http/payload-too-large'
  | 'http/not-found'
  | 'http/method-not-allowed'
  | 'http/invalid-query'
  | 'http/too-many-requests'
  | 'http/client-error'
  | 'server/unavailable';

export class HttpEdgeError extends Error {
  constructor(
    readonly code: HttpEdgeCode,
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'HttpEdgeError';
  }
}
