export type UplinkErrorCode =
  | 'uplink/transient'
  | 'uplink/rejected'
  | 'uplink/unknown-gateway'
  | 'uplink/unsealed'
  // The gateway is transmitting this submission already (another worker, or one that died whose
  // claim has not lapsed): its outcome is coming, so the batch waits rather than fails.
  | 'uplink/in-progress';

// retryable tells the worker whether the same submission may succeed later (a dropped link, a
// gateway busy) or never will (a malformed envelope, a seal for another key).
export class UplinkError extends Error {
  constructor(
    readonly code: UplinkErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UplinkError';
  }
}
