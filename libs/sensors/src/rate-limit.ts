// A sliding one-minute window over the log of a sensor's admitted requests. The log exists
// anyway (every admitted signature is remembered to refuse replays), so the rate needs no
// counter of its own, holds in PostgreSQL whichever queue backend runs, and has no boundary
// at which twice the limit gets through, as a fixed window has.
export const RATE_WINDOW_SECONDS = 60;

export interface RateDecision {
  allowed: boolean;
  // Whole seconds until one more request would be admitted (at least 1): the Retry-After.
  retryAfterSeconds: number;
}

// `recent`: arrival times within the window, newest first, the request being decided among
// them; at most limit + 1 are needed.
export function rateDecision(recent: readonly Date[], limit: number, now: Date): RateDecision {
  if (recent.length <= limit) return { allowed: true, retryAfterSeconds: 0 };
  // Once the limit-th newest leaves the window, limit - 1 remain and one more fits.
  const leaves = recent[limit - 1].getTime() + RATE_WINDOW_SECONDS * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((leaves - now.getTime()) / 1000)) };
}

export function rateWindowStart(now: Date): Date {
  return new Date(now.getTime() - RATE_WINDOW_SECONDS * 1000);
}
