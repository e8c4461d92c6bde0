// An error raised at the HTTP edge itself (bad query, media type), mapped by the same table.
export class HttpEdgeError extends Error {
  constructor(
    readonly code: 'http/bad-request' | 'http/unsupported-media-type' | 'http/not-found' | 'http/invalid-query' | 'health/unavailable',
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'HttpEdgeError';
  }
}
