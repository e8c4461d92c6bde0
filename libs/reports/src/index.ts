export { BuildAlertReport } from './alert-report';
export type { AlertReport, RouteDelivery, TimelineEvent } from './alert-report';
export { BuildPeriodReport, assertPeriod, KEY_ROTATIONS, MAX_PERIOD_MS, REFUSED_ACTIONS, STATUS_CLASSES, WEBHOOK_REFUSED } from './period-report';
export type { CauseCount, PeriodAlertRow, PeriodProgress, PeriodReport, StatusClass } from './period-report';
export { FAILURE_CAUSES, failureCause } from './failure-cause';
export type { FailureCause } from './failure-cause';
export { alertStatistics, BuildAlertStatistics, STATISTICS_DIMENSIONS, territoryFigureOf } from './alert-statistics';
export type { AlertStatistics, JurisdictionLookup, StatisticsBar, StatisticsDimension, StatisticsFact, StatisticsFigure, StatisticsSource } from './alert-statistics';
export { bucketFor, bucketsOf, bucketStart } from './statistics-buckets';
export type { StatisticsBucket } from './statistics-buckets';
export { catalogTerritory } from './catalog-territory';
export { cellOutcome } from './cell-outcome';
export type { CellOutcome } from './cell-outcome';
export { deliveryProgress, MILESTONES } from './delivery-progress';
export type { DeliveryProgress } from './delivery-progress';
export { durationStats } from './duration-stats';
export type { DurationStats } from './duration-stats';
export { alertReportFigures, FIGURE_COLUMNS, periodReportFigures } from './report-figures';
export type { ReportFigure } from './report-figures';
export { csvSafeText, reportCsv } from './report-csv';
export { ReportError } from './report-error';
export type { ReportErrorCode } from './report-error';
export type {
  AlertFact,
  AuditFact,
  CapStatus,
  CellOutcomeFact,
  ChainHead,
  ChainVerifier,
  MapFacts,
  MessageFact,
  Polygon,
  ReportPeriod,
  ReportSource,
  ReportView,
  SensorActivityFact,
  TerritoryPort,
} from './report-facts';
export { alertReportPdf, periodReportPdf } from './pdf/report-pdf';
export { deliveryChartSvg } from './pdf/delivery-chart';
export { ReadReportJob, renderPeriodReport, RequestPeriodReport, RunPeriodReport } from './report-jobs';
export type { ReportFormat, ReportJobRecord, ReportJobStatus, ReportJobStore } from './report-jobs';
