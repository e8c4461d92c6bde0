import type { DataSource } from 'typeorm';
import { fanoutPriority, prioritiseBatches, type BatchRef, type QueuedBatch } from '@faro/alerts';
import { batchRefFromRow } from './batch-ref-row';
import { returnedRows } from './update-result';

export interface OutboxEntry {
  id: number;
  kind: string;
  alertId: string;
  // How many times it has been dispatched, this time included.
  dispatchCount: number;
}

// The relay's view of the outbox: entries never dispatched, or dispatched so long ago
// with no completion that the queue may have lost them.
export class SqlOutbox {
  constructor(private readonly ds: DataSource) {}

  async claimDue(staleMs: number, limit = 100): Promise<OutboxEntry[]> {
    const rows = await this.ds.query(
      `UPDATE outbox SET dispatched_at = now(), dispatch_count = dispatch_count + 1
        WHERE id IN (
          SELECT id FROM outbox
           WHERE completed_at IS NULL AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $1::double precision / 1000))
           ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, alert_id, dispatch_count`,
      [staleMs, limit],
    );
    const list = returnedRows(rows);
    return list.map((r: any) => ({ id: Number(r.id), kind: r.kind, alertId: r.alert_id, dispatchCount: Number(r.dispatch_count) }));
  }

  // How long the oldest entry no relay has dispatched has waited, in ms; null when none waits.
  // Readiness reads it: a growing age means no worker is moving the outbox onto the queue.
  async oldestUndispatchedAgeMs(): Promise<number | null> {
    const rows = await this.ds.query(
      `SELECT (extract(epoch FROM now() - created_at) * 1000)::bigint AS age_ms FROM outbox
        WHERE completed_at IS NULL AND dispatched_at IS NULL ORDER BY id LIMIT 1`,
    );
    return rows.length ? Math.max(0, Number(rows[0].age_ms)) : null;
  }

  // Batches still pending long after they were last touched: their job may be lost.
  // Touching them here spaces out the re-enqueues; a job still queued is deduplicated by id.
  // A claimed batch of an alert since cancelled or replaced comes back too: its job drops it,
  // and the kill waiting for it can run. So does one whose deliveries its claim writes (an alert
  // that expired while its job was lost): its job writes its cells as not transmitted, so that
  // every targeted cell has its row.
  // Each comes with the priority its first job had (libs/alerts batch-priority.ts): ranked among all
  // of its alert's batches, which are read for that.
  async stalePendingBatches(staleMs: number, limit = 2000): Promise<Array<{ alertId: string; batches: QueuedBatch[] }>> {
    const rows = await this.ds.query(
      `UPDATE fanout_batches fb SET updated_at = now()
         FROM alerts a
        WHERE a.id = fb.alert_id AND (a.state IN ('broadcasting', 'killing') OR fb.claimed_at IS NOT NULL OR fb.cell_ids IS NOT NULL) AND fb.status = 'pending'
          AND fb.updated_at < now() - make_interval(secs => $1::double precision / 1000)
          AND (fb.alert_id, fb.route_id, fb.batch) IN (
            SELECT alert_id, route_id, batch FROM fanout_batches
             WHERE status = 'pending' AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
             LIMIT $2)
        RETURNING fb.alert_id, fb.route_id, fb.batch, fb.kind, fb.gateway_id, fb.target_batch, a.cap_status, a.severity, a.level1`,
      [staleMs, limit],
    );
    const list = returnedRows<any>(rows);
    const byAlert = new Map<string, { tier: number; stale: BatchRef[] }>();
    for (const r of list) {
      let g = byAlert.get(r.alert_id);
      if (!g) {
        g = { tier: fanoutPriority({ capStatus: r.cap_status, severity: r.severity, level1: r.level1 }), stale: [] };
        byAlert.set(r.alert_id, g);
      }
      g.stale.push(batchRefFromRow(r));
    }
    if (byAlert.size === 0) return [];
    const all = await this.ds.query(
      `SELECT alert_id, route_id, batch, kind, gateway_id, target_batch FROM fanout_batches WHERE alert_id = ANY($1::uuid[])`,
      [[...byAlert.keys()]],
    );
    const allOf = new Map<string, BatchRef[]>();
    for (const r of all) {
      const refs = allOf.get(r.alert_id) ?? [];
      refs.push(batchRefFromRow(r));
      allOf.set(r.alert_id, refs);
    }
    return [...byAlert].map(([alertId, g]) => ({ alertId, batches: prioritiseBatches(g.tier, allOf.get(alertId) ?? [], g.stale) }));
  }
}
