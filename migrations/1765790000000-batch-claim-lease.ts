import { MigrationInterface, QueryRunner } from 'typeorm';

// An uplink job's hold on the batch it works on: a lease under a token, renewed while the job
// runs. A batch whose alert left the air is dropped as "not transmitted" only when no other job
// holds it: one whose BullMQ lock lapsed on a loaded machine may still be transmitting it
// (docs/architecture.md, "Cancels and Updates in flight").
export class BatchClaimLease1765790000000 implements MigrationInterface {
  name = 'BatchClaimLease1765790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches ADD COLUMN claim_token uuid, ADD COLUMN claim_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches DROP COLUMN IF EXISTS claim_token, DROP COLUMN IF EXISTS claim_until`);
  }
}
