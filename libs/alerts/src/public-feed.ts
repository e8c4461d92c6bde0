import type { Alert } from './alert';
import type { AlertState } from './alert-lifecycle';

// How long an alert stays in the public CAP feed after it left the air (issue 13).
export const PUBLIC_FEED_WINDOW_MS = 24 * 60 * 60 * 1000;

// A warning is still on the phones while its fan-out runs, while it is active, and while the
// kills of a Cancel of it are still being sent.
const ON_AIR: readonly AlertState[] = ['broadcasting', 'active', 'cancelling'];
// States in which an alert (not a Cancel) has left the air; updatedAt is when it moved there.
const OFF_AIR: readonly AlertState[] = ['expired', 'updated', 'cancelled'];

export type FeedAlert = Pick<Alert, 'capStatus' | 'audienceGroupId' | 'releasedAt' | 'state' | 'msgType' | 'updatedAt'>;

// Only a real warning for everyone is published: an Exercise or Test is never public news, and a
// restricted-audience message is for its group's handsets alone (CAP scope Restricted).
export function isPublicActual(a: Pick<Alert, 'capStatus' | 'audienceGroupId'>): boolean {
  return a.capStatus === 'Actual' && a.audienceGroupId === null;
}

// When the message stopped being current: null while on air. A Cancel is never on air; it is
// current from its release. undefined: it never was public news (not released, or rejected).
export function leftAirAt(a: FeedAlert): Date | null | undefined {
  if (a.releasedAt === null) return undefined;
  if (a.msgType === 'Cancel') return a.releasedAt;
  if (ON_AIR.includes(a.state)) return null;
  if (OFF_AIR.includes(a.state)) return a.updatedAt;
  return undefined;
}

// The feed: every public Actual alert, Update and Cancel that is on air or was in the last 24 h.
export function isInPublicFeed(a: FeedAlert, now: Date): boolean {
  if (!isPublicActual(a)) return false;
  const left = leftAirAt(a);
  if (left === undefined) return false;
  return left === null || now.getTime() - left.getTime() <= PUBLIC_FEED_WINDOW_MS;
}

// The oldest leftAirAt the feed can still hold: the store reads candidates from here on.
export function publicFeedCutoff(now: Date): Date {
  return new Date(now.getTime() - PUBLIC_FEED_WINDOW_MS);
}

// When the feed last changed: an entry's change (updatedAt), or an entry falling out of the
// window (leftAirAt + 24 h, for those that have). The store gives the newest leftAirAt of the
// ones already out, so a consumer's If-Modified-Since never misses a removal.
export function publicFeedLastModified(entries: FeedAlert[], newestLeftBeforeCutoff: Date | null): Date | null {
  let last: number | null = null;
  const bump = (t: number) => (last = last === null ? t : Math.max(last, t));
  for (const a of entries) bump(a.updatedAt.getTime());
  if (newestLeftBeforeCutoff) bump(newestLeftBeforeCutoff.getTime() + PUBLIC_FEED_WINDOW_MS);
  return last === null ? null : new Date(last);
}
