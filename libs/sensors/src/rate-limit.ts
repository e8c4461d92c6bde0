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

// What the decision needs of the window, not every arrival in it: a busy sensor's window holds
// thousands, and reading them all made each of its requests slower. `count`: arrivals within
// the window, the request being decided included, counted up to limit + 1. `limitthNewest`: the
// arrival of the limit-th newest (null when there are fewer).
export interface RateWindow {
  count: number;
  limitthNewest: Date | null;
}

export function rateDecision(window: RateWindow, limit: number, now: Date): RateDecision {
  if (window.count <= limit) return { allowed: true, retryAfterSeconds: 0 };
  // Once the limit-th newest leaves the window, limit - 1 remain and one more fits.
  const leaves = (window.limitthNewest ?? now).getTime() + RATE_WINDOW_SECONDS * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((leaves - now.getTime()) / 1000)) };
}

// The window of a list of arrivals within it, newest first (the request being decided first).
export function rateWindowOf(recent: readonly Date[], limit: number): RateWindow {
  return { count: Math.min(recent.length, limit + 1), limitthNewest: recent[limit - 1] ?? null };
}

export function rateWindowStart(now: Date): Date {
  return new Date(now.getTime() - RATE_WINDOW_SECONDS * 1000);
}
