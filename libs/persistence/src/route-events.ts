import type { DataSource } from 'typeorm';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';

// The uplink routes' liveness as the trail records it: each change of a route (its gateway went
// silent, or answered again) is one audit entry, which the audit listing, the console and web
// push can show like any other.
export class SqlRouteEvents {
  constructor(private readonly ds: DataSource) {}

  async gatewayIds(): Promise<string[]> {
    return (await this.ds.query(`SELECT id FROM gateways ORDER BY id`)).map((r: { id: string }) => r.id);
  }

  async routeChanged(e: { gatewayId: string; state: 'up' | 'down'; at: Date; lastHeardAt: Date; workerId: string }): Promise<void> {
    await inTransaction(this.ds, (q) =>
      appendAudit(
        q,
        {
          actor: 'system:uplink-liveness',
          action: e.state === 'down' ? 'uplink.route-down' : 'uplink.route-up',
          subjectType: 'gateway',
          subjectId: e.gatewayId,
          details: { lastHeardAt: e.lastHeardAt.toISOString(), silentForMs: e.at.getTime() - e.lastHeardAt.getTime(), observedBy: e.workerId },
        },
        e.at,
      ),
    );
  }

  // A gateway that came back with a new boot id (it restarted empty) got back what was still due.
  async routeRecovered(e: { gatewayId: string; bootId: string; previousBootId: string | null; alerts: string[]; cells: number; submissions: number; failed: number; at: Date; workerId: string }): Promise<void> {
    await inTransaction(this.ds, (q) =>
      appendAudit(
        q,
        {
          actor: 'system:uplink-liveness',
          action: 'uplink.route-recovered',
          subjectType: 'gateway',
          subjectId: e.gatewayId,
          details: { bootId: e.bootId, previousBootId: e.previousBootId, alerts: e.alerts.length, alertIds: e.alerts.slice(0, 100), cells: e.cells, submissions: e.submissions, failed: e.failed, observedBy: e.workerId },
        },
        e.at,
      ),
    );
  }
}
