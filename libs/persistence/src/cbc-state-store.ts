import type { DataSource } from 'typeorm';
import type { CbcHeldMessage, CbcStateStore } from '@faro/uplink';

const COLUMNS = `cbc_id, message_identifier, serial_number, alert_id, status, message, period_seconds, until_epoch_seconds, posted_at, deleted_at, replaces_serial`;

// What each terrestrial CBC holds, per message identifier (cbc_messages), for every worker: the
// ECBE API has no GET, so this is where a retry, a kill and a recovery learn it.
export class SqlCbcStateStore implements CbcStateStore {
  constructor(private readonly ds: DataSource) {}

  async find(cbcId: string, messageIdentifier: number): Promise<CbcHeldMessage | undefined> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM cbc_messages WHERE cbc_id = $1 AND message_identifier = $2`, [cbcId, messageIdentifier]);
    return row ? heldOf(row) : undefined;
  }

  async save(h: CbcHeldMessage): Promise<void> {
    await this.ds.query(
      `INSERT INTO cbc_messages (${COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (cbc_id, message_identifier) DO UPDATE SET
         serial_number = EXCLUDED.serial_number, alert_id = EXCLUDED.alert_id, status = EXCLUDED.status, message = EXCLUDED.message,
         period_seconds = EXCLUDED.period_seconds, until_epoch_seconds = EXCLUDED.until_epoch_seconds,
         posted_at = EXCLUDED.posted_at, deleted_at = EXCLUDED.deleted_at, replaces_serial = EXCLUDED.replaces_serial, updated_at = now()`,
      params(h),
    );
  }

  async beginPost(h: CbcHeldMessage): Promise<{ fresh: boolean }> {
    // Written unless the CBC is recorded holding this very serial: one statement, so that of two
    // workers posting the same serial at once exactly one finds it fresh.
    const written = await this.ds.query(
      `INSERT INTO cbc_messages (${COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (cbc_id, message_identifier) DO UPDATE SET
         serial_number = EXCLUDED.serial_number, alert_id = EXCLUDED.alert_id, status = 'posting',
         message = EXCLUDED.message, period_seconds = EXCLUDED.period_seconds, until_epoch_seconds = EXCLUDED.until_epoch_seconds,
         posted_at = NULL, deleted_at = NULL, replaces_serial = EXCLUDED.replaces_serial, updated_at = now()
         WHERE cbc_messages.status = 'deleted' OR cbc_messages.serial_number <> EXCLUDED.serial_number
       RETURNING cbc_id`,
      params({ ...h, status: 'posting', postedAt: null, deletedAt: null }),
    );
    return { fresh: written.length > 0 };
  }

  async heldBy(cbcId: string): Promise<CbcHeldMessage[]> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM cbc_messages WHERE cbc_id = $1 AND status <> 'deleted' ORDER BY message_identifier`, [cbcId]);
    return rows.map(heldOf);
  }
}

function params(h: CbcHeldMessage): unknown[] {
  return [h.cbcId, h.messageIdentifier, h.serialNumber, h.alertId, h.status, JSON.stringify(h.message), h.periodSeconds, h.untilEpochSeconds, h.postedAt, h.deletedAt, h.replaces];
}

function heldOf(r: any): CbcHeldMessage {
  return {
    cbcId: r.cbc_id,
    messageIdentifier: r.message_identifier,
    serialNumber: r.serial_number,
    alertId: r.alert_id,
    status: r.status,
    message: r.message,
    periodSeconds: r.period_seconds,
    untilEpochSeconds: r.until_epoch_seconds === null ? null : Number(r.until_epoch_seconds),
    postedAt: r.posted_at ? new Date(r.posted_at) : null,
    deletedAt: r.deleted_at ? new Date(r.deleted_at) : null,
    replaces: r.replaces_serial,
  };
}
