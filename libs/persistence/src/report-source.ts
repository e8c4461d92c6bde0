import type { DataSource } from 'typeorm';
import type {
  AlertFact,
  AuditFact,
  CellOutcomeFact,
  ChainHead,
  MapFacts,
  MessageFact,
  Polygon,
  ReportPeriod,
  ReportSource,
  ReportView,
  SensorActivityFact,
} from '@faro/reports';
import { jurisdictionCatalog } from '@faro/jurisdictions';
import { type AreaGeometry, type AreaSpec, areasToGeometries, type BoundaryCatalog } from '@faro/targeting';
import type { Queryable } from './audit-log';
import { sealPendingAudit } from './audit-sealing';

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const polygons = (g: AreaGeometry): Polygon[] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

const ALERT_SELECT = `
  SELECT a.id, a.incident_id, a.root_alert_id, a.references_alert_id, a.msg_type, a.cap_status, a.state, a.hazard, a.severity,
         a.urgency, a.certainty, a.jurisdiction_id, coalesce(a.languages->0->>'headline', a.languages->0->>'text', '') AS headline,
         a.created_at, a.released_at, i.received_at, a.areas, a.targeting
    FROM alerts a JOIN incidents i ON i.id = a.incident_id`;

function alertFromRow(r: any): AlertFact {
  const t = r.targeting;
  return {
    id: r.id,
    incidentId: r.incident_id,
    rootAlertId: r.root_alert_id,
    referencesAlertId: r.references_alert_id,
    msgType: r.msg_type,
    capStatus: r.cap_status,
    state: r.state,
    hazard: r.hazard,
    severity: r.severity,
    urgency: r.urgency,
    certainty: r.certainty,
    jurisdictionId: r.jurisdiction_id,
    headline: r.headline,
    createdAt: iso(r.created_at)!,
    releasedAt: iso(r.released_at),
    incidentReceivedAt: iso(r.received_at)!,
    areas: r.areas,
    targeting: t
      ? { requestedAreaKm2: t.requestedAreaKm2, coveredAreaKm2: t.coveredAreaKm2, overshootKm2: t.overshootKm2, uncoveredKm2: t.uncoveredKm2, residentPopulation: t.residentPopulation }
      : null,
  };
}

/**
 * The reports' reads (libs/reports ReportSource). Every report runs in one read-only
 * REPEATABLE READ transaction: the chain head it states and every figure come from one snapshot,
 * so entries appended while it runs are in neither.
 */
export class SqlReportSource implements ReportSource {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: BoundaryCatalog,
  ) {}

  // What was committed before the report was asked for is sealed first: the chain head the
  // report states covers it.
  async snapshot<T>(work: (view: ReportView) => Promise<T>): Promise<T> {
    await sealPendingAudit(this.ds);
    return this.ds.transaction('REPEATABLE READ', async (em) => {
      await em.query('SET TRANSACTION READ ONLY');
      return work(new SqlReportView(em, this.catalog));
    });
  }
}

class SqlReportView implements ReportView {
  constructor(
    private readonly q: Queryable,
    private readonly catalog: BoundaryCatalog,
  ) {}

