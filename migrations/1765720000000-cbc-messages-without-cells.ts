import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14: a CBC is asked only for an alert that targets all its cells (osmo-cbc 0.5.3 puts a
// message on every cell of its peers), so what it holds needs no cell list. The list each batch
// merged into the row grew to the CBC's whole network (58,839 cells for TIM) and was read back
// and merged again by every batch: most of the worker's time in a national alert over ECBE.
export class CbcMessagesWithoutCells1765720000000 implements MigrationInterface {
  name = 'CbcMessagesWithoutCells1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cbc_messages DROP COLUMN cell_ids`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cbc_messages ADD COLUMN cell_ids text[] NOT NULL DEFAULT '{}'`);
  }
}
