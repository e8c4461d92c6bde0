import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15: a new alert's plan no longer writes a delivery row per cell before its first batch can
// move (1.9 s of COPY for a national alert). Each broadcast batch keeps its cells here, and the
// job that claims the batch writes its deliveries in the same statement (libs/persistence
// fanout-store.ts). NULL for a batch whose deliveries were written with the plan (an Update's,
// whose kills are planned over them) and for kill batches.
export class BatchCells1765740000000 implements MigrationInterface {
  name = 'BatchCells1765740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches ADD COLUMN cell_ids text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches DROP COLUMN cell_ids`);
  }
}
