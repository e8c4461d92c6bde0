import type { TokenBucketLimit } from './token-bucket';
import { UplinkError } from './uplink-error';
import type { UplinkAck, UplinkKill, UplinkKillAck, UplinkPort, UplinkSubmission } from './uplink-port';

// Where each gateway's bucket lives: one for all worker processes (libs/persistence
// SqlGatewayBudget keeps them in PostgreSQL, which every queue backend has).
export interface GatewayBudget {
  take(gatewayId: string, limit: TokenBucketLimit): Promise<{ granted: boolean; waitMs: number }>;
}

// The uplink within each gateway's rate: every submission and kill takes a token from its
// gateway's bucket first. With none left nothing is sent and it throws uplink/rate-limited with
// the wait, which the uplink job turns into a delay (not a failed attempt), freeing the worker for
// other gateways' work. A gateway with no limit is not asked about.
export class RateLimitedUplink implements UplinkPort {
  constructor(
    private readonly inner: UplinkPort,
    private readonly budget: GatewayBudget,
    private readonly limitOf: (gatewayId: string) => TokenBucketLimit | undefined,
  ) {}

  // A CBC behind the limit still takes its pages unsealed.
  plainPages(gatewayId: string): boolean {
    return this.inner.plainPages?.(gatewayId) === true;
  }

  async submit(s: UplinkSubmission): Promise<UplinkAck> {
    await this.spend(s.gatewayId, `submission ${s.submissionId}`);
    return this.inner.submit(s);
  }

  async cancel(k: UplinkKill): Promise<UplinkKillAck> {
    await this.spend(k.gatewayId, `kill ${k.killId}`);
    return this.inner.cancel(k);
  }

  private async spend(gatewayId: string, what: string): Promise<void> {
    const limit = this.limitOf(gatewayId);
    if (!limit) return;
    const { granted, waitMs } = await this.budget.take(gatewayId, limit);
    if (!granted) throw new UplinkError('uplink/rate-limited', `${what} to ${gatewayId}: over its rate of ${limit.perSecond}/s; next in ${waitMs} ms`, true, { retryAfterMs: waitMs });
  }
}
