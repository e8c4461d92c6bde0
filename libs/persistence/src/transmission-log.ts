import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ClaimLostError, type KillRecord, type SubmissionClaim, type TransmissionRecord, type TransmissionRecorder } from '@faro/uplink';
import { affectedRows } from './update-result';

// Everything the uplink simulator transmits, as it transmitted it, and the simulated gateways'
// durable memory of the submission ids they took (gateway_submissions): a real gateway remembers
// what it has on air across a restart of whoever talks to it, and so do these.
export class SqlTransmissionLog implements TransmissionRecorder {
  constructor(private readonly ds: DataSource) {}

  async claimSubmission(c: { submissionId: string; gatewayId: string; identity: string; leaseMs: number }): Promise<SubmissionClaim> {
    // Claimed anew, or taken over from a claim whose holder stopped renewing it for a lease.
    const token = randomUUID();
    const taken = await this.ds.query(
      `INSERT INTO gateway_submissions (submission_id, gateway_id, identity, claimed_at, claim_token) VALUES ($1, $2, $3, now(), $5)
       ON CONFLICT (submission_id) DO UPDATE SET claimed_at = now(), claim_token = EXCLUDED.claim_token
         WHERE gateway_submissions.transmitted_at IS NULL AND gateway_submissions.identity = EXCLUDED.identity
           AND gateway_submissions.claimed_at < now() - make_interval(secs => $4::double precision / 1000)
       RETURNING submission_id`,
      [c.submissionId, c.gatewayId, c.identity, c.leaseMs, token],
    );
    if (taken.length > 0) return { kind: 'claimed', token };
    const [known] = await this.ds.query(`SELECT identity, transmitted_at FROM gateway_submissions WHERE submission_id = $1`, [c.submissionId]);
    if (!known) return this.claimSubmission(c);
    if (known.identity !== c.identity) return { kind: 'conflict' };
    if (known.transmitted_at === null) return { kind: 'busy' };
    const [sent] = await this.ds.query(
      `SELECT array_agg(DISTINCT cell) AS cells, min(transmitted_at) AS at FROM gateway_transmissions, unnest(cell_ids) AS cell WHERE submission_id = $1`,
      [c.submissionId],
    );
    return { kind: 'transmitted', cellIds: sent?.cells ?? [], transmittedAt: new Date(sent?.at ?? known.transmitted_at) };
  }

  async renewClaim(submissionId: string, token: string): Promise<boolean> {
    const renewed = await this.ds.query(
      `UPDATE gateway_submissions SET claimed_at = now() WHERE submission_id = $1 AND claim_token = $2 AND transmitted_at IS NULL`,
      [submissionId, token],
    );
    return affectedRows(renewed) > 0;
  }

  async releaseSubmission(submissionId: string, token: string): Promise<void> {
    await this.ds.query(`DELETE FROM gateway_submissions WHERE submission_id = $1 AND claim_token = $2 AND transmitted_at IS NULL`, [submissionId, token]);
  }

  // One statement, so one round trip: the claim first (a transmission whose claim was taken over
  // records nothing), then the transmission, append-only (a second transmission of the same
  // submission is a second row, never hidden), and the broadcast as it went on air. Three
  // statements in a transaction were five round trips of every uplink job.
  async recordTransmission(t: TransmissionRecord): Promise<void> {
    const messageId = t.submissionId.split(':')[0];
    const [r] = await this.ds.query(
      `WITH held AS (
         UPDATE gateway_submissions SET transmitted_at = $7 WHERE submission_id = $1 AND claim_token = $16 AND transmitted_at IS NULL RETURNING 1),
       ok AS (SELECT $16::text IS NULL OR EXISTS (SELECT 1 FROM held) AS ok),
       transmitted AS (
         INSERT INTO gateway_transmissions (submission_id, gateway_id, alert_id, message_identifier, serial_number, cell_ids, transmitted_at, satellites)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM ok WHERE ok.ok),
       broadcast AS (
         INSERT INTO broadcasts (submission_id, kind, alert_id, message_id, gateway_id, route_id, message_identifier, serial_number, dcs, cell_count, repetition, transmitted_at, pages, gateway_key_id,
           companion_message_identifier, companion_pages)
         SELECT $1, 'broadcast', $3, $9, $2, $10, $4, $5, $11, $12, $13, $7, $14, $15, $17, $18 FROM ok WHERE ok.ok
         ON CONFLICT (submission_id) DO NOTHING)
       SELECT ok FROM ok`,
      [t.submissionId, t.gatewayId, t.envelope.alertId, t.envelope.messageIdentifier, t.envelope.serialNumber, t.cellIds, t.transmittedAt,
        t.satellites === undefined ? null : JSON.stringify(t.satellites), messageId, t.routeId, t.envelope.dcs, t.cellCount, JSON.stringify(t.repetition),
        t.envelope.pages, t.gatewayKeyId, t.claimToken ?? null, t.envelope.companion?.messageIdentifier ?? null, t.envelope.companion?.pages ?? null],
    );
    if (!r.ok) throw new ClaimLostError(t.submissionId);
  }

  // The gateways' own record of one alert, for their control endpoint: every transmission row,
  // so a cell sent twice shows twice.
  async transmissionsOf(alertId: string): Promise<Array<{ submissionId: string; gatewayId: string; messageIdentifier: number; serialNumber: number; cellIds: string[]; transmittedAt: Date }>> {
    const rows = await this.ds.query(
      `SELECT submission_id, gateway_id, message_identifier, serial_number, cell_ids, transmitted_at FROM gateway_transmissions WHERE alert_id = $1 ORDER BY transmitted_at, submission_id`,
      [alertId],
    );
    return rows.map((r: any) => ({ submissionId: r.submission_id, gatewayId: r.gateway_id, messageIdentifier: r.message_identifier, serialNumber: r.serial_number, cellIds: r.cell_ids, transmittedAt: new Date(r.transmitted_at) }));
  }

  async recordKill(k: KillRecord): Promise<void> {
    await this.ds.query(
      `INSERT INTO broadcasts (submission_id, kind, alert_id, message_id, gateway_id, route_id, message_identifier, serial_number, dcs, cell_count, repetition, transmitted_at, companion_message_identifier)
       VALUES ($1, 'kill', $2, NULL, $3, $4, $5, $6, NULL, $7, NULL, $8, $9) ON CONFLICT (submission_id) DO NOTHING`,
      [k.killId, k.alertId, k.gatewayId, k.routeId, k.messageIdentifier, k.serialNumber, k.cellCount, k.killedAt, k.companionMessageIdentifier ?? null],
    );
  }
}
