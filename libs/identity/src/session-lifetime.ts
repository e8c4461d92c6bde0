// A session ends after SESSION_IDLE_MS without a request, and SESSION_MAX_MS after login
// whatever happens (OWASP Session Management Cheat Sheet: idle and absolute timeouts).
export const SESSION_IDLE_MS = 15 * 60_000;
export const SESSION_MAX_MS = 8 * 60 * 60_000;
// The stored expiry slides forward at most once a minute, not on every request.
const SLIDE_EVERY_MS = 60_000;

export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}

// The new expiry when a request at `now` should push it forward, else null.
export function slidSessionExpiry(s: { createdAt: Date; expiresAt: Date }, now: Date): Date | null {
  const next = sessionExpiry(s.createdAt, now);
  return next.getTime() - s.expiresAt.getTime() >= SLIDE_EVERY_MS ? next : null;
}
