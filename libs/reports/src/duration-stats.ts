export interface DurationStats {
  count: number;
  medianMs: number | null;
  p95Ms: number | null;
}

// Median: the middle value, or the mean of the two middle ones. p95: nearest rank (the smallest
// value with at least 95 % of the values at or below it), so it is always an observed duration.
export function durationStats(values: readonly number[]): DurationStats {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { count: 0, medianMs: null, p95Ms: null };
  const median = n % 2 === 1 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return { count: n, medianMs: median, p95Ms: v[Math.ceil(0.95 * n) - 1] };
}
