import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EcbeActiveMessage, Repetition } from '@faro/uplink';
import { inTransaction } from './in-transaction';
import { terrestrialCbcs } from './terrestrial-cbcs';
import { returnedRows } from './update-result';

export interface SimulatedCbc {
  id: string;
  routeId: string;
  // The cells of the CBC's peers: osmo-cbc 0.5.3 puts every message on all of them (scope_plmn).
  cellIds: string[];
}

// apps/uplink-sim's terrestrial CBCs (ECBE): which they are, what they hold per boot
// (simulator_cbc_messages), and what they put on air and took off, in the same record the
// simulated gateways keep (gateway_transmissions, broadcasts). A CBC knows no alert: the record
// names the Faro message with that identifier and serial (the newest), for the tests' and the
// coverage view's sake; a message Faro never made is held and answered, but not recorded.
export class SqlSimulatorCbcs {
  constructor(private readonly ds: DataSource) {}

  cbcs(): Promise<SimulatedCbc[]> {
    return terrestrialCbcs(this.ds);
  }

  async held(bootId: string, cbcId: string): Promise<EcbeActiveMessage[]> {
    const rows = await this.ds.query(`SELECT active FROM simulator_cbc_messages WHERE boot_id = $1 AND cbc_id = $2 ORDER BY message_identifier`, [bootId, cbcId]);
    return rows.map((r: any) => r.active);
  }

  // The CBC took the message: held under this boot, and on air in every cell of its peers.
  async activated(bootId: string, cbc: SimulatedCbc, m: EcbeActiveMessage, at: Date): Promise<void> {
    await inTransaction(this.ds, async (q) => {
      const [faro] = await q.query(
        `SELECT id, alert_id FROM messages WHERE message_identifier = $1 AND serial_number = $2 ORDER BY created_at DESC LIMIT 1`,
        [m.messageId, m.serialNr],
      );
      await q.query(
        `INSERT INTO simulator_cbc_messages (boot_id, cbc_id, message_identifier, active, alert_id, message_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (boot_id, cbc_id, message_identifier) DO UPDATE SET active = EXCLUDED.active, alert_id = EXCLUDED.alert_id, message_id = EXCLUDED.message_id`,
        [bootId, cbc.id, m.messageId, JSON.stringify(m), faro?.alert_id ?? null, faro?.id ?? null],
      );
      if (!faro) return;
      const submissionId = `${faro.id}:${cbc.routeId}:ecbe-${randomUUID()}`;
      // The CBC writes each page's header itself (TS 23.041 §9.4.1.2) from serial, identifier, DCS
      // and page parameter, before the 82 octets of content it was given.
      const pages = m.pages.map((content, i) => {
        const header = Buffer.alloc(6);
        header.writeUInt16BE(m.serialNr, 0);
        header.writeUInt16BE(m.messageId, 2);
        header[4] = m.dcs;
        header[5] = ((i + 1) << 4) | m.pages.length;
        return Buffer.concat([header, Buffer.from(content, 'hex')]).toString('hex');
      });
      const repetition: Repetition = { periodSeconds: m.repetitionPeriod, count: m.numOfBcast };
      await q.query(
        `INSERT INTO gateway_transmissions (submission_id, gateway_id, alert_id, message_identifier, serial_number, cell_ids, transmitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [submissionId, cbc.id, faro.alert_id, m.messageId, m.serialNr, cbc.cellIds, at],
      );
      await q.query(
        `INSERT INTO broadcasts (submission_id, kind, alert_id, message_id, gateway_id, route_id, message_identifier, serial_number, dcs, cell_count, repetition, transmitted_at, pages)
         VALUES ($1, 'broadcast', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [submissionId, faro.alert_id, faro.id, cbc.id, cbc.routeId, m.messageId, m.serialNr, m.dcs, cbc.cellIds.length, JSON.stringify(repetition), at, pages],
      );
    });
  }

  // DELETE: off the air in every cell of the CBC's peers, and no longer held.
  async deleted(bootId: string, cbc: SimulatedCbc, m: EcbeActiveMessage, at: Date): Promise<void> {
    await inTransaction(this.ds, async (q) => {
      const [held] = returnedRows<{ alert_id: string | null }>(
        await q.query(`DELETE FROM simulator_cbc_messages WHERE boot_id = $1 AND cbc_id = $2 AND message_identifier = $3 RETURNING alert_id`, [bootId, cbc.id, m.messageId]),
      );
      if (!held?.alert_id) return;
      // A DELETE names no Cancel: the record names the newest alert that references the one held
      // (its Cancel or Update), as a gateway's kill id would, so the Cancel's kill view finds it.
      const [by] = await q.query(`SELECT id FROM alerts WHERE references_alert_id = $1 ORDER BY created_at DESC LIMIT 1`, [held.alert_id]);
      await q.query(
        `INSERT INTO broadcasts (submission_id, kind, alert_id, message_id, gateway_id, route_id, message_identifier, serial_number, dcs, cell_count, repetition, transmitted_at)
         VALUES ($1, 'kill', $2, NULL, $3, $4, $5, $6, NULL, $7, NULL, $8)`,
        [`${by?.id ?? 'ecbe-delete'}:${cbc.id}:ecbe-delete-${randomUUID()}`, held.alert_id, cbc.id, cbc.routeId, m.messageId, m.serialNr, cbc.cellIds.length, at],
      );
    });
  }

  // A CBC restarted empty (the control endpoint): nothing held under this boot any more.
  async forget(bootId: string, cbcId: string): Promise<void> {
    await this.ds.query(`DELETE FROM simulator_cbc_messages WHERE boot_id = $1 AND cbc_id = $2`, [bootId, cbcId]);
  }
}
