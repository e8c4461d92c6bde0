import type { Locale } from './i18n/translate';

// Every time the console shows is Europe/Rome time with the zone named (CET or CEST), whatever
// the browser's own zone: operators in a room and a remote approver read the same clock.
export const CONSOLE_TIME_ZONE = 'Europe/Rome';

export function formatTime(iso: string | Date, locale: Locale): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: CONSOLE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  }).format(d);
}

// The zone offset of Rome at an instant, in minutes east of UTC.
function romeOffsetMinutes(at: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: CONSOLE_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000) / 60_000;
}

// A wall-clock time typed in a datetime-local field ("2026-12-06T10:30"), read as Rome time
// whatever the browser's zone, as the ISO instant the API takes; null when it is not one.
export function romeLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  // The offset at the guess, then again at the corrected instant (a guess across a DST change).
  let at = asUtc - romeOffsetMinutes(asUtc) * 60_000;
  at = asUtc - romeOffsetMinutes(at) * 60_000;
  return new Date(at).toISOString();
}