  async chainHead(): Promise<ChainHead | null> {
    const [last] = await this.q.query(`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
    return last ? { seq: Number(last.seq), hash: last.hash } : null;
  }

  async alert(id: string): Promise<AlertFact | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [r] = await this.q.query(`${ALERT_SELECT} WHERE a.id = $1`, [id]);
    return r ? alertFromRow(r) : null;
  }

  async alertsIn(period: ReportPeriod, jurisdictionIds: readonly string[]): Promise<AlertFact[]> {
    const rows = await this.q.query(`${ALERT_SELECT} WHERE a.created_at >= $1 AND a.created_at < $2 AND a.jurisdiction_id = ANY($3::text[]) ORDER BY a.created_at, a.id`, [
      period.from,
      period.to,
      jurisdictionIds,
    ]);
    return rows.map(alertFromRow);
  }

  async chainOf(rootAlertId: string): Promise<AlertFact[]> {
    return (await this.q.query(`${ALERT_SELECT} WHERE a.root_alert_id = $1 ORDER BY a.created_at, a.id`, [rootAlertId])).map(alertFromRow);
  }

  async messages(alertId: string): Promise<MessageFact[]> {
    // A message's language is the primary subtag of the alert's (libs/alerts composeBroadcast).
    const rows = await this.q.query(
      `SELECT m.language, m.alphabet, m.characters, m.page_count, m.key_id, m.created_at, l->>'headline' AS headline, coalesce(l->>'text', '') AS text
         FROM messages m JOIN alerts a ON a.id = m.alert_id
         LEFT JOIN LATERAL (SELECT l FROM jsonb_array_elements(a.languages) l WHERE lower(split_part(replace(l->>'language', '_', '-'), '-', 1)) = m.language LIMIT 1) t ON true
        WHERE m.alert_id = $1 AND m.kind = 'alert' ORDER BY m.language`,
      [alertId],
    );
    return rows.map((r: any) => ({ language: r.language, headline: r.headline ?? null, text: r.text, alphabet: r.alphabet, characters: r.characters, pageCount: r.page_count, keyId: Number(r.key_id), signedAt: iso(r.created_at)! }));
  }

  // A delivery was on air when its batch's transmission is recorded (submission id
  // `<message>:<route>:<batch>`, libs/alerts DeliverBatch) and the uplink did not reject it: it
  // is broadcasting, or was killed after going out.
  async cellOutcomes(alertId: string): Promise<CellOutcomeFact[]> {
    const rows = await this.q.query(
      `SELECT d.route_id, min(f.gateway_id) AS gateway_id, d.cell_id,
              min(b.transmitted_at) FILTER (WHERE d.status IN ('broadcasting', 'killed')) AS on_air_at,
              bool_or(d.status IN ('failed', 'rejected')) AS failed,
              string_agg(DISTINCT coalesce(d.reason, d.status), '; ') FILTER (WHERE d.status IN ('failed', 'rejected')) AS failure_reason,
              string_agg(DISTINCT coalesce(d.reason, d.status), '; ') FILTER (WHERE d.status IN ('queued', 'killed')) AS pending_reason
         FROM deliveries d
         JOIN fanout_batches f ON f.alert_id = d.alert_id AND f.route_id = d.route_id AND f.batch = d.batch
         LEFT JOIN broadcasts b ON b.kind = 'broadcast' AND b.submission_id = d.message_id::text || ':' || d.route_id || ':' || d.batch
        WHERE d.alert_id = $1
        GROUP BY d.route_id, d.cell_id
        ORDER BY d.route_id, d.cell_id`,
      [alertId],
    );
    return rows.map((r: any) => ({
      routeId: r.route_id,
      gatewayId: r.gateway_id,
      cellId: r.cell_id,
      onAirAt: iso(r.on_air_at),
      failed: r.failed,
      failureReason: r.failure_reason,
      pendingReason: r.pending_reason,
    }));
  }

  async auditOf(subjectIds: readonly string[], upToSeq: number): Promise<AuditFact[]> {
    return this.audit(`l.subject_id = ANY($1::text[]) AND l.seq <= $2`, [subjectIds, upToSeq]);
  }

  // Visibility as in SqlAuditTrail.entries: the subject or the acting user belongs to the
  // territory; platform-wide entries (keys, the KEK) only for national readers.
  async auditActions(actions: readonly string[], period: ReportPeriod, upToSeq: number, scope: { jurisdictionIds: readonly string[]; national: boolean }): Promise<AuditFact[]> {
    return this.audit(
      `l.action = ANY($1::text[]) AND l.at >= $2 AND l.at < $3 AND l.seq <= $4
       AND ($6 OR (l.subject_type = 'alert' AND EXISTS (SELECT 1 FROM alerts a WHERE a.id::text = l.subject_id AND a.jurisdiction_id = ANY($5::text[])))
           OR (l.subject_type = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id::text = l.subject_id AND u.jurisdiction_id = ANY($5::text[])))
           OR (l.subject_type = 'sensor' AND EXISTS (SELECT 1 FROM sensors s WHERE s.id::text = l.subject_id AND s.jurisdiction_id = ANY($5::text[])))
           OR (l.subject_type = 'group' AND EXISTS (SELECT 1 FROM audience_groups g WHERE g.id = l.subject_id AND g.jurisdiction_id = ANY($5::text[])))
           OR (l.actor LIKE 'user:%' AND EXISTS (SELECT 1 FROM users u WHERE 'user:' || u.id::text = l.actor AND u.jurisdiction_id = ANY($5::text[]))))`,
      [actions, period.from, period.to, upToSeq, scope.jurisdictionIds, scope.national],
    );
  }

  private async audit(where: string, params: unknown[]): Promise<AuditFact[]> {
    const rows = await this.q.query(
      `SELECT l.seq, l.at, l.actor, l.action, l.subject_type, l.subject_id, l.details, l.hash,
              coalesce(u.display_name, s.name) AS actor_name
         FROM audit_log l
         LEFT JOIN users u ON l.actor = 'user:' || u.id::text
         LEFT JOIN sensors s ON l.actor = 'sensor:' || s.id::text
        WHERE ${where}
        ORDER BY l.seq`,
      params,
    );
    return rows.map((r: any) => ({
      seq: Number(r.seq),
      at: iso(r.at)!,
      actor: r.actor,
      actorName: r.actor_name ?? null,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      details: r.details,
      hash: r.hash,
    }));
  }

  async sensorActivity(period: ReportPeriod, jurisdictionIds: readonly string[]): Promise<SensorActivityFact[]> {
    const rows = await this.q.query(
      `SELECT s.id, s.name, s.jurisdiction_id,
              (SELECT count(*)::int FROM incidents i WHERE i.sensor_id = s.id AND i.received_at >= $1 AND i.received_at < $2) AS incidents
         FROM sensors s WHERE s.jurisdiction_id = ANY($3::text[]) ORDER BY s.name, s.id`,
      [period.from, period.to, jurisdictionIds],
    );
    return rows.map((r: any) => ({ sensorId: r.id, name: r.name, jurisdictionId: r.jurisdiction_id, incidents: r.incidents }));
  }

  async map(alertId: string): Promise<MapFacts> {
    const [a] = await this.q.query(`SELECT areas, jurisdiction_id FROM alerts WHERE id = $1`, [alertId]);
    if (!a) return { areas: [], context: [], cells: [] };
    const specs = (a.areas as Array<{ spec: AreaSpec }>).map((x) => x.spec);
    let areas: Polygon[] = [];
    try {
      areas = areasToGeometries(specs, this.catalog).flatMap(polygons);
    } catch {
      // An area the catalog no longer draws: the map shows the cells alone.
    }
    const j = jurisdictionCatalog(this.catalog).list().find((x) => x.id === a.jurisdiction_id);
    const context = j?.geocode ? polygons(this.catalog.resolve(j.geocode.scheme, j.geocode.code).geometry) : [];
    const cells = await this.q.query(
      `SELECT DISTINCT c.id, c.route_id, c.coverage::text AS coverage FROM deliveries d JOIN cells c ON c.id = d.cell_id WHERE d.alert_id = $1 ORDER BY c.id`,
      [alertId],
    );
    return { areas, context, cells: cells.map((c: any) => ({ cellId: c.id, routeId: c.route_id, coverage: polygons(JSON.parse(c.coverage)) })) };
  }
}
