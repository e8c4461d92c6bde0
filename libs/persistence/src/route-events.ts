import type { DataSource } from 'typeorm';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';
import { returnedRows } from './update-result';

// The uplink routes' liveness as the trail records it: each change of a route (its gateway went
// silent, or answered again) is one audit entry, which the audit listing, the console and web
// push can show like any other.
export class SqlRouteEvents {
  constructor(private readonly ds: DataSource) {}

  async gatewayIds(): Promise<string[]> {
    return (await this.ds.query(`SELECT id FROM gateways ORDER BY id`)).map((r: { id: string }) => r.id);
  }

  // Recorded once however many workers saw it: the first to move the route's stored state writes
  // the audit entry (and so the web push); false for the others, and for a state already stored.
  async routeChanged(e: { gatewayId: string; state: 'up' | 'down'; at: Date; lastHeardAt: Date; workerId: string }): Promise<boolean> {
    return inTransaction(this.ds, async (q) => {
      const changed = returnedRows(
        await q.query(
          // A route never recorded is up: its first 'up' is no change.
          `UPDATE gateways SET route_state = $2, route_state_since = $3 WHERE id = $1 AND coalesce(route_state, 'up') <> $2 RETURNING id`,
          [e.gatewayId, e.state, e.at],
        ),
      );
      if (changed.length === 0) return false;
      await appendAudit(
        q,
        {
          actor: 'system:uplink-liveness',
          action: e.state === 'down' ? 'uplink.route-down' : 'uplink.route-up',
          subjectType: 'gateway',
          subjectId: e.gatewayId,
          details: { lastHeardAt: e.lastHeardAt.toISOString(), silentForMs: e.at.getTime() - e.lastHeardAt.getTime(), observedBy: e.workerId },
        },
        e.at,
      );
      return true;
    });
  }

  // The boot id a gateway's heartbeat named, kept across worker restarts: the previous one, and
  // whether this call recorded a change (only one worker records each; null previous: first heard).
  async observeBoot(gatewayId: string, bootId: string, at: Date): Promise<{ previous: string | null; changed: boolean }> {
    const rows = await this.ds.query(
      `WITH old AS (SELECT boot_id FROM gateways WHERE id = $1 FOR UPDATE)
       UPDATE gateways g SET boot_id = $2, boot_seen_at = $3 FROM old
        WHERE g.id = $1 AND old.boot_id IS DISTINCT FROM $2
       RETURNING old.boot_id AS previous`,
      [gatewayId, bootId, at],
    );
    const r = returnedRows(rows)[0] as { previous: string | null } | undefined;
    return r ? { previous: r.previous, changed: true } : { previous: bootId, changed: false };
  }

  // A down satellite gateway's batches moved to others (FailoverRoute), or a returned gateway told to stop them.
  async routeFailedOver(e: { gatewayId: string; moved: Array<{ alertId: string; to: string; status: string }>; stranded: number; cellsCarried: number; failed: number; at: Date; workerId: string }): Promise<void> {
    const alertIds = [...new Set(e.moved.map((m) => m.alertId))];
    const to: Record<string, number> = {};
    for (const m of e.moved) to[m.to] = (to[m.to] ?? 0) + 1;
    await inTransaction(this.ds, (q) =>
      appendAudit(
        q,
        {
          actor: 'system:uplink-liveness',
          action: 'uplink.route-failover',
          subjectType: 'gateway',
          subjectId: e.gatewayId,
          details: { batches: e.moved.length, pending: e.moved.filter((m) => m.status === 'pending').length, to, alerts: alertIds.length, alertIds: alertIds.slice(0, 100), cellsCarried: e.cellsCarried, stranded: e.stranded, failed: e.failed, observedBy: e.workerId },
        },
        e.at,
      ),
    );
  }

  async routeSettled(e: { gatewayId: string; moves: number; cellsStopped: number; restartedEmpty: boolean; at: Date; workerId: string }): Promise<void> {
    await inTransaction(this.ds, (q) =>
      appendAudit(
        q,
        {
          actor: 'system:uplink-liveness',
          action: 'uplink.route-settled',
          subjectType: 'gateway',
          subjectId: e.gatewayId,
          details: { moves: e.moves, cellsStopped: e.cellsStopped, restartedEmpty: e.restartedEmpty, observedBy: e.workerId },
        },
        e.at,
      ),
    );
  }

  // A gateway that came back with a new boot id (it restarted empty) got back what was still due.
  // bootId null: a terrestrial CBC, found empty by reasserting over ECBE (it names no boot).
  async routeRecovered(e: { gatewayId: string; bootId: string | null; previousBootId: string | null; alerts: string[]; cells: number; submissions: number; failed: number; at: Date; workerId: string; via?: 'boot-id' | 'ecbe-reassert' }): Promise<void> {
    await inTransaction(this.ds, (q) =>
      appendAudit(
        q,
        {
          actor: 'system:uplink-liveness',
          action: 'uplink.route-recovered',
          subjectType: 'gateway',
          subjectId: e.gatewayId,
          details: { via: e.via ?? 'boot-id', bootId: e.bootId, previousBootId: e.previousBootId, alerts: e.alerts.length, alertIds: e.alerts.slice(0, 100), cells: e.cells, submissions: e.submissions, failed: e.failed, observedBy: e.workerId },
        },
        e.at,
      ),
    );
  }
}
