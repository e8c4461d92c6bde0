import type { DataSource } from 'typeorm';

export interface RouteDeliveries {
  routeId: string;
  state: string;
  count: number;
}

export interface GatewayBatches {
  gatewayId: string;
  pending: number;
  failedLastHour: number;
}

// What Prometheus reads from PostgreSQL at scrape time (apps/api metrics): bounded to recent
// alerts so that a scrape stays cheap however long the deliveries table grows.
export class SqlMetricsViews {
  constructor(private readonly ds: DataSource) {}

  // Deliveries of the alerts released in the last 24 h, by route and state.
  async recentDeliveries(): Promise<RouteDeliveries[]> {
    const rows = await this.ds.query(
      `SELECT d.route_id, d.status, count(*)::int AS n FROM deliveries d
        WHERE d.alert_id IN (SELECT id FROM alerts WHERE released_at > now() - interval '24 hours')
        GROUP BY d.route_id, d.status`,
    );
    return rows.map((r: any) => ({ routeId: r.route_id, state: r.status, count: r.n }));
  }

  async gatewayBatches(): Promise<GatewayBatches[]> {
    const rows = await this.ds.query(
      `SELECT g.id,
              (SELECT count(*)::int FROM fanout_batches f WHERE f.gateway_id = g.id AND f.status = 'pending') AS pending,
              (SELECT count(*)::int FROM fanout_batches f WHERE f.gateway_id = g.id AND f.status = 'failed' AND f.updated_at > now() - interval '1 hour') AS failed
         FROM gateways g ORDER BY g.id`,
    );
    return rows.map((r: any) => ({ gatewayId: r.id, pending: r.pending, failedLastHour: r.failed }));
  }
}
