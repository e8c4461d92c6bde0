import type { DataSource } from 'typeorm';
import { withinJurisdiction } from './alert-store';
import { ROUTE_ACTIONS, routeStatusOf, type RouteStatus } from '@faro/uplink';

// Read models for the operators' console (apps/console): what the dashboard stream shows besides
// the alerts themselves. Each query is scoped like every read, except the platform-wide figures
// (gateways, queue depth) that name no alert, incident or person.

export interface SensorIncidentView {
  id: string;
  sensorId: string;
  sensorName: string | null;
  hazard: string;
  alertId: string | null;
  receivedAt: string;
}

export interface GatewayView {
  id: string;
  kind: 'satellite' | 'terrestrial';
  lastTransmittedAt: string | null;
  pendingBatches: number;
  // Batches that gave up in the last hour: a gateway refusing work shows here first.
  failedLastHour: number;
  // Its route's liveness (UPLINK_MODE=network), from the last uplink.route-down / -up audited.
  route: RouteStatus;
}

export interface QueueDepth {
  outboxOpen: number;
  pendingBatches: number;
  failedBatchesLastHour: number;
}

export interface ActorName {
  ref: string;
  name: string;
}

export class SqlConsoleViews {
  constructor(private readonly ds: DataSource) {}

  async recentSensorIncidents(visibleTo: string, limit: number): Promise<SensorIncidentView[]> {
    const rows = await this.ds.query(
      `SELECT i.id, i.sensor_id, s.name AS sensor_name, i.hazard, i.alert_id, i.received_at
         FROM incidents i LEFT JOIN sensors s ON s.id = i.sensor_id
        WHERE i.sensor_id IS NOT NULL AND i.jurisdiction_id IN ${withinJurisdiction(1)}
        ORDER BY i.received_at DESC LIMIT $2`,
      [visibleTo, limit],
    );
    return rows.map((r: any) => ({ id: r.id, sensorId: r.sensor_id, sensorName: r.sensor_name, hazard: r.hazard, alertId: r.alert_id, receivedAt: new Date(r.received_at).toISOString() }));
  }

  async gateways(): Promise<GatewayView[]> {
    const rows = await this.ds.query(
      `SELECT g.id, g.kind,
              (SELECT max(transmitted_at) FROM broadcasts b WHERE b.gateway_id = g.id) AS last_at,
              (SELECT count(*)::int FROM fanout_batches f WHERE f.gateway_id = g.id AND f.status = 'pending') AS pending,
              (SELECT count(*)::int FROM fanout_batches f WHERE f.gateway_id = g.id AND f.status = 'failed' AND f.updated_at > now() - interval '1 hour') AS failed,
              r.action AS route_action, r.at AS route_at, r.details AS route_details
         FROM gateways g
         LEFT JOIN LATERAL (SELECT a.action, a.at, a.details FROM audit_log a
                             WHERE a.subject_id = g.id AND a.subject_type = 'gateway' AND a.action = ANY($1)
                             ORDER BY a.seq DESC NULLS FIRST, a.id DESC LIMIT 1) r ON true
        ORDER BY g.kind, g.id`,
      [ROUTE_ACTIONS],
    );
    return rows.map((r: any) => ({
      id: r.id,
      kind: r.kind,
      lastTransmittedAt: r.last_at ? new Date(r.last_at).toISOString() : null,
      pendingBatches: r.pending,
      failedLastHour: r.failed,
      route: routeStatusOf(r.route_action ? { action: r.route_action, at: new Date(r.route_at), details: r.route_details ?? {} } : null),
    }));
  }

  async queueDepth(): Promise<QueueDepth> {
    const [r] = await this.ds.query(
      `SELECT (SELECT count(*)::int FROM outbox WHERE completed_at IS NULL) AS outbox,
              (SELECT count(*)::int FROM fanout_batches WHERE status = 'pending') AS pending,
              (SELECT count(*)::int FROM fanout_batches WHERE status = 'failed' AND updated_at > now() - interval '1 hour') AS failed`,
    );
    return { outboxOpen: r.outbox, pendingBatches: r.pending, failedBatchesLastHour: r.failed };
  }

  // Display names for actor refs ('user:<id>', 'sensor:<id>'), for showing who drafted what.
  async actorNames(refs: string[]): Promise<ActorName[]> {
    const users = refs.filter((r) => r.startsWith('user:')).map((r) => r.slice(5));
    const sensors = refs.filter((r) => r.startsWith('sensor:')).map((r) => r.slice(7));
    const out: ActorName[] = [];
    if (users.length > 0) {
      const rows = await this.ds.query(`SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`, [users]);
      out.push(...rows.map((r: any) => ({ ref: `user:${r.id}`, name: r.display_name })));
    }
    if (sensors.length > 0) {
      const rows = await this.ds.query(`SELECT id, name FROM sensors WHERE id = ANY($1::uuid[])`, [sensors]);
      out.push(...rows.map((r: any) => ({ ref: `sensor:${r.id}`, name: r.name })));
    }
    return out;
  }

  async jurisdictionName(id: string): Promise<string | null> {
    const [r] = await this.ds.query(`SELECT name FROM jurisdictions WHERE id = $1`, [id]);
    return r?.name ?? null;
  }
}
