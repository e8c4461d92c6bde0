import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14: the satellite broadcast plan made at release (libs/constellation BroadcastScheduler).
// One row per alert, and per cell its stretches: consecutive repetitions on one satellite through
// one gateway (a hand-over starts the next), or missed for one reason. What was actually
// transmitted stays where the uplink records it (gateway_transmissions, broadcasts); the
// coverage read joins the two.
export class SatelliteBroadcastPlans1765590000000 implements MigrationInterface {
  name = 'SatelliteBroadcastPlans1765590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE satellite_plans (
        alert_id uuid PRIMARY KEY REFERENCES alerts(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        repetition_seconds integer NOT NULL CHECK (repetition_seconds > 0),
        sky_offset_ms bigint NOT NULL,
        cell_count integer NOT NULL,
        unserved_count integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE satellite_plan_cells (
        alert_id uuid NOT NULL REFERENCES satellite_plans(alert_id),
        cell_id text NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('route', 'missed')),
        satellite_id text,
        gateway_id text,
        missed_reason text CHECK (missed_reason IN ('no-satellite-in-view', 'no-gateway-in-view', 'beam-capacity')),
        from_at timestamptz NOT NULL,
        until_at timestamptz NOT NULL,
        repetitions integer NOT NULL CHECK (repetitions > 0),
        PRIMARY KEY (alert_id, cell_id, seq),
        CHECK ((kind = 'route') = (satellite_id IS NOT NULL AND gateway_id IS NOT NULL AND missed_reason IS NULL))
      )`);
    // The plan's verdict per cell not served before the deadline.
    await q.query(`
      CREATE TABLE satellite_plan_unserved (
        alert_id uuid NOT NULL REFERENCES satellite_plans(alert_id),
        cell_id text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('no-satellite-in-view', 'no-gateway-in-view', 'beam-capacity')),
        PRIMARY KEY (alert_id, cell_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS satellite_plan_unserved`);
    await q.query(`DROP TABLE IF EXISTS satellite_plan_cells`);
    await q.query(`DROP TABLE IF EXISTS satellite_plans`);
  }
}
