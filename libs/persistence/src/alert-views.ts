import type { DataSource } from 'typeorm';

export interface DeliveryProgress {
  total: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, Record<string, number>>;
  failedBatches: Array<{ routeId: string; batch: number; attempts: number; error: string | null }>;
  batches: { pending: number; done: number; failed: number };
  // Fan-outs that failed for good (e.g. no signing key could be opened).
  fanoutErrors: string[];
  // The first transmission to any cell (a kill, for a Cancel); the last one once no batch is
  // pending any more: when the alert was first on air, and when its fan-out completed.
  firstOnAirAt: string | null;
  completedAt: string | null;
}

export interface BroadcastRecord {
  messageId: string;
  // 'companion': the FS2 signature of the alert message on signsMessageIdentifier, listed right
  // after it; it went on air in the same submissions, so to the same cells at the same times.
  kind: 'alert' | 'companion';
  signsMessageIdentifier: number | null;
  language: string;
  routeId: string;
  gatewayId: string;
  messageIdentifier: number;
  serialNumber: number;
  dataCodingScheme: number;
  pages: string[];
  pagesOnAir: string[] | null;
  audience: string;
  groupKeyId: number | null;
  keyId: string;
  issueTime: number;
  signature: string;
  warningAreaCoordinates: string;
  status: string;
  cells: number;
  submissions: number;
  firstTransmittedAt: string;
  lastTransmittedAt: string;
}

// Read models for the alert view and the broadcast record.
export class SqlAlertViews {
  constructor(private readonly ds: DataSource) {}

  async deliveryProgress(alertId: string): Promise<DeliveryProgress> {
    // A batch no job has claimed yet has no delivery rows (its claim writes them): its cells count
    // as queued, once per alert message, read in the same statement so a claim is never counted
    // twice or missed.
    const rows = await this.ds.query(
      `SELECT route_id, status, sum(n)::int AS n FROM (
         SELECT route_id, status, count(*) AS n FROM deliveries WHERE alert_id = $1 GROUP BY route_id, status
         UNION ALL
         SELECT fb.route_id, 'queued', fb.cell_count * (SELECT count(*) FROM messages m WHERE m.alert_id = $1 AND m.kind = 'alert')
           FROM fanout_batches fb
          WHERE fb.alert_id = $1 AND fb.kind = 'broadcast' AND fb.status = 'pending' AND fb.claimed_at IS NULL AND fb.cell_ids IS NOT NULL
       ) t GROUP BY route_id, status`,
      [alertId],
    );
    const byStatus: Record<string, number> = {};
    const byRoute: Record<string, Record<string, number>> = {};
    let total = 0;
    for (const r of rows) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
      (byRoute[r.route_id] ??= {})[r.status] = r.n;
      total += r.n;
    }
    const batches = await this.ds.query(`SELECT status, count(*)::int AS n FROM fanout_batches WHERE alert_id = $1 GROUP BY status`, [alertId]);
    const failed = await this.ds.query(
      `SELECT route_id, batch, attempts, last_error FROM fanout_batches WHERE alert_id = $1 AND status = 'failed' ORDER BY route_id, batch LIMIT 100`,
      [alertId],
    );
    const count = (s: string) => batches.find((b: any) => b.status === s)?.n ?? 0;
    const errors = await this.ds.query(`SELECT error FROM outbox WHERE alert_id = $1 AND error IS NOT NULL ORDER BY id`, [alertId]);
    const [air] = await this.ds.query(`SELECT min(transmitted_at) AS first_at, max(transmitted_at) AS last_at FROM broadcasts WHERE alert_id = $1`, [alertId]);
    const finished = batches.length > 0 && count('pending') === 0;
    return {
      total,
      byStatus,
      byRoute,
      failedBatches: failed.map((f: any) => ({ routeId: f.route_id, batch: f.batch, attempts: f.attempts, error: f.last_error })),
      batches: { pending: count('pending'), done: count('done'), failed: count('failed') },
      fanoutErrors: errors.map((r: any) => r.error),
      firstOnAirAt: air?.first_at ? new Date(air.first_at).toISOString() : null,
      completedAt: finished && air?.last_at ? new Date(air.last_at).toISOString() : null,
    };
  }

  async broadcasts(alertId: string): Promise<BroadcastRecord[]> {
    const rows = await this.ds.query(
      `SELECT m.id AS message_id, m.language, b.route_id, b.gateway_id, m.message_identifier, m.serial_number, m.dcs, m.pages, m.key_id,
              m.issue_time, m.signature, m.warning_area_coordinates, m.group_key_id, a.state, a.audience_group_id,
              (SELECT o.pages FROM broadcasts o WHERE o.message_id = m.id AND o.route_id = b.route_id AND o.kind = 'broadcast'
                ORDER BY o.id LIMIT 1) AS pages_on_air,
              (SELECT o.companion_pages FROM broadcasts o WHERE o.message_id = m.id AND o.route_id = b.route_id AND o.kind = 'broadcast'
                ORDER BY o.id LIMIT 1) AS companion_pages_on_air,
              c.id AS companion_id, c.message_identifier AS companion_message_identifier, c.dcs AS companion_dcs, c.pages AS companion_pages,
              sum(b.cell_count)::int AS cells, count(*)::int AS submissions, min(b.transmitted_at) AS first_at, max(b.transmitted_at) AS last_at
         FROM broadcasts b JOIN messages m ON m.id = b.message_id JOIN alerts a ON a.id = m.alert_id
              LEFT JOIN messages c ON c.signs_message_id = m.id
        WHERE b.alert_id = $1 AND b.kind = 'broadcast'
        GROUP BY m.id, c.id, b.route_id, b.gateway_id, a.state, a.audience_group_id
        ORDER BY m.message_identifier, m.language, b.route_id`,
      [alertId],
    );
    return rows.flatMap((r: any) => {
      const alert: BroadcastRecord = {
        messageId: r.message_id,
        kind: 'alert',
        signsMessageIdentifier: null,
        language: r.language,
        routeId: r.route_id,
        gatewayId: r.gateway_id,
        messageIdentifier: r.message_identifier,
        serialNumber: r.serial_number,
        dataCodingScheme: r.dcs,
        pages: r.pages,
        // As the gateway opened them from the seal and put them on air.
        pagesOnAir: r.pages_on_air,
        audience: r.audience_group_id ?? 'public',
        groupKeyId: r.group_key_id === null ? null : Number(r.group_key_id),
        keyId: Number(r.key_id).toString(16).padStart(8, '0'),
        issueTime: Number(r.issue_time),
        signature: r.signature,
        warningAreaCoordinates: r.warning_area_coordinates,
        status: r.state === 'cancelled' ? 'killed' : r.state === 'cancelling' ? 'being-killed' : r.state === 'expired' ? 'ended' : r.state === 'updated' ? 'replaced' : 'on-air',
        cells: r.cells,
        submissions: r.submissions,
        firstTransmittedAt: new Date(r.first_at).toISOString(),
        lastTransmittedAt: new Date(r.last_at).toISOString(),
      };
      if (!r.companion_id) return [alert];
      const companion: BroadcastRecord = {
        ...alert,
        messageId: r.companion_id,
        kind: 'companion',
        signsMessageIdentifier: r.message_identifier,
        messageIdentifier: r.companion_message_identifier,
        dataCodingScheme: r.companion_dcs,
        pages: r.companion_pages,
        pagesOnAir: r.companion_pages_on_air,
      };
      return [alert, companion];
    });
  }
}
