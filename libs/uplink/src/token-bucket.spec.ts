import { gatewayRateLimits, takeToken, type TokenBucket } from './token-bucket';

const LIMIT = { perSecond: 4, burst: 4 };

// Takes at the given times (ms), carrying the bucket: which were granted.
function takes(times: number[], limit = LIMIT): boolean[] {
  let bucket: TokenBucket | undefined;
  return times.map((t) => {
    const r = takeToken(limit, bucket, t);
    bucket = r.bucket;
    return r.granted;
  });
}

describe('takeToken', () => {
  it('grants a full burst at once, then refuses until a token has refilled', () => {
    expect(takes([0, 0, 0, 0, 0, 100])).toEqual([true, true, true, true, false, false]);
    expect(takes([0, 0, 0, 0, 250])).toEqual([true, true, true, true, true]);
  });

  it('says how long until the next token: a quarter second at 4/s from empty, less when part refilled', () => {
    let bucket: TokenBucket | undefined;
    for (let i = 0; i < 4; i++) bucket = takeToken(LIMIT, bucket, 1000).bucket;
    expect(takeToken(LIMIT, bucket, 1000)).toEqual({ granted: false, bucket: { tokens: 0, atMs: 1000, nextTurnMs: 1500 }, waitMs: 250 });
    expect(takeToken(LIMIT, bucket, 1100).waitMs).toBe(150);
  });

  it('tells takers refused together to come back one token apart, not all for the same token', () => {
    let bucket: TokenBucket | undefined;
    for (let i = 0; i < 4; i++) bucket = takeToken(LIMIT, bucket, 0).bucket;
    const waits = Array.from({ length: 5 }, () => {
      const r = takeToken(LIMIT, bucket, 10);
      bucket = r.bucket;
      return r.waitMs;
    });
    expect(waits).toEqual([240, 490, 740, 990, 1240]);
    // Each coming back when told finds its token.
    const back = [250, 500, 750, 1000, 1250].map((t) => {
      const r = takeToken(LIMIT, bucket, t);
      bucket = r.bucket;
      return r.granted;
    });
    expect(back).toEqual([true, true, true, true, true]);
  });

  it('forgets turns that have passed: a refusal long after waits only for its token', () => {
    const r = takeToken(LIMIT, { tokens: 0, atMs: 10_000, nextTurnMs: 9_000 }, 10_000);
    expect(r.waitMs).toBe(250);
  });

  it('holds a steady stream to the rate: 40 takes every 10 ms over 400 ms get the burst and what refilled', () => {
    const granted = takes(Array.from({ length: 40 }, (_, i) => i * 10)).filter(Boolean).length;
    // 4 at once, then one more when a token has refilled, at 250 ms.
    expect(granted).toBe(5);
  });

  it('never fills beyond the burst after a long quiet', () => {
    expect(takes([0, 3_600_000, 3_600_000, 3_600_000, 3_600_000, 3_600_000])).toEqual([true, true, true, true, true, false]);
  });

  it('refills nothing when the clock goes back, and keeps what it had', () => {
    const r = takeToken(LIMIT, { tokens: 0.5, atMs: 5000 }, 4000);
    expect(r).toEqual({ granted: false, bucket: { tokens: 0.5, atMs: 4000, nextTurnMs: 4375 }, waitMs: 125 });
  });

  it('refuses a limit that could never grant', () => {
    expect(() => takeToken({ perSecond: 0, burst: 1 }, undefined, 0)).toThrow('a rate limit needs a positive rate, not 0/s');
    expect(() => takeToken({ perSecond: 1, burst: 0.5 }, undefined, 0)).toThrow(RangeError);
  });
});

describe('gatewayRateLimits', () => {
  it("gives a named gateway its own limit, the others the default, and none where the rate is 0", () => {
    const limitOf = gatewayRateLimits({ 'sat-nord': 20, 'cbc-tim': 0 }, 50);
    expect([limitOf('sat-nord'), limitOf('cbc-tim'), limitOf('cbc-iliad')]).toEqual([{ perSecond: 20, burst: 20 }, undefined, { perSecond: 50, burst: 50 }]);
    expect(gatewayRateLimits({})('sat-sud')).toBeUndefined();
    expect(gatewayRateLimits({ 'sat-sud': 0.5 })('sat-sud')).toEqual({ perSecond: 0.5, burst: 1 });
  });
});
