import { MigrationInterface, QueryRunner } from 'typeorm';

// A gateway's claim on a submission id is a lease held under a token: its holder renews it while
// it transmits and records the transmission only while the claim is still its own. A worker that
// died mid-transmission blocks the id for one lease (seconds), not a fixed 30 s.
export class GatewayClaimLease1765000000000 implements MigrationInterface {
  name = 'GatewayClaimLease1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_submissions ADD COLUMN claim_token text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_submissions DROP COLUMN claim_token`);
  }
}
