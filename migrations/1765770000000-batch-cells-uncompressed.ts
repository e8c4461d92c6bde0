import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15, target 1: a national alert's plan writes its 200,000 cell ids into the batches'
// `cell_ids` before the first batch can go. PostgreSQL compressed each batch's array (pglz) on
// the way in and decompresses it at the claim; stored out of line uncompressed, the plan's INSERT
// took 96 → 70 ms alone (measured on this machine's server), for about three times the bytes a
// batch keeps until its alert is purged.
export class BatchCellsUncompressed1765770000000 implements MigrationInterface {
  name = 'BatchCellsUncompressed1765770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches ALTER COLUMN cell_ids SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches ALTER COLUMN cell_ids SET STORAGE EXTENDED`);
  }
}
