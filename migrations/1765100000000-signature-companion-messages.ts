import { MigrationInterface, QueryRunner } from 'typeorm';

// A public alert's signature goes on air as its own FS2 companion message (docs/broadcast-format.md):
// a messages row of kind 'companion' naming the message it signs. It has no deliveries of its own:
// it goes out in the same submission as its alert, so the alert's delivery in a cell is on air only
// when both are. Rows
// written with the FS1 layout (kind 'alert', FS1 page last) stay as they are: none exist in
// production, and an old row still reads back and verifies as FS1.
export class SignatureCompanionMessages1765100000000 implements MigrationInterface {
  name = 'SignatureCompanionMessages1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN kind text NOT NULL DEFAULT 'alert' CHECK (kind IN ('alert','companion'))`);
    await q.query(`ALTER TABLE messages ADD COLUMN signs_message_id uuid REFERENCES messages(id)`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_companion_signs CHECK ((kind = 'companion') = (signs_message_id IS NOT NULL))`);
    // A kill and the broadcast record look up a message's companion for every row they read.
    await q.query(`CREATE UNIQUE INDEX messages_companion_of ON messages (signs_message_id) WHERE signs_message_id IS NOT NULL`);
    // One alert message and one companion per language.
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_alert_id_language_key`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_alert_language_kind UNIQUE (alert_id, language, kind)`);
    // A companion is 8-bit data with no group key: only a group message's text is sealed.
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_group_key_data`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_group_key_data CHECK ((group_key_id IS NOT NULL) = (alphabet = 'data' AND kind = 'alert'))`);
    // The companion travels in its alert's submission and is killed with it: the gateway's record
    // of each names it beside the alert (one row per submission or kill, as before).
    await q.query(`ALTER TABLE broadcasts ADD COLUMN companion_message_identifier integer`);
    await q.query(`ALTER TABLE broadcasts ADD COLUMN companion_pages text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcasts DROP COLUMN companion_pages`);
    await q.query(`ALTER TABLE broadcasts DROP COLUMN companion_message_identifier`);
    await q.query(`UPDATE broadcasts SET message_id = NULL WHERE message_id IN (SELECT id FROM messages WHERE kind = 'companion')`);
    await q.query(`DELETE FROM messages WHERE kind = 'companion'`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_group_key_data`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_group_key_data CHECK ((group_key_id IS NULL) = (alphabet <> 'data'))`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_alert_language_kind`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_alert_id_language_key UNIQUE (alert_id, language)`);
    await q.query(`DROP INDEX messages_companion_of`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_companion_signs`);
    await q.query(`ALTER TABLE messages DROP COLUMN signs_message_id`);
    await q.query(`ALTER TABLE messages DROP COLUMN kind`);
  }
}
