// How long the launcher waits before restarting a service that died: 1 s, doubling to 30 s for a
// service that keeps dying at once, back to 1 s once it has run for a minute (a crash after an
// hour of work is not a crash loop).
export const RESTART_MIN_MS = 1_000;
export const RESTART_MAX_MS = 30_000;
export const STABLE_AFTER_MS = 60_000;

export function nextRestartDelay(previousDelayMs: number | null, ranForMs: number): number {
  if (previousDelayMs === null || ranForMs >= STABLE_AFTER_MS) return RESTART_MIN_MS;
  return Math.min(RESTART_MAX_MS, previousDelayMs * 2);
}
