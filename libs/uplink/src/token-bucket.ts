// A gateway's submission budget as a token bucket: it refills at perSecond tokens a second up to
// burst, and each submission or kill takes one. The arithmetic is here, plain; where the buckets
// live (PostgreSQL, shared by every worker process) is libs/persistence's SqlGatewayBudget.
export interface TokenBucketLimit {
  perSecond: number;
  burst: number;
}

export interface TokenBucket {
  tokens: number;
  // When `tokens` was last worked out, in ms on the clock that takes the tokens.
  atMs: number;
  // The next free turn for a refused taker: each refusal is told to come back one token later
  // than the one before, so that takers refused together do not all come back for the same token.
  nextTurnMs?: number;
}

export interface TokenTake {
  granted: boolean;
  // The bucket after the take (refilled; one token less when granted), to store.
  bucket: TokenBucket;
  // Refused: how long until one token will be there.
  waitMs: number;
}

export function takeToken(limit: TokenBucketLimit, bucket: TokenBucket | undefined, nowMs: number): TokenTake {
  checkLimit(limit);
  // A new bucket starts full; a clock that went back refills nothing, rather than draining.
  const before = bucket ?? { tokens: limit.burst, atMs: nowMs };
  const elapsedMs = Math.max(0, nowMs - before.atMs);
  const tokens = Math.min(limit.burst, before.tokens + (elapsedMs * limit.perSecond) / 1000);
  const turn = before.nextTurnMs === undefined ? {} : { nextTurnMs: before.nextTurnMs };
  if (tokens >= 1) return { granted: true, bucket: { tokens: tokens - 1, atMs: nowMs, ...turn }, waitMs: 0 };
  const intervalMs = 1000 / limit.perSecond;
  // When the next token is there, or, with others told to come back before, one token after them.
  const comeBackMs = Math.max(nowMs + (1 - tokens) * intervalMs, before.nextTurnMs ?? 0);
  return { granted: false, bucket: { tokens, atMs: nowMs, nextTurnMs: comeBackMs + intervalMs }, waitMs: Math.ceil(comeBackMs - nowMs) };
}

// The configured limits (UPLINK_GATEWAY_RATE_LIMITS, per gateway, and UPLINK_GATEWAY_RATE_LIMIT_DEFAULT
// for the others; 0 or unset: none) as the limit of a gateway, undefined when it has none. A burst
// of one second's worth, at least one token.
export function gatewayRateLimits(perGateway: Readonly<Record<string, number>>, defaultPerSecond = 0): (gatewayId: string) => TokenBucketLimit | undefined {
  return (gatewayId) => {
    const perSecond = Object.hasOwn(perGateway, gatewayId) ? perGateway[gatewayId] : defaultPerSecond;
    return perSecond > 0 ? { perSecond, burst: Math.max(1, perSecond) } : undefined;
  };
}

function checkLimit(l: TokenBucketLimit): void {
  if (!(l.perSecond > 0 && Number.isFinite(l.perSecond))) throw new RangeError(`a rate limit needs a positive rate, not ${l.perSecond}/s`);
  if (!(l.burst >= 1 && Number.isFinite(l.burst))) throw new RangeError(`a rate limit needs a burst of at least one token, not ${l.burst}`);
}
