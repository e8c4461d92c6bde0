import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { SqlMetricsViews, SqlOutbox } from '@faro/persistence';

// The API's Prometheus metrics (prom-client): its own HTTP latency, and what PostgreSQL says of
// the fan-out at scrape time (so the figures hold across every worker). The worker serves its
// job, queue and uplink metrics itself (apps/worker/src/worker-metrics.ts).
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly http = new Histogram({
    name: 'faro_http_request_duration_seconds',
    help: 'API request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(views: SqlMetricsViews, outbox: SqlOutbox) {
    collectDefaultMetrics({ register: this.registry, prefix: 'faro_api_' });
    new Gauge({
      name: 'faro_deliveries',
      help: 'Cell deliveries of the alerts released in the last 24 h, by route and state',
      labelNames: ['route', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const d of await views.recentDeliveries()) this.set({ route: d.routeId, state: d.state }, d.count);
      },
    });
    new Gauge({
      name: 'faro_gateway_batches',
      help: 'Uplink batches per gateway: pending now, and failed for good in the last hour',
      labelNames: ['gateway', 'state'],
      registers: [this.registry],
      async collect() {
        for (const g of await views.gatewayBatches()) {
          this.set({ gateway: g.gatewayId, state: 'pending' }, g.pending);
          this.set({ gateway: g.gatewayId, state: 'failed_last_hour' }, g.failedLastHour);
        }
      },
    });
    new Gauge({
      name: 'faro_outbox_oldest_age_seconds',
      help: 'Age of the oldest outbox entry not yet dispatched to the queue (0 when none waits)',
      registers: [this.registry],
      async collect() {
        this.set(((await outbox.oldestUndispatchedAgeMs()) ?? 0) / 1000);
      },
    });
  }

  // Every answer, by its route's template (never the raw URL: ids would explode the series).
  observeHttp(app: NestFastifyApplication): void {
    app.getHttpAdapter().getInstance().addHook('onResponse', (req, reply, done) => {
      const route = req.routeOptions?.url ?? 'unmatched';
      this.http.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }
}
