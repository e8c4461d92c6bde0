import { rateDecision, rateWindowOf, rateWindowStart } from './rate-limit';

const now = new Date('2026-03-01T10:00:42.500Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('sliding one-minute rate window', () => {
  it('starts a minute before now', () => {
    expect(rateWindowStart(now).toISOString()).toBe('2026-03-01T09:59:42.500Z');
  });

  it('admits up to the limit, the request being decided included', () => {
    expect(rateDecision(rateWindowOf([now, ago(10), ago(20)], 3), 3, now)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('refuses past the limit until the limit-th newest request leaves the window', () => {
    // limit 3: once the one of 20 s ago leaves (in 40 s), two remain and a third fits.
    expect(rateDecision(rateWindowOf([now, ago(10), ago(20), ago(50)], 3), 3, now)).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('never asks to retry after less than a second', () => {
    expect(rateDecision(rateWindowOf([now, ago(59.9), ago(59.95)], 2), 2, now).retryAfterSeconds).toBe(1);
  });

  it('needs of the window only its count, capped past the limit, and the limit-th newest arrival', () => {
    expect(rateWindowOf([now, ago(10), ago(20), ago(30), ago(40)], 2)).toEqual({ count: 3, limitthNewest: ago(10) });
    expect(rateWindowOf([now], 3)).toEqual({ count: 1, limitthNewest: null });
  });

  it('counts a refused request too: a sensor that keeps sending stays refused', () => {
    // limit 1: the refused request itself must leave the window before another fits.
    expect(rateDecision(rateWindowOf([now, ago(59.9)], 1), 1, now)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});
