import type { DataSource } from 'typeorm';
import type { ReportPeriod, StatisticsFact, StatisticsSource } from '@faro/reports';

// What the console's statistics count (libs/reports alert-statistics.ts): one lean row per alert
// created within the period in the given jurisdictions (a range of the alerts_created index); a
// year of a busy territory is thousands of rows, counted in the lib.
export class SqlStatisticsSource implements StatisticsSource {
  constructor(private readonly ds: DataSource) {}

  async alertsCreatedIn(period: ReportPeriod, jurisdictionIds: readonly string[]): Promise<StatisticsFact[]> {
    const rows = await this.ds.query(
      `SELECT id, msg_type, cap_status, hazard, severity, urgency, certainty, jurisdiction_id, created_at
         FROM alerts WHERE created_at >= $1 AND created_at < $2 AND jurisdiction_id = ANY($3::text[])`,
      [period.from, period.to, jurisdictionIds],
    );
    return rows.map((r: Record<string, any>) => ({
      id: r.id,
      msgType: r.msg_type,
      capStatus: r.cap_status,
      hazard: r.hazard,
      severity: r.severity,
      urgency: r.urgency,
      certainty: r.certainty,
      jurisdictionId: r.jurisdiction_id,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
