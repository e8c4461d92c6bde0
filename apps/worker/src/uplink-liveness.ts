import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { FaroConfig } from '@faro/config';
import { SqlRouteEvents } from '@faro/persistence';
import { NetworkUplink, RouteLiveness, type UplinkPort } from '@faro/uplink';
import { CONFIG, UPLINK } from './tokens';
import { WorkerMetrics } from './worker-metrics';

// Each route's heartbeat (UPLINK_MODE=network): every UPLINK_HEARTBEAT_MS the worker asks every
// registered gateway for GET …/heartbeat, waiting at most one interval; a gateway that has not
// answered for UPLINK_LIVENESS_TIMEOUT_MS is marked down at the next tick, so within timeout +
// interval (8 + 2 s by default). A change is logged, audited (uplink.route-down / -up) and
// shown in faro_uplink_route_up. Every worker watches on its own, so with several workers each
// change is recorded once per worker (observedBy says which).
@Injectable()
export class UplinkLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('uplink-liveness');
  private readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private liveness?: RouteLiveness;
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    @Inject(UPLINK) private readonly uplink: UplinkPort,
    @Inject(CONFIG) private readonly config: FaroConfig,
    private readonly events: SqlRouteEvents,
    private readonly metrics: WorkerMetrics,
  ) {}

  onApplicationBootstrap(): void {
    // The simulator inside the worker has no network route to lose.
    if (!(this.uplink instanceof NetworkUplink)) return;
    this.liveness = new RouteLiveness(this.config.UPLINK_LIVENESS_TIMEOUT_MS, [], new Date());
    this.timer = setInterval(() => void this.tick(), this.config.UPLINK_HEARTBEAT_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    const liveness = this.liveness as RouteLiveness;
    const uplink = this.uplink as NetworkUplink;
    const now = new Date();
    // The evaluation never waits on a heartbeat: a silent gateway must not delay its own verdict.
    for (const change of liveness.changes(now)) {
      const silentForMs = change.at.getTime() - change.lastHeardAt.getTime();
      if (change.state === 'down') this.log.warn({ gatewayId: change.gatewayId, silentForMs }, `route ${change.gatewayId} is down: no heartbeat for ${silentForMs} ms`);
      else this.log.log({ gatewayId: change.gatewayId }, `route ${change.gatewayId} is up again`);
      this.metrics.routeState(change.gatewayId, change.state, true);
      this.events.routeChanged({ ...change, workerId: this.workerId }).catch((e) => this.log.warn(`route change of ${change.gatewayId} not audited: ${(e as Error).message}`));
    }
    if (this.ticking) return;
    this.ticking = true;
    try {
      const ids = await this.events.gatewayIds();
      for (const id of ids) {
        if (!liveness.watched().includes(id)) this.metrics.routeState(id, 'up', false);
        liveness.watch(id, now);
      }
      await Promise.all(
        ids.map((id) =>
          uplink.heartbeat(id, this.config.UPLINK_HEARTBEAT_MS).then(
            () => liveness.heard(id, new Date()),
            () => undefined,
          ),
        ),
      );
    } catch (e) {
      this.log.warn(`heartbeats not sent: ${(e as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }
}
