// GET /api/v1/reports/statistics, as the console reads it (apps/api reports.schemas.ts statisticsSchema).

export interface StatisticsFigure {
  key: string;
  label?: string;
  count: number;
  /** The alert listing's query for exactly these alerts. */
  query: string;
}

export interface StatisticsBar {
  from: string;
  to: string;
  count: number;
  byStatus: Record<string, number>;
  query: string;
}

export const DIMENSIONS = ['hazard', 'status', 'severity', 'urgency', 'certainty', 'msgType', 'territory'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Statistics {
  period: { from: string; to: string };
  territory: { id: string; name: string };
  bucket: 'day' | 'week' | 'month';
  total: number;
  query: string;
  by: Record<Dimension, StatisticsFigure[]>;
  overTime: StatisticsBar[];
}

export interface ReportJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  format: 'json' | 'csv' | 'pdf';
  error: string | null;
  links: { self: string; file: string };
}
