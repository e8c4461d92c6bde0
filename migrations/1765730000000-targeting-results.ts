import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15: the cells a draft's areas target, kept by the API's drafting thread so that the
// worker does not target them again at release (2.7 s of a national alert's 4.6 s before its
// first batch). Keyed by the areas (canonical JSON) and the inventory version, so an edit or a
// new inventory simply misses; a row is a cache, never the truth (libs/persistence
// targeting-cache.ts).
export class TargetingResults1765730000000 implements MigrationInterface {
  name = 'TargetingResults1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE targeting_results (
        areas_key text NOT NULL,
        inventory_version text NOT NULL,
        result json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (areas_key, inventory_version)
      )`);
    await q.query(`CREATE INDEX targeting_results_created_at ON targeting_results (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE targeting_results`);
  }
}
