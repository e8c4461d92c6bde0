import type { Clock } from '@faro/identity';

const DAY_MS = 24 * 60 * 60_000;

// A scheduled rotation's cut-off: keys made before it are due.
export function dueBefore(clock: Clock, maxAgeDays: number): Date {
  return new Date(clock.now().getTime() - maxAgeDays * DAY_MS);
}

export const scheduledReason = (maxAgeDays: number) => `scheduled: active key older than ${maxAgeDays} days`;
