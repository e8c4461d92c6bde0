// What the key use cases refuse, as a union of typed errors with stable codes (the API's problem
// table maps each code; the CLI prints the message).

export class GatewayKeyError extends Error {
  constructor(
    readonly code: 'gateway/not-found',
    message: string,
  ) {
    super(message);
    this.name = 'GatewayKeyError';
  }
}

// A stored secret the keyring cannot wrap again (its KEK is not in FARO_KEK / FARO_KEK_PREVIOUS, or
// it does not authenticate): nothing was rewrapped. The message is the keyring's own.
export class KekRewrapError extends Error {
  constructor(
    readonly code: 'key/rewrap-failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KekRewrapError';
  }
}

export type KeyError = GatewayKeyError | KekRewrapError;
export type KeyErrorCode = KeyError['code'];
