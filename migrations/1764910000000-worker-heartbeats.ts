import { MigrationInterface, QueryRunner } from 'typeorm';

// Each worker process says it is alive every few seconds, so the API's readiness can tell an
// idle worker from a dead or frozen one (GET /health/ready).
export class WorkerHeartbeats1764910000000 implements MigrationInterface {
  name = 'WorkerHeartbeats1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker_heartbeats (
        worker_id text PRIMARY KEY,
        host text NOT NULL,
        pid integer NOT NULL,
        queue_backend text NOT NULL,
        started_at timestamptz NOT NULL,
        seen_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS worker_heartbeats`);
  }
}
