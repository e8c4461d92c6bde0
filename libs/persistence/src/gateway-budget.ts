import type { DataSource } from 'typeorm';
import { takeToken, type GatewayBudget, type TokenBucketLimit } from '@faro/uplink';
import { inTransaction } from './in-transaction';

// The gateways' token buckets in PostgreSQL (gateway_rate_buckets), so that every worker process
// spends from the same budget. A take locks the gateway's row (made full on first use), works the
// bucket out with libs/uplink's takeToken on the database's clock (one clock for every worker),
// and stores it, in one transaction: two workers never spend the same token.
export class SqlGatewayBudget implements GatewayBudget {
  constructor(private readonly ds: DataSource) {}

  async take(gatewayId: string, limit: TokenBucketLimit): Promise<{ granted: boolean; waitMs: number }> {
    return inTransaction(this.ds, async (q) => {
      const [row] = await q.query(
        `INSERT INTO gateway_rate_buckets (gateway_id, tokens, refilled_at) VALUES ($1, $2, clock_timestamp())
         ON CONFLICT (gateway_id) DO UPDATE SET gateway_id = EXCLUDED.gateway_id
         RETURNING tokens, extract(epoch FROM refilled_at)::float8 * 1000 AS at_ms, extract(epoch FROM next_turn_at)::float8 * 1000 AS next_turn_ms,
                   extract(epoch FROM clock_timestamp())::float8 * 1000 AS now_ms`,
        [gatewayId, limit.burst],
      );
      const nowMs = Number(row.now_ms);
      const bucket = { tokens: Number(row.tokens), atMs: Number(row.at_ms), ...(row.next_turn_ms === null ? {} : { nextTurnMs: Number(row.next_turn_ms) }) };
      const r = takeToken(limit, bucket, nowMs);
      await q.query(
        `UPDATE gateway_rate_buckets SET tokens = $2, refilled_at = to_timestamp($3::float8 / 1000), next_turn_at = to_timestamp($4::float8 / 1000) WHERE gateway_id = $1`,
        [gatewayId, r.bucket.tokens, r.bucket.atMs, r.bucket.nextTurnMs ?? null],
      );
      return { granted: r.granted, waitMs: r.waitMs };
    });
  }
}
