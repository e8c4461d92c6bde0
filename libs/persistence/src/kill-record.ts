import type { DataSource } from 'typeorm';

// One cell of the cancelled alert, one message (language) on it, as the Cancel left it.
export interface KilledCell {
  cellId: string;
  messageIdentifier: number;
  serialNumber: number;
  // killed: on air, then stopped by the gateway; withdrawn: its batch was dropped before any
  // transmission; on-air: the kill has not (yet) stopped it; queued: its batch is still in flight.
  outcome: 'killed' | 'withdrawn' | 'on-air' | 'queued';
  reason: string | null;
  at: string;
}

export interface RouteKills {
  routeId: string;
  gatewayId: string;
  killBatches: { pending: number; done: number; failed: number; errors: string[] };
  counts: Record<KilledCell['outcome'], number>;
  // What the gateway acknowledged killing (the uplink's own record), per message.
  transmissions: Array<{ messageIdentifier: number; serialNumber: number; cells: number; at: string }>;
  cells: KilledCell[];
}

export interface KillRecord {
  alertId: string;
  target: string | null;
  state: string;
  counts: Record<KilledCell['outcome'], number>;
  routes: RouteKills[];
}

const zero = (): Record<KilledCell['outcome'], number> => ({ killed: 0, withdrawn: 0, 'on-air': 0, queued: 0 });

// What a Cancel did, per route and cell: read from the target's deliveries (the state of each
// cell), the Cancel's kill batches and the kills the gateways recorded (broadcasts, kind kill).
export class SqlKillRecord {
  constructor(private readonly ds: DataSource) {}

  async forCancel(cancel: { id: string; state: string; referencesAlertId: string | null }): Promise<KillRecord> {
    const record: KillRecord = { alertId: cancel.id, target: cancel.referencesAlertId, state: cancel.state, counts: zero(), routes: [] };
    const target = cancel.referencesAlertId;
    if (!target) return record;
    const routes = new Map<string, RouteKills>();
    const route = (routeId: string, gatewayId: string) => {
      let r = routes.get(routeId);
      if (!r) {
        r = { routeId, gatewayId, killBatches: { pending: 0, done: 0, failed: 0, errors: [] }, counts: zero(), transmissions: [], cells: [] };
        routes.set(routeId, r);
      }
      return r;
    };
    // Cells the target put on air or meant to, except those a gateway refused or that failed:
    // they never reached the air, so there was nothing to kill.
    const cells = await this.ds.query(
      `SELECT d.route_id, fb.gateway_id, d.cell_id, d.message_identifier, d.serial_number, d.status, d.reason, d.updated_at
         FROM deliveries d JOIN fanout_batches fb ON fb.alert_id = d.alert_id AND fb.route_id = d.route_id AND fb.batch = d.batch
        WHERE d.alert_id = $1 AND (d.status IN ('broadcasting', 'queued') OR (d.status = 'killed' AND d.reason LIKE 'cancelled%'))
        ORDER BY d.route_id, d.cell_id, d.message_identifier`,
      [target],
    );
    for (const c of cells) {
      const outcome: KilledCell['outcome'] =
        c.status === 'killed' ? (c.reason === 'cancelled' ? 'killed' : 'withdrawn') : c.status === 'broadcasting' ? 'on-air' : 'queued';
      const r = route(c.route_id, c.gateway_id);
      r.cells.push({ cellId: c.cell_id, messageIdentifier: c.message_identifier, serialNumber: c.serial_number, outcome, reason: c.reason, at: new Date(c.updated_at).toISOString() });
      r.counts[outcome]++;
      record.counts[outcome]++;
    }
    const batches = await this.ds.query(
      `SELECT route_id, gateway_id, status, count(*)::int AS n, array_remove(array_agg(DISTINCT last_error), NULL) AS errors
         FROM fanout_batches WHERE alert_id = $1 AND kind = 'kill' GROUP BY route_id, gateway_id, status`,
      [cancel.id],
    );
    for (const b of batches) {
      const r = route(b.route_id, b.gateway_id);
      r.killBatches[b.status as 'pending' | 'done' | 'failed'] += b.n;
      r.killBatches.errors.push(...b.errors);
    }
    // Kill ids start with the Cancel's id (DeliverBatch), which tells its kills from an Update's.
    const sent = await this.ds.query(
      `SELECT route_id, gateway_id, message_identifier, serial_number, sum(cell_count)::int AS cells, max(transmitted_at) AS at
         FROM broadcasts WHERE alert_id = $1 AND kind = 'kill' AND starts_with(submission_id, $2 || ':')
        GROUP BY route_id, gateway_id, message_identifier, serial_number ORDER BY route_id, message_identifier`,
      [target, cancel.id],
    );
    for (const s of sent) {
      route(s.route_id, s.gateway_id).transmissions.push({ messageIdentifier: s.message_identifier, serialNumber: s.serial_number, cells: s.cells, at: new Date(s.at).toISOString() });
    }
    record.routes = [...routes.values()].sort((a, b) => a.routeId.localeCompare(b.routeId));
    return record;
  }
}
