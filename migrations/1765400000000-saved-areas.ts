import { MigrationInterface, QueryRunner } from 'typeorm';

// Saved areas (issue 10): each operator's own areas (drawn, picked or uploaded as GeoJSON and
// simplified to what a broadcast carries), kept to start new alerts from.
export class SavedAreas1765400000000 implements MigrationInterface {
  name = 'SavedAreas1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_areas (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        areas jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX saved_areas_user ON saved_areas (user_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_areas`);
  }
}
