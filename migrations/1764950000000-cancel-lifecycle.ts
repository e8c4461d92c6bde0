import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = ['draft', 'pending_approval', 'approved', 'broadcasting', 'active', 'expired', 'updated', 'cancelled'];
// A target is cancelling while its Cancel's kills run; a Cancel is killing, then done, and never
// on air (docs/architecture.md, the Cancel paragraph).
const AFTER = [...BEFORE, 'cancelling', 'killing', 'done'];
const list = (states: string[]) => states.map((s) => `'${s}'`).join(',');

export class CancelLifecycle1764950000000 implements MigrationInterface {
  name = 'CancelLifecycle1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_state_check`);
    await q.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_state_check CHECK (state IN (${list(AFTER)}))`);
    // Cancels made before: 'active' meant every kill finished, 'broadcasting' kills still running.
    // (Their audit entries keep the old names; the move here is a rename, not an event.)
    await q.query(`UPDATE alerts SET state = CASE state WHEN 'active' THEN 'done' ELSE 'killing' END WHERE msg_type = 'Cancel' AND state IN ('broadcasting', 'active')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE alerts SET state = CASE state WHEN 'done' THEN 'active' ELSE 'broadcasting' END WHERE state IN ('killing', 'done')`);
    await q.query(`UPDATE alerts SET state = 'cancelled' WHERE state = 'cancelling'`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_state_check`);
    await q.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_state_check CHECK (state IN (${list(BEFORE)}))`);
  }
}
