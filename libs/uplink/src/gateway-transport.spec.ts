import { retryAfterOf } from './gateway-transport';

describe('retryAfterOf', () => {
  it('reads delay-seconds and an HTTP-date (RFC 9110 §10.2.3), and nothing else', () => {
    const now = Date.parse('2026-12-06T22:00:00Z');
    expect(retryAfterOf('2', now)).toBe(2);
    expect(retryAfterOf('Sun, 06 Dec 2026 22:00:05 GMT', now)).toBe(5);
    expect(retryAfterOf('Sun, 06 Dec 2026 21:00:00 GMT', now)).toBe(0);
    expect([retryAfterOf(null, now), retryAfterOf('soon', now), retryAfterOf('-1', now)]).toEqual([undefined, undefined, undefined]);
  });
});
