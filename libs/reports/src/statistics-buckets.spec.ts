import { bucketFor, bucketsOf, bucketStart } from './statistics-buckets';

const d = (s: string) => new Date(s);
const iso = (ps: Array<{ from: Date; to: Date }>) => ps.map((p) => [p.from.toISOString(), p.to.toISOString()]);

describe('statistics buckets', () => {
  it('chooses days up to 31 days, weeks up to 183 days, months beyond', () => {
    expect(bucketFor({ from: d('2026-01-01T00:00:00Z'), to: d('2026-02-01T00:00:00Z') })).toBe('day');
    expect(bucketFor({ from: d('2026-01-01T00:00:00Z'), to: d('2026-02-01T00:00:01Z') })).toBe('week');
    expect(bucketFor({ from: d('2026-01-01T00:00:00Z'), to: d('2026-07-03T00:00:00Z') })).toBe('week');
    expect(bucketFor({ from: d('2026-01-01T00:00:00Z'), to: d('2026-07-03T00:00:01Z') })).toBe('month');
  });

  it('starts a week on Monday and a month on its first day, in UTC', () => {
    // 2026-12-06 is a Sunday: its week began on Monday 30 November.
    expect(bucketStart(d('2026-12-06T23:59:59Z'), 'week').toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(bucketStart(d('2026-11-30T00:00:00Z'), 'week').toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(bucketStart(d('2026-12-06T23:59:59Z'), 'day').toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(bucketStart(d('2024-02-29T12:00:00Z'), 'month').toISOString()).toBe('2024-02-01T00:00:00.000Z');
  });

  it('cuts a period into days clipped to its ends', () => {
    expect(iso(bucketsOf({ from: d('2026-12-04T10:00:00Z'), to: d('2026-12-06T08:30:00Z') }, 'day'))).toEqual([
      ['2026-12-04T10:00:00.000Z', '2026-12-05T00:00:00.000Z'],
      ['2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z'],
      ['2026-12-06T00:00:00.000Z', '2026-12-06T08:30:00.000Z'],
    ]);
  });

  it('gives months their own lengths, February of a leap year included', () => {
    expect(iso(bucketsOf({ from: d('2024-01-15T00:00:00Z'), to: d('2024-04-01T00:00:00Z') }, 'month'))).toEqual([
      ['2024-01-15T00:00:00.000Z', '2024-02-01T00:00:00.000Z'],
      ['2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
      ['2024-03-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z'],
    ]);
  });

  it('covers a year of weeks exactly once, each bucket starting where the last ended', () => {
    const period = { from: d('2026-01-01T00:00:00Z'), to: d('2027-01-01T00:00:00Z') };
    const weeks = bucketsOf(period, 'week');
    expect(weeks[0].from).toEqual(period.from);
    expect(weeks[weeks.length - 1].to).toEqual(period.to);
    for (let i = 1; i < weeks.length; i++) {
      expect(weeks[i].from).toEqual(weeks[i - 1].to);
      expect(weeks[i].from.getUTCDay()).toBe(1);
    }
    expect(weeks).toHaveLength(53);
  });
});
