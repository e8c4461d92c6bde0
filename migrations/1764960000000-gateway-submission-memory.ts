import { MigrationInterface, QueryRunner } from 'typeorm';

// The simulated gateways' own durable memory, as a real gateway or CBC keeps one (osmo-cbc
// answers 409 for a message id still active): which submission ids they took, and, append-only,
// every transmission they made with its cells. A worker that dies after a submission and before
// its receipts re-submits the same id on restart and is answered "already on air"; a second
// transmission of anything would show as a second row here, which tests count.
export class GatewaySubmissionMemory1764960000000 implements MigrationInterface {
  name = 'GatewaySubmissionMemory1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway_submissions (
        submission_id text PRIMARY KEY,
        gateway_id text NOT NULL,
        identity text NOT NULL,
        claimed_at timestamptz NOT NULL,
        transmitted_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE gateway_transmissions (
        id bigserial PRIMARY KEY,
        submission_id text NOT NULL,
        gateway_id text NOT NULL,
        alert_id uuid NOT NULL,
        message_identifier integer NOT NULL,
        serial_number integer NOT NULL,
        cell_ids text[] NOT NULL,
        transmitted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX gateway_transmissions_submission ON gateway_transmissions (submission_id)`);
    await q.query(`CREATE INDEX gateway_transmissions_alert ON gateway_transmissions (alert_id)`);
    await q.query(`
      CREATE FUNCTION gateway_transmissions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'gateway_transmissions is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER gateway_transmissions_append_only BEFORE UPDATE OR DELETE ON gateway_transmissions
      FOR EACH ROW EXECUTE FUNCTION gateway_transmissions_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS gateway_transmissions`);
    await q.query(`DROP FUNCTION IF EXISTS gateway_transmissions_append_only()`);
    await q.query(`DROP TABLE IF EXISTS gateway_submissions`);
  }
}
