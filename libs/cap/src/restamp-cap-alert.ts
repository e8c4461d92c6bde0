import type { CapAlert } from './cap-alert';

// A CAP dateTime in UTC as §3.2.1 writes it: numeric offset, no fractions ("-00:00" is also
// allowed; "+00:00" reads less like "unknown offset" to people).
export function capDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`;
}

// A document used as a template, made new: a fresh identifier (the original with the time of
// stamping) and sent time, and every effective, onset and expires moved by the same amount, so
// that a tutorial's example can be posted again and is never "yesterday's alert" (CAP identity is
// sender + identifier + sent, which Faro deduplicates on).
export function restampCapAlert(alert: CapAlert, now: Date): CapAlert {
  // CAP times have whole seconds: every time moves by the same whole number of them.
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const shift = at.getTime() - new Date(alert.sent).getTime();
  const moved = (t: string | undefined) => (t === undefined ? undefined : capDateTime(new Date(new Date(t).getTime() + shift)));
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return {
    ...alert,
    identifier: `${alert.identifier}-${stamp}`,
    sent: capDateTime(at),
    infos: alert.infos.map((info) => ({ ...info, effective: moved(info.effective), onset: moved(info.onset), expires: moved(info.expires) })),
  };
}
