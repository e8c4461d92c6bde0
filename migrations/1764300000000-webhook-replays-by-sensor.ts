import { MigrationInterface, QueryRunner } from 'typeorm';

// A sensor's rate is the count of its remembered webhook signatures in the last minute
// (libs/sensors rate-limit.ts): this index lets that count read only the sensor's rows.
export class WebhookReplaysBySensor1764300000000 implements MigrationInterface {
  name = 'WebhookReplaysBySensor1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX webhook_replays_sensor_seen ON webhook_replays (sensor_id, seen_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS webhook_replays_sensor_seen`);
  }
}
