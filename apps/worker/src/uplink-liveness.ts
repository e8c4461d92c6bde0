import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RestoreRoute } from '@faro/alerts';
import type { FaroConfig } from '@faro/config';
import { SqlRouteEvents } from '@faro/persistence';
import { GatewayBoots, NetworkUplink, RouteLiveness, type UplinkPort } from '@faro/uplink';
import { CONFIG, UPLINK } from './tokens';
import { WorkerMetrics } from './worker-metrics';

// Each route's heartbeat (UPLINK_MODE=network): every UPLINK_HEARTBEAT_MS the worker asks every
// registered gateway for GET …/heartbeat, waiting at most one interval; a gateway that has not
// answered for UPLINK_LIVENESS_TIMEOUT_MS is marked down at the next tick, so within timeout +
// interval (8 + 2 s by default). A change is logged, audited (uplink.route-down / -up) and
// shown in faro_uplink_route_up. Every worker watches on its own, so with several workers each
// change is recorded once per worker (observedBy says which).
//
// Recovery (issue 14): each heartbeat names the gateway's boot id. A route back up under the same
// id kept what it had on air: nothing is sent again. A new id means the gateway restarted empty:
// RestoreRoute re-submits every alert still due on air in that gateway's cells, under ids of the
// new boot (the gateway deduplicates them, so several workers or a retry put it on air once), and
// it is audited uplink.route-recovered. A re-submission that fails is tried again at the next
// ticks under the same ids. Failover (moving work to another gateway) is not done here.
@Injectable()
export class UplinkLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('uplink-liveness');
  private readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private liveness?: RouteLiveness;
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private readonly boots = new GatewayBoots();
  // Gateways restarted empty whose re-submission is due (or failed), with their new boot and the one before.
  private readonly toRestore = new Map<string, { bootId: string; previousBootId: string | null; seenAt: Date }>();
  private readonly restoring = new Set<string>();

  constructor(
    @Inject(UPLINK) private readonly uplink: UplinkPort,
    @Inject(CONFIG) private readonly config: FaroConfig,
    private readonly events: SqlRouteEvents,
    private readonly metrics: WorkerMetrics,
    private readonly restore: RestoreRoute,
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
      else this.log.log({ gatewayId: change.gatewayId }, `route ${change.gatewayId} is up again; unless its boot id changed it kept what it had on air, and nothing is sent again`);
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
            ({ bootId }) => {
              liveness.heard(id, new Date());
              const previousBootId = this.boots.bootOf(id) ?? null;
              if (this.boots.observe(id, bootId) === 'restarted') {
                this.log.warn({ gatewayId: id, bootId, previousBootId }, `gateway ${id} restarted empty (boot ${previousBootId} → ${bootId}): its alerts still due go on air again`);
                this.toRestore.set(id, { bootId: bootId as string, previousBootId, seenAt: new Date() });
              }
            },
            () => undefined,
          ),
        ),
      );
      for (const [id, boot] of this.toRestore) if (!this.restoring.has(id)) void this.recover(id, boot);
    } catch (e) {
      this.log.warn(`heartbeats not sent: ${(e as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  // Apart from the tick: sealing and submitting a national alert's cells must not delay heartbeats.
  private async recover(gatewayId: string, boot: { bootId: string; previousBootId: string | null; seenAt: Date }): Promise<void> {
    this.restoring.add(gatewayId);
    try {
      const out = await this.restore.run(gatewayId, boot.bootId, boot.seenAt, (alertId, e) =>
        this.log.warn({ gatewayId, alertId, bootId: boot.bootId, err: (e as Error).message }, `alert ${alertId} not yet back on air on ${gatewayId}; tried again at the next tick`),
      );
      for (const alertId of out.alerts) this.log.log({ gatewayId, alertId, bootId: boot.bootId }, `alert ${alertId} put on air again on ${gatewayId} after its restart`);
      // A newer restart seen meanwhile keeps its own entry.
      if (out.failed === 0 && this.toRestore.get(gatewayId)?.bootId === boot.bootId) this.toRestore.delete(gatewayId);
      if (out.failed === 0) {
        await this.events.routeRecovered({ gatewayId, bootId: boot.bootId, previousBootId: boot.previousBootId, ...out, at: new Date(), workerId: this.workerId });
      }
    } catch (e) {
      this.log.warn({ gatewayId, err: (e as Error).message }, `recovery of ${gatewayId} not done; tried again at the next tick`);
    } finally {
      this.restoring.delete(gatewayId);
    }
  }
}
