import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Alert, BatchRef, DeliveryObserver } from '@faro/alerts';
import type { FaroConfig } from '@faro/config';
import { QUEUES } from '@faro/queue';
import type { CellReceipt } from '@faro/uplink';
import { CONFIG } from './tokens';

const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

// The worker's Prometheus metrics (prom-client) and /health/live, served on 127.0.0.1:WORKER_METRICS_PORT only:
// the loopback keeps them off the network without a credential (docs/architecture.md, "Metrics").
@Injectable()
export class WorkerMetrics implements DeliveryObserver, OnApplicationBootstrap, OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly log = new Logger('metrics');
  private server: Server | undefined;
  private readonly jobDuration = new Histogram({
    name: 'faro_job_duration_seconds',
    help: 'Time a job ran in the worker, by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly jobWait = new Histogram({
    name: 'faro_job_wait_seconds',
    help: 'Time a job waited in its queue before a worker took it, by queue',
    labelNames: ['queue'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'faro_cell_deliveries_total',
    help: 'Cell receipts from the uplink gateways, by route and receipt state',
    labelNames: ['route', 'state'],
    registers: [this.registry],
  });
  private readonly uplinkErrors = new Counter({
    name: 'faro_uplink_errors_total',
    help: 'Failed uplink job attempts, by gateway and error code',
    labelNames: ['gateway', 'code'],
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'faro_uplink_rate_limited_total',
    help: "Uplink jobs put off because their gateway's rate was reached (Faro's own budget, or the gateway's 429), by gateway",
    labelNames: ['gateway'],
    registers: [this.registry],
  });
  private readonly routeUp = new Gauge({
    name: 'faro_uplink_route_up',
    help: "1 while the route's gateway answers its heartbeat, 0 once it has been silent for UPLINK_LIVENESS_TIMEOUT_MS (UPLINK_MODE=network)",
    labelNames: ['gateway'],
    registers: [this.registry],
  });
  private readonly routeDowns = new Counter({
    name: 'faro_uplink_route_down_total',
    help: 'Times a route was marked down for a silent gateway',
    labelNames: ['gateway'],
    registers: [this.registry],
  });
  private readonly releaseToOnAir = new Histogram({
    name: 'faro_release_to_on_air_seconds',
    help: 'From an alert\'s release to every batch of it on air (state active)',
    buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  constructor(
    @Inject(CONFIG) private readonly config: FaroConfig,
    @Inject(getQueueToken(QUEUES.fanout)) fanout: Queue,
    @Inject(getQueueToken(QUEUES.uplink)) uplink: Queue,
    @Inject(getQueueToken(QUEUES.push)) push: Queue,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'faro_worker_' });
    const queues = [fanout, uplink, push];
    new Gauge({
      name: 'faro_queue_depth',
      help: 'Jobs in each queue by state, read from the queue backend at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const q of queues) {
          const counts = await q.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.WORKER_METRICS_PORT;
    if (port === undefined) return;
    this.server = createServer((req, res) => {
      // Liveness for docker-compose's healthcheck: the process answers.
      if (req.method === 'GET' && req.url === '/health/live') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', pid: process.pid }));
        return;
      }
      if (req.method !== 'GET' || req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${e.message}`),
      );
    });
    await new Promise<void>((ok, fail) => this.server!.once('error', fail).listen(port, '127.0.0.1', ok));
    this.log.log(`worker metrics on http://127.0.0.1:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  jobFinished(queue: string, job: Job, outcome: 'completed' | 'failed'): void {
    if (job.processedOn === undefined) return;
    this.jobWait.observe({ queue }, Math.max(0, job.processedOn - job.timestamp) / 1000);
    this.jobDuration.observe({ queue, job: job.name, outcome }, Math.max(0, (job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
  }

  routeState(gatewayId: string, state: 'up' | 'down', changed: boolean): void {
    this.routeUp.set({ gateway: gatewayId }, state === 'up' ? 1 : 0);
    if (changed && state === 'down') this.routeDowns.inc({ gateway: gatewayId });
  }

  uplinkError(gatewayId: string, code: string | undefined): void {
    this.uplinkErrors.inc({ gateway: gatewayId, code: code ?? 'error' });
  }

  uplinkRateLimited(gatewayId: string): void {
    this.rateLimited.inc({ gateway: gatewayId });
  }

  receipts(ref: BatchRef, receipts: CellReceipt[]): void {
    const byState = new Map<string, number>();
    for (const r of receipts) byState.set(r.status, (byState.get(r.status) ?? 0) + 1);
    for (const [state, n] of byState) this.deliveries.inc({ route: ref.routeId, state }, n);
  }

  alertOnAir(alert: Alert, at: Date): void {
    if (alert.releasedAt) this.releaseToOnAir.observe(Math.max(0, at.getTime() - alert.releasedAt.getTime()) / 1000);
  }
}
