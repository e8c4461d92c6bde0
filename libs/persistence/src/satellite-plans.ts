import type { DataSource } from 'typeorm';
import { reachOf, type BroadcastPlanStore, type CellCoverageFacts, type CoveragePage, type CoverageSource, type PlannedStretch, type SatelliteReach, type SkyPlan, type UnservedReason } from '@faro/alerts';
import { copyRows } from './copy-rows';
import { inTransaction } from './in-transaction';

// The satellite broadcast plans made at release (satellite_plans, satellite_plan_cells,
// satellite_plan_unserved) and the coverage read that joins them with the deliveries and with
// what the uplink recorded transmitting (gateway_transmissions).
export class SqlSatellitePlans implements BroadcastPlanStore, CoverageSource {
  constructor(private readonly ds: DataSource) {}

  async hasPlan(alertId: string): Promise<boolean> {
    return (await this.ds.query(`SELECT 1 FROM satellite_plans WHERE alert_id = $1`, [alertId])).length > 0;
  }

  async savePlan(alertId: string, cellCount: number, plan: SkyPlan): Promise<void> {
    await inTransaction(this.ds, async (q) => {
      const taken = await q.query(
        `INSERT INTO satellite_plans (alert_id, starts_at, ends_at, deadline, repetition_seconds, sky_offset_ms, cell_count, unserved_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (alert_id) DO NOTHING RETURNING alert_id`,
        [alertId, plan.start, plan.end, plan.deadline, plan.repetitionSeconds, plan.skyOffsetMs, cellCount, plan.unserved.length],
      );
      // Another worker stored it first: the same alert gives the same plan.
      if (taken.length === 0) return;
      const client = await q.connect();
      const seq = new Map<string, number>();
      await copyRows(
        client,
        'satellite_plan_cells',
        ['alert_id', 'cell_id', 'seq', 'kind', 'satellite_id', 'gateway_id', 'missed_reason', 'from_at', 'until_at', 'repetitions'],
        (function* () {
          for (const s of plan.stretches) {
            const n = seq.get(s.cellId) ?? 0;
            seq.set(s.cellId, n + 1);
            yield s.kind === 'route'
              ? [alertId, s.cellId, n, 'route', s.satelliteId, s.gatewayId, null, s.from.toISOString(), s.until.toISOString(), s.repetitions]
              : [alertId, s.cellId, n, 'missed', null, null, s.reason, s.from.toISOString(), s.until.toISOString(), s.repetitions];
          }
        })(),
      );
      await copyRows(client, 'satellite_plan_unserved', ['alert_id', 'cell_id', 'reason'], plan.unserved.map((u) => [alertId, u.cellId, u.reason]));
    });
  }

  async planSummary(alertId: string): Promise<SatelliteReach | null> {
    const [plan] = await this.ds.query(`SELECT deadline, cell_count FROM satellite_plans WHERE alert_id = $1`, [alertId]);
    if (!plan) return null;
    const unserved = await this.ds.query(`SELECT cell_id AS "cellId", reason FROM satellite_plan_unserved WHERE alert_id = $1`, [alertId]);
    return reachOf(plan.cell_count, new Date(plan.deadline), unserved, 'planned');
  }

  async plan(alertId: string): Promise<CoveragePage['plan']> {
    const [p] = await this.ds.query(`SELECT * FROM satellite_plans WHERE alert_id = $1`, [alertId]);
    if (!p) return null;
    return {
      start: new Date(p.starts_at),
      end: new Date(p.ends_at),
      deadline: new Date(p.deadline),
      repetitionSeconds: p.repetition_seconds,
      skyOffsetMs: Number(p.sky_offset_ms),
      cells: p.cell_count,
      unserved: p.unserved_count,
    };
  }

  // A page of the alert's cells: every cell it was delivered to (one row per language there,
  // the worst state wins), and the cells of its plan, in id order.
  async cells(alertId: string, after: string | null, limit: number): Promise<CellCoverageFacts[]> {
    const rows: Array<{ cell_id: string; route_id: string | null; status: string | null; reason: string | null; kind: string | null }> = await this.ds.query(
      `WITH targeted AS (
         SELECT cell_id, min(route_id) AS route_id,
                (array_agg(status ORDER BY array_position(ARRAY['failed','rejected','queued','killed','broadcasting'], status)))[1] AS status,
                (array_agg(reason ORDER BY array_position(ARRAY['failed','rejected','queued','killed','broadcasting'], status)))[1] AS reason
           FROM deliveries WHERE alert_id = $1 AND ($2::text IS NULL OR cell_id > $2) GROUP BY cell_id
         UNION ALL
         SELECT DISTINCT p.cell_id, NULL, NULL, NULL FROM satellite_plan_cells p
          WHERE p.alert_id = $1 AND ($2::text IS NULL OR p.cell_id > $2)
            AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.alert_id = $1 AND d.cell_id = p.cell_id)
       )
       SELECT t.cell_id, t.route_id, t.status, t.reason, c.kind FROM targeted t LEFT JOIN cells c ON c.id = t.cell_id
        ORDER BY t.cell_id LIMIT $3`,
      [alertId, after, limit],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.cell_id);
    const stretches: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT cell_id, kind, satellite_id, gateway_id, missed_reason, from_at, until_at, repetitions FROM satellite_plan_cells
        WHERE alert_id = $1 AND cell_id = ANY($2) ORDER BY cell_id, seq`,
      [alertId, ids],
    );
    const unserved: Array<{ cell_id: string; reason: UnservedReason }> = await this.ds.query(
      `SELECT cell_id, reason FROM satellite_plan_unserved WHERE alert_id = $1 AND cell_id = ANY($2)`,
      [alertId, ids],
    );
    const sent: Array<{ cell_id: string; gateway_id: string; transmitted_at: Date; satellite_id: string | null; known: boolean | null }> = await this.ds.query(
      `SELECT cell AS cell_id, t.gateway_id, t.transmitted_at, t.satellites ->> cell AS satellite_id, t.satellites ? cell AS known FROM gateway_transmissions t, unnest(t.cell_ids) AS cell
        WHERE t.alert_id = $1 AND cell = ANY($2) ORDER BY t.transmitted_at`,
      [alertId, ids],
    );
    const planOf = group(stretches, (s) => s.cell_id as string);
    const sentTo = group(sent, (s) => s.cell_id);
    const verdict = new Map(unserved.map((u) => [u.cell_id, u.reason]));
    return rows.map((r) => ({
      cellId: r.cell_id,
      kind: r.kind === 'terrestrial' ? 'terrestrial' : r.kind === 'satellite' || r.cell_id.startsWith('S-') ? 'satellite' : 'terrestrial',
      routeId: r.route_id ?? '',
      deliveryStatus: r.status ?? 'planned',
      deliveryReason: r.reason,
      planned: (planOf.get(r.cell_id) ?? []).map(stretchOf),
      planUnserved: verdict.get(r.cell_id) ?? null,
      transmitted: (sentTo.get(r.cell_id) ?? []).map((s) => ({ gatewayId: s.gateway_id, at: new Date(s.transmitted_at), ...(s.known ? { satelliteId: s.satellite_id } : {}) })),
    }));
  }
}

function stretchOf(s: Record<string, unknown>): PlannedStretch {
  const common = { cellId: s.cell_id as string, from: new Date(s.from_at as string), until: new Date(s.until_at as string), repetitions: s.repetitions as number };
  return s.kind === 'route'
    ? { ...common, kind: 'route', satelliteId: s.satellite_id as string, gatewayId: s.gateway_id as string }
    : { ...common, kind: 'missed', reason: s.missed_reason as UnservedReason };
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
