import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14, back-pressure: each uplink gateway's submission budget (a token bucket, libs/uplink
// token-bucket.ts), one row per gateway shared by every worker process, whichever queue backend
// carries the jobs. A row is taken under its lock for the few statements of a take.
export class GatewayRateBuckets1765710000000 implements MigrationInterface {
  name = 'GatewayRateBuckets1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway_rate_buckets (
        gateway_id text PRIMARY KEY,
        tokens double precision NOT NULL CHECK (tokens >= 0),
        refilled_at timestamptz NOT NULL,
        -- When the next job refused a token is told to come back (token-bucket.ts nextTurnMs).
        next_turn_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS gateway_rate_buckets`);
  }
}
