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
