import type { Provider, Type } from '@nestjs/common';
import { VerifyAuditTrail } from '@faro/audit';
import { randomUUID } from 'node:crypto';
import { Database, SqlReportJobs, SqlReportSource, SqlStatisticsSource } from '@faro/persistence';
import { jurisdictionCatalog } from '@faro/jurisdictions';
import { BuildAlertReport, BuildAlertStatistics, BuildPeriodReport, catalogTerritory, ReadReportJob, RequestPeriodReport, type TerritoryPort } from '@faro/reports';
import { BoundaryCatalog } from '@faro/targeting';
import { ReportJobsController } from './report-jobs.controller';
import { ReportStatisticsController } from './report-statistics.controller';
import { ReportsController } from './reports.controller';

const TERRITORY = 'ReportTerritory';

// What the reports area adds to the API module.
export const reportsControllers: Type<unknown>[] = [ReportsController, ReportJobsController, ReportStatisticsController];
export const reportsProviders: Provider[] = [
  { provide: SqlReportSource, inject: [Database, BoundaryCatalog], useFactory: (ds: Database, b: BoundaryCatalog) => new SqlReportSource(ds, b) },
  { provide: TERRITORY, inject: [BoundaryCatalog], useFactory: (b: BoundaryCatalog) => catalogTerritory(b) },
  { provide: BuildAlertReport, inject: [SqlReportSource, TERRITORY, VerifyAuditTrail], useFactory: (s: SqlReportSource, t: TerritoryPort, v: VerifyAuditTrail) => new BuildAlertReport(s, t, v) },
  { provide: SqlReportJobs, inject: [Database], useFactory: (ds: Database) => new SqlReportJobs(ds) },
  { provide: RequestPeriodReport, inject: [SqlReportJobs], useFactory: (j: SqlReportJobs) => new RequestPeriodReport(j, randomUUID) },
  { provide: ReadReportJob, inject: [SqlReportJobs, TERRITORY], useFactory: (j: SqlReportJobs, t: TerritoryPort) => new ReadReportJob(j, t) },
  {
    provide: BuildAlertStatistics,
    inject: [Database, TERRITORY, BoundaryCatalog],
    useFactory: (ds: Database, t: TerritoryPort, b: BoundaryCatalog) => {
      const jurisdictions = jurisdictionCatalog(b);
      return new BuildAlertStatistics(new SqlStatisticsSource(ds), t, { get: (id) => (jurisdictions.has(id) ? jurisdictions.get(id) : null) });
    },
  },
  { provide: BuildPeriodReport, inject: [SqlReportSource, TERRITORY], useFactory: (s: SqlReportSource, t: TerritoryPort) => new BuildPeriodReport(s, t) },
];
