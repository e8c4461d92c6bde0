import type { DataSource } from 'typeorm';
import type { KillRecord, TransmissionRecord, TransmissionRecorder } from '@faro/uplink';

// Everything the uplink simulator transmits, as it transmitted it.
export class SqlTransmissionLog implements TransmissionRecorder {
  constructor(private readonly ds: DataSource) {}

  async recordTransmission(t: TransmissionRecord): Promise<void> {
    const messageId = t.submissionId.split(':')[0];
    await this.ds.query(
      `INSERT INTO broadcasts (submission_id, kind, alert_id, message_id, gateway_id, route_id, message_identifier, serial_number, dcs, cell_count, repetition, transmitted_at, pages, gateway_key_id)
       VALUES ($1, 'broadcast', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (submission_id) DO NOTHING`,
      [t.submissionId, t.envelope.alertId, messageId, t.gatewayId, t.routeId, t.envelope.messageIdentifier, t.envelope.serialNumber, t.envelope.dcs, t.cellCount, JSON.stringify(t.repetition), t.transmittedAt, t.envelope.pages, t.gatewayKeyId],
    );
  }

  async recordKill(k: KillRecord): Promise<void> {
    await this.ds.query(
      `INSERT INTO broadcasts (submission_id, kind, alert_id, message_id, gateway_id, route_id, message_identifier, serial_number, dcs, cell_count, repetition, transmitted_at)
       VALUES ($1, 'kill', $2, NULL, $3, $4, $5, $6, NULL, $7, NULL, $8) ON CONFLICT (submission_id) DO NOTHING`,
      [k.killId, k.alertId, k.gatewayId, k.routeId, k.messageIdentifier, k.serialNumber, k.cellCount, k.killedAt],
    );
  }
}
