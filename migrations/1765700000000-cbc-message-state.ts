import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14, the terrestrial route. ECBE (osmo-cbc) has no GET: cbc_messages is Faro's record of
// what each operator's CBC holds per message identifier (0.5.3 holds one message per identifier),
// shared by every worker for idempotency, kills and recovery (libs/uplink cbc-state-store.ts).
// simulator_cbc_messages is apps/uplink-sim's CBCs' own memory, per boot: a restart under the same
// boot id keeps what they held, under a new one they come back empty, as the gateways do.
export class CbcMessageState1765700000000 implements MigrationInterface {
  name = 'CbcMessageState1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cbc_messages (
        cbc_id text NOT NULL,
        message_identifier integer NOT NULL CHECK (message_identifier BETWEEN 0 AND 65535),
        serial_number integer NOT NULL CHECK (serial_number BETWEEN 0 AND 65535),
        alert_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('posting','confirmed','unconfirmed','deleted')),
        cell_ids text[] NOT NULL,
        message jsonb NOT NULL,
        period_seconds integer NOT NULL CHECK (period_seconds > 0),
        until_epoch_seconds bigint,
        posted_at timestamptz,
        deleted_at timestamptz,
        replaces_serial integer,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cbc_id, message_identifier)
      )`);
    await q.query(`
      CREATE TABLE simulator_cbc_messages (
        boot_id text NOT NULL,
        cbc_id text NOT NULL,
        message_identifier integer NOT NULL,
        active jsonb NOT NULL,
        alert_id uuid,
        message_id uuid,
        PRIMARY KEY (boot_id, cbc_id, message_identifier)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS simulator_cbc_messages`);
    await q.query(`DROP TABLE IF EXISTS cbc_messages`);
  }
}
