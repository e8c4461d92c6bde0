import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14: what was actually transmitted is recorded per cell with the satellite it went on air
// through, beside the gateway and the time: a satellite gateway's transmission names, per cell,
// the satellite serving it through that gateway at that instant (null: none did).
export class TransmissionSatellites1765630000000 implements MigrationInterface {
  name = 'TransmissionSatellites1765630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_transmissions ADD COLUMN satellites jsonb CHECK (satellites IS NULL OR jsonb_typeof(satellites) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_transmissions DROP COLUMN IF EXISTS satellites`);
  }
}
