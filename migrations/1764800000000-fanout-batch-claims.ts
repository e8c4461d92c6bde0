import { MigrationInterface, QueryRunner } from 'typeorm';

// When an uplink job first took a batch. A Cancel or a narrowing Update drops only the pending
// batches no job has claimed; a claimed one may be on its way to the gateway, so it is left to
// finish and its cells are killed after (docs/architecture.md, "Cancels and Updates in flight").
export class FanoutBatchClaims1764800000000 implements MigrationInterface {
  name = 'FanoutBatchClaims1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches ADD COLUMN claimed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches DROP COLUMN IF EXISTS claimed_at`);
  }
}
