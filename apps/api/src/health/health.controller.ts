import { Controller, Get, Inject, ServiceUnavailableException, type OnApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { FaroConfig } from '@faro/config';
import { Database, SqlMetricsViews, SqlOutbox, SqlWorkerHeartbeats, databaseAnswers } from '@faro/persistence';
import { QueueBackendProbe } from '@faro/queue';
import { Public } from '../auth/public.decorator';
import { HttpEdgeError } from '../http/http-error';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { CONFIG } from '../tokens';
import { healthSchema } from './health.schemas';

// A worker that has not beaten for three of its 5 s heartbeats is dead or frozen.
const WORKER_STALE_SECONDS = 15;

// For people and orchestrators: /health/live (the process answers), /health (live and its
// database answers: what `npm start` and the tests wait for), /health/ready (it can do its job:
// the database, the queue backend, at least one live worker, an uplink gateway that has not
// failed for good in the last hour, and an outbox whose oldest undispatched entry is younger than
// OUTBOX_READY_MAX_AGE_MS). 503 with the failing parts.
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private readonly queue: QueueBackendProbe;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly ds: Database,
    private readonly workers: SqlWorkerHeartbeats,
    private readonly outbox: SqlOutbox,
    private readonly gateways: SqlMetricsViews,
    @Inject(CONFIG) private readonly config: FaroConfig,
  ) {
    this.queue = new QueueBackendProbe(config.REDIS_URL);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }

  @Get()
  @ApiOperation({ summary: 'The API answers and reaches PostgreSQL' })
  @ApiJson(200, healthSchema)
  @ApiProblems(503)
  check() {
    return this.checked([() => this.postgres()]);
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the API process answers (restart it when this fails)' })
  @ApiJson(200, healthSchema)
  @ApiProblems(503)
  live() {
    return this.checked([async () => this.indicators.check('api').up({ pid: process.pid })]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL, the queue backend, a live worker, a working uplink route and a moving outbox (send traffic only when this is up)' })
  @ApiJson(200, healthSchema)
  @ApiProblems(503)
  ready() {
    return this.checked([
      () => this.postgres(),
      async () => {
        const indicator = this.indicators.check('queue');
        const r = await this.queue.probe(await databaseAnswers(this.ds).then(() => true, () => false));
        return r.up ? indicator.up({ backend: r.detail }) : indicator.down({ message: r.detail });
      },
      async () => {
        const indicator = this.indicators.check('worker');
        try {
          const w = await this.workers.live(WORKER_STALE_SECONDS);
          const detail = { live: w.count, lastHeartbeatSecondsAgo: w.newestAgeSeconds };
          return w.count > 0 ? indicator.up(detail) : indicator.down({ ...detail, message: `no worker heartbeat within ${WORKER_STALE_SECONDS} s` });
        } catch (e) {
          return indicator.down({ message: (e as Error).message });
        }
      },
      async () => {
        // Some route must be able to carry an alert: a registered gateway that has not failed
        // a batch for good within the last hour.
        const indicator = this.indicators.check('uplink');
        try {
          const all = await this.gateways.gatewayBatches();
          const failing = all.filter((g) => g.failedLastHour > 0).map((g) => g.gatewayId);
          const detail = { gateways: all.length, failingLastHour: failing };
          if (all.length === 0) return indicator.down({ ...detail, message: 'no uplink gateway registered' });
          return failing.length < all.length ? indicator.up(detail) : indicator.down({ ...detail, message: `every gateway failed a batch within the last hour: ${failing.join(', ')}` });
        } catch (e) {
          return indicator.down({ message: (e as Error).message });
        }
      },
      async () => {
        const indicator = this.indicators.check('outbox');
        const bound = this.config.OUTBOX_READY_MAX_AGE_MS;
        try {
          const age = await this.outbox.oldestUndispatchedAgeMs();
          const detail = { oldestUndispatchedAgeMs: age, maxAgeMs: bound };
          return age === null || age <= bound ? indicator.up(detail) : indicator.down({ ...detail, message: `oldest undispatched entry waited ${age} ms, over ${bound} ms` });
        } catch (e) {
          return indicator.down({ message: (e as Error).message });
        }
      },
    ]);
  }

  // Terminus answers a failed check with a 503 exception; it becomes a problem naming each part down.
  private async checked(indicators: HealthIndicatorFunction[]) {
    try {
      return await this.health.check(indicators);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      const result = e.getResponse() as { error?: Record<string, { message?: string }> };
      const down = Object.entries(result.error ?? {}).map(([part, d]) => `${part}${d.message ? ` (${d.message})` : ''}`);
      throw new HttpEdgeError('server/unavailable', `Not ready: ${down.join(', ')} down`);
    }
  }

  private async postgres() {
    const pg = this.indicators.check('postgres');
    try {
      await databaseAnswers(this.ds);
      return pg.up();
    } catch (e) {
      return pg.down({ message: (e as Error).message });
    }
  }
}
