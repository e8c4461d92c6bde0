export type UplinkErrorCode =
  | 'uplink/transient'
  | 'uplink/rejected'
  | 'uplink/unknown-gateway'
  | 'uplink/unsealed'
  // The gateway is transmitting this submission already (another worker, or one that died whose
  // claim has not lapsed): its outcome is coming, so the batch waits rather than fails.
  | 'uplink/in-progress'
  // Over the gateway's rate: Faro's own budget for it is spent (RateLimitedUplink), or the gateway
  // answered 429. Nothing was sent; the job waits retryAfterMs without spending an attempt.
  | 'uplink/rate-limited';

// retryable tells the worker whether the same submission may succeed later (a dropped link, a
// gateway busy) or never will (a malformed envelope, a seal for another key).
export class UplinkError extends Error {
  constructor(
    readonly code: UplinkErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = 'UplinkError';
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  // When the same request may be tried again, if the gateway or the budget said.
  readonly retryAfterMs?: number;
}
