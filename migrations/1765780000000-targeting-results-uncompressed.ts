import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15, target 7: a cold draft writes its targeting (a national area's is 3.6 MB of JSON, every
// cell id by route) before it answers, so that the release reads it instead of targeting again.
// PostgreSQL compressed it (pglz) on the way in and decompressed it at the release; stored out of
// line uncompressed, the INSERT of a 3.4 MB document took 59–64 → 14–28 ms (measured on this
// machine's server), for about twice the bytes, kept two days.
export class TargetingResultsUncompressed1765780000000 implements MigrationInterface {
  name = 'TargetingResultsUncompressed1765780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE targeting_results ALTER COLUMN result SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE targeting_results ALTER COLUMN result SET STORAGE EXTENDED`);
  }
}
