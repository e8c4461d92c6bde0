import { MigrationInterface, QueryRunner } from 'typeorm';

// An Update that covers fewer cells than the alert it replaces kills the old message in the cells
// it drops. Its kill batches are numbered after its own broadcast batches on the route and name
// the replaced alert's batch they kill in (target_batch); a Cancel's kill batches keep the
// target's numbers, so for them target_batch is NULL and batch is the target's.
export class UpdateKillBatches1764700000000 implements MigrationInterface {
  name = 'UpdateKillBatches1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches ADD COLUMN target_batch integer`);
    await q.query(`ALTER TABLE fanout_batches ADD CONSTRAINT fanout_batches_target_batch_kill CHECK (target_batch IS NULL OR kind = 'kill')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches DROP CONSTRAINT IF EXISTS fanout_batches_target_batch_kill`);
    await q.query(`ALTER TABLE fanout_batches DROP COLUMN IF EXISTS target_batch`);
  }
}
