import { RateLimitedUplink, type GatewayBudget } from './rate-limited-uplink';
import { gatewayRateLimits, takeToken, type TokenBucket, type TokenBucketLimit } from './token-bucket';
import { UplinkError } from './uplink-error';
import type { UplinkPort, UplinkSubmission } from './uplink-port';

// Buckets in memory on a clock the test moves.
class MemoryBudget implements GatewayBudget {
  nowMs = 0;
  readonly buckets = new Map<string, TokenBucket>();
  async take(gatewayId: string, limit: TokenBucketLimit) {
    const r = takeToken(limit, this.buckets.get(gatewayId), this.nowMs);
    this.buckets.set(gatewayId, r.bucket);
    return r;
  }
}

function uplinkOver(limits: Record<string, number>) {
  const sent: string[] = [];
  const inner: UplinkPort = {
    submit: async (s) => (sent.push(`${s.gatewayId}:${s.submissionId}`), { submissionId: s.submissionId, gatewayId: s.gatewayId, acceptedAt: new Date(0), receipts: [], duplicate: false }),
    cancel: async (k) => (sent.push(`${k.gatewayId}:${k.killId}`), { killId: k.killId, receipts: [], duplicate: false }),
  };
  const budget = new MemoryBudget();
  return { uplink: new RateLimitedUplink(inner, budget, gatewayRateLimits(limits)), budget, sent };
}

const submission = (gatewayId: string, id: string) => ({ submissionId: id, gatewayId }) as UplinkSubmission;

describe('RateLimitedUplink', () => {
  it("sends within the gateway's rate and refuses the next with uplink/rate-limited and the wait, sending nothing", async () => {
    const { uplink, sent } = uplinkOver({ 'sat-nord': 2 });
    await uplink.submit(submission('sat-nord', 's1'));
    await uplink.cancel({ killId: 'k1', gatewayId: 'sat-nord' } as never);
    const refused = await uplink.submit(submission('sat-nord', 's2')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UplinkError);
    expect(refused).toMatchObject({ code: 'uplink/rate-limited', retryable: true, retryAfterMs: 500, message: 'submission s2 to sat-nord: over its rate of 2/s; next in 500 ms' });
    expect(sent).toEqual(['sat-nord:s1', 'sat-nord:k1']);
  });

  it("does not hold back another gateway's work, nor one with no limit", async () => {
    const { uplink, sent } = uplinkOver({ 'sat-nord': 1, 'cbc-tim': 5 });
    await uplink.submit(submission('sat-nord', 'n1'));
    await expect(uplink.submit(submission('sat-nord', 'n2'))).rejects.toMatchObject({ code: 'uplink/rate-limited' });
    for (let i = 0; i < 5; i++) await uplink.submit(submission('cbc-tim', `t${i}`));
    for (let i = 0; i < 20; i++) await uplink.submit(submission('cbc-iliad', `i${i}`));
    expect(sent.filter((s) => s.startsWith('cbc-'))).toHaveLength(25);
  });

  it('sends again once a token has refilled', async () => {
    const { uplink, budget, sent } = uplinkOver({ 'sat-nord': 1 });
    await uplink.submit(submission('sat-nord', 'n1'));
    budget.nowMs = 750;
    await expect(uplink.submit(submission('sat-nord', 'n2'))).rejects.toMatchObject({ retryAfterMs: 250 });
    budget.nowMs = 1000;
    await uplink.submit(submission('sat-nord', 'n2'));
    expect(sent).toEqual(['sat-nord:n1', 'sat-nord:n2']);
  });
});
