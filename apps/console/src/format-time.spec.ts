import { formatTime } from './format-time';

describe('formatTime', () => {
  it('shows winter times in Rome as CET (UTC+1), whatever the machine zone', () => {
    expect(formatTime('2026-12-06T13:05:09Z', 'en')).toMatch(/06\/12\/2026,? 14:05:09 (CET|GMT\+1)/);
  });

  it('shows summer times as CEST (UTC+2)', () => {
    expect(formatTime('2026-07-01T10:00:00Z', 'it')).toMatch(/01\/07\/2026,? 12:00:00 (CEST|GMT\+2|CEST)/);
  });
});
