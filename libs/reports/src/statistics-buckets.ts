import type { ReportPeriod } from './report-facts';

// The time axis of the console's statistics: a period cut into days, weeks or months, chosen from
// its length so a chart holds about 7 to 60 bars. Buckets are UTC (a day is 00:00 to 00:00 UTC,
// a week starts on Monday as ISO 8601 §3.2.2 has it); the first and last are clipped to the
// period, so a bucket's alerts are exactly the alert listing's over the same from and to.

export type StatisticsBucket = 'day' | 'week' | 'month';

const DAY_MS = 24 * 3600 * 1000;
/** Up to this long, one bar a day (a month); up to the next, one a week (half a year); then months. */
export const DAILY_UP_TO_MS = 31 * DAY_MS;
export const WEEKLY_UP_TO_MS = 183 * DAY_MS;

export function bucketFor(period: ReportPeriod): StatisticsBucket {
  const ms = period.to.getTime() - period.from.getTime();
  if (ms <= DAILY_UP_TO_MS) return 'day';
  return ms <= WEEKLY_UP_TO_MS ? 'week' : 'month';
}

/** The start of the bucket holding `at`. */
export function bucketStart(at: Date, bucket: StatisticsBucket): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (bucket === 'day') return new Date(day);
  if (bucket === 'week') return new Date(day - ((at.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

function nextStart(start: Date, bucket: StatisticsBucket): Date {
  if (bucket === 'day') return new Date(start.getTime() + DAY_MS);
  if (bucket === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** Every bucket of the period in order, clipped to it; together they cover it exactly once. */
export function bucketsOf(period: ReportPeriod, bucket: StatisticsBucket): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let start = bucketStart(period.from, bucket); start < period.to; start = nextStart(start, bucket)) {
    const end = nextStart(start, bucket);
    out.push({ from: start < period.from ? period.from : start, to: end > period.to ? period.to : end });
  }
  return out;
}
