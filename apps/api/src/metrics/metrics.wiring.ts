import type { Provider, Type } from '@nestjs/common';
import { Database, SqlMetricsViews, SqlOutbox } from '@faro/persistence';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

// What Prometheus metrics add to the API module (the latency hook: main.ts).
export const metricsControllers: Type<unknown>[] = [MetricsController];
export const metricsProviders: Provider[] = [
  { provide: SqlMetricsViews, inject: [Database], useFactory: (ds: Database) => new SqlMetricsViews(ds) },
  { provide: ApiMetrics, inject: [SqlMetricsViews, SqlOutbox], useFactory: (v: SqlMetricsViews, o: SqlOutbox) => new ApiMetrics(v, o) },
];
