import { formatTime, romeLocalToIso } from './format-time';

describe('formatTime', () => {
  it('shows winter times in Rome as CET (UTC+1), whatever the machine zone', () => {
    expect(formatTime('2026-12-06T13:05:09Z', 'en')).toMatch(/06\/12\/2026,? 14:05:09 (CET|GMT\+1)/);
  });

  it('shows summer times as CEST (UTC+2)', () => {
    expect(formatTime('2026-07-01T10:00:00Z', 'it')).toMatch(/01\/07\/2026,? 12:00:00 (CEST|GMT\+2|CEST)/);
  });
});

describe('romeLocalToIso', () => {
  it('reads a winter wall-clock time as Rome time (UTC+1)', () => {
    expect(romeLocalToIso('2026-12-06T10:30')).toBe('2026-12-06T09:30:00.000Z');
  });

  it('reads a summer wall-clock time as Rome time (UTC+2), seconds included', () => {
    expect(romeLocalToIso('2026-07-01T12:00:05')).toBe('2026-07-01T10:00:05.000Z');
  });

  it('reads the hour after the spring change with the summer offset', () => {
    expect(romeLocalToIso('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses what is not a datetime-local value', () => {
    expect(romeLocalToIso('yesterday')).toBeNull();
  });
});
