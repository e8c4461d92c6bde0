import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FailoverRoute, RestoreRoute, SettleReturnedRoute, stillOnAir } from '@faro/alerts';
import type { FaroConfig } from '@faro/config';
import { SqlAlertStore, SqlRouteEvents } from '@faro/persistence';
import { gatewayKindOf, GatewayBoots, NetworkUplink, RoutedUplink, RouteLiveness, type RouteChange, type UplinkPort } from '@faro/uplink';
import { CONFIG, UPLINK } from './tokens';
import { WorkerMetrics } from './worker-metrics';

// Each route's heartbeat (UPLINK_MODE=network): every UPLINK_HEARTBEAT_MS the worker asks every
// registered gateway for GET …/heartbeat, waiting at most one interval; a gateway that has not
// answered for UPLINK_LIVENESS_TIMEOUT_MS is marked down at the next tick, so within timeout +
// interval (8 + 2 s by default). Every worker watches on its own; a change is logged and shown in
// faro_uplink_route_up by each, but recorded (audited uplink.route-down / -up, and so pushed to
// the operators) once: by the first worker to move the route's stored state.
//
// Failover (issue 14): once a satellite gateway has been down for UPLINK_FAILOVER_GRACE_MS in this
// worker's view, every tick hands the batches it carries to gateways that have been up at least as
// long and reach the satellites serving those cells
// (FailoverRoute; a batch moves once whichever worker moves it), audited uplink.route-failover.
// When it answers again under the same boot id it kept what it had on air, so it is told to stop
// what moved away (SettleReturnedRoute, audited uplink.route-settled).
//
// Recovery: each heartbeat names the gateway's boot id, kept in PostgreSQL so that a restart while
// no worker ran is noticed too. A new id means the gateway restarted empty: RestoreRoute
// re-submits every alert still due on air in the cells it carries, under ids of the new boot (the
// gateway deduplicates them), audited uplink.route-recovered; only the worker that recorded the
// new id does it, and tries a failed re-submission again at the next ticks under the same ids.
//
// Terrestrial CBCs (ECBE) have no heartbeat and name no boot. Their liveness is a probe of their
// REST server each tick (EcbeCbcAdapter.probe: a GET, answered 404 by a server that is there),
// with the same timeout, route-down and -up events as the gateways; nothing fails over from a CBC
// (no other route reaches its cells). Each tick the worker also reasserts, on every CBC not down,
// what cbc_messages says it holds for alerts still on air, the same POST again. A CBC that kept
// the message answers 409 at once and nothing changes; one that restarted empty takes it, and it
// is on air again (audited uplink.route-recovered, via 'ecbe-reassert'). Cancelled, replaced and
// expired alerts are never reasserted.
@Injectable()
export class UplinkLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('uplink-liveness');
  private readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private liveness?: RouteLiveness;
  private timer?: NodeJS.Timeout;
  private ticking = false;
  // The boot id this worker last knew per gateway: PostgreSQL is asked only when it changes.
  private readonly boots = new GatewayBoots();
  // Gateways restarted empty whose re-submission is due (or failed), with their new boot and the one before.
  private readonly toRestore = new Map<string, { bootId: string; previousBootId: string | null; seenAt: Date }>();
  // Gateways heard since this worker started whose moved-away batches are to be settled.
  private readonly toSettle = new Set<string>();
  private readonly busy = new Set<string>();
  private readonly recording = new Map<string, Promise<void>>();
  private readonly heardOnce = new Set<string>();

  constructor(
    @Inject(UPLINK) private readonly uplink: UplinkPort,
    @Inject(CONFIG) private readonly config: FaroConfig,
    private readonly events: SqlRouteEvents,
    private readonly metrics: WorkerMetrics,
    private readonly restore: RestoreRoute,
    private readonly failover: FailoverRoute,
    private readonly settle: SettleReturnedRoute,
    private readonly alerts: SqlAlertStore,
  ) {}

  // The gateway protocol's client, whose gateways answer heartbeats.
  private get network(): NetworkUplink | undefined {
    if (this.uplink instanceof NetworkUplink) return this.uplink;
    if (this.uplink instanceof RoutedUplink && this.uplink.gatewayProtocol instanceof NetworkUplink) return this.uplink.gatewayProtocol;
    return undefined;
  }

  private isCbc(gatewayId: string): boolean {
    return this.uplink instanceof RoutedUplink && gatewayKindOf(gatewayId) === 'terrestrial';
  }

  onApplicationBootstrap(): void {
    // The simulator inside the worker has no network route to lose.
    if (!this.network) return;
    this.liveness = new RouteLiveness(this.config.UPLINK_LIVENESS_TIMEOUT_MS, [], new Date());
    this.timer = setInterval(() => void this.tick(), this.config.UPLINK_HEARTBEAT_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    const liveness = this.liveness as RouteLiveness;
    const uplink = this.network as NetworkUplink;
    const now = new Date();
    // The evaluation never waits on a heartbeat: a silent gateway must not delay its own verdict.
    for (const change of liveness.changes(now)) {
      const silentForMs = change.at.getTime() - change.lastHeardAt.getTime();
      const cbc = this.isCbc(change.gatewayId);
      if (change.state === 'down') this.log.warn({ gatewayId: change.gatewayId, silentForMs }, `route ${change.gatewayId} is down: no ${cbc ? 'answer to its probe' : 'heartbeat'} for ${silentForMs} ms`);
      else if (cbc) this.log.log({ gatewayId: change.gatewayId }, `route ${change.gatewayId} is up again; what it should hold is reasserted there`);
      else this.log.log({ gatewayId: change.gatewayId }, `route ${change.gatewayId} is up again; unless its boot id changed it kept what it had on air, and what moved away from it is stopped there`);
      this.metrics.routeState(change.gatewayId, change.state, true);
      if (change.state === 'up' && !cbc) this.toSettle.add(change.gatewayId);
      this.record(change);
    }
    if (this.ticking) return;
    this.ticking = true;
    try {
      const all = await this.events.gatewayIds();
      const cbcs = all.filter((g) => this.isCbc(g));
      for (const id of cbcs) if (liveness.stateOf(id) !== 'down') this.apart(`reassert:${id}`, () => this.reassert(id));
      const ids = all.filter((g) => !this.isCbc(g));
      for (const id of all) {
        if (!liveness.watched().includes(id)) {
          this.metrics.routeState(id, 'up', false);
          // Moves away from it recorded before this worker started are settled once it answers.
          if (!this.isCbc(id)) this.toSettle.add(id);
        }
        liveness.watch(id, now);
      }
      const terrestrial = (this.uplink as RoutedUplink).terrestrial;
      await Promise.all([
        ...ids.map((id) => uplink.heartbeat(id, this.config.UPLINK_HEARTBEAT_MS).then(({ bootId }) => this.heard(id, bootId), () => undefined)),
        ...cbcs.map((id) => terrestrial.probe(id, this.config.UPLINK_HEARTBEAT_MS).then(() => this.heard(id, undefined), () => undefined)),
      ]);
      const grace = this.config.UPLINK_FAILOVER_GRACE_MS;
      const steady = ids.filter((id) => liveness.steadily(id, 'up', grace, now));
      for (const [id, boot] of this.toRestore) this.apart(`restore:${id}`, () => this.recover(id, boot));
      this.apart('carry', () => this.carryPending());
      for (const id of ids) {
        if (liveness.steadily(id, 'down', grace, now)) this.apart(`failover:${id}`, () => this.failOver(id, steady));
        else if (this.toSettle.has(id) && !this.toRestore.has(id)) this.apart(`settle:${id}`, () => this.settleReturned(id));
      }
    } catch (e) {
      this.log.warn(`heartbeats not sent: ${(e as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  // One gateway's changes are written in the order they happened: an 'up' overtaking the 'down'
  // before it would leave the stored state down.
  private record(change: RouteChange): void {
    const previous = this.recording.get(change.gatewayId) ?? Promise.resolve();
    const next = previous
      .then(() => this.events.routeChanged({ ...change, workerId: this.workerId }))
      .then(
        () => undefined,
        (e) => this.log.warn(`route change of ${change.gatewayId} not audited: ${(e as Error).message}`),
      );
    this.recording.set(change.gatewayId, next);
  }

  private async heard(gatewayId: string, bootId: string | undefined): Promise<void> {
    const at = new Date();
    this.liveness!.heard(gatewayId, at);
    // The first answer this worker hears: a route stored down by a worker gone since is up again.
    if (!this.heardOnce.has(gatewayId)) {
      this.heardOnce.add(gatewayId);
      this.record({ gatewayId, state: 'up', at, lastHeardAt: at });
    }
    if (!bootId || this.boots.bootOf(gatewayId) === bootId) return;
    const seenAt = new Date();
    const { previous, changed } = await this.events.observeBoot(gatewayId, bootId, seenAt);
    this.boots.observe(gatewayId, bootId);
    // Only the worker that recorded the new id restores; the first id ever heard is only learnt.
    if (!changed || previous === null) return;
    this.log.warn({ gatewayId, bootId, previousBootId: previous }, `gateway ${gatewayId} restarted empty (boot ${previous} → ${bootId}): its alerts still due go on air again`);
    this.toRestore.set(gatewayId, { bootId, previousBootId: previous, seenAt });
  }

  // Apart from the tick: sealing and submitting a national alert's cells must not delay heartbeats.
  // One such task per key at a time.
  private apart(key: string, task: () => Promise<void>): void {
    if (this.busy.has(key)) return;
    this.busy.add(key);
    task()
      .catch((e) => this.log.warn({ task: key, err: (e as Error).message }, `${key} not done; tried again at the next tick`))
      .finally(() => this.busy.delete(key));
  }

  // A CBC holds a POST up to 15 s: apart from the tick, like a recovery.
  private async reassert(cbcId: string): Promise<void> {
    const due = async (alertId: string) => {
      const alert = await this.alerts.findAlert(alertId);
      return alert !== null && stillOnAir(alert, new Date());
    };
    const out = await (this.uplink as RoutedUplink).terrestrial.reassert(cbcId, due);
    for (const f of out.failed) this.log.warn({ gatewayId: cbcId, alertId: f.alertId, err: f.reason }, `alert ${f.alertId} not reasserted on ${cbcId}; tried again at the next tick`);
    if (out.restored.length === 0) return;
    const alerts = [...new Set(out.restored.map((r) => r.alertId))];
    for (const alertId of alerts) this.log.warn({ gatewayId: cbcId, alertId }, `alert ${alertId} put on air again on ${cbcId}: the CBC no longer held it (a restart empty)`);
    await this.events.routeRecovered({
      via: 'ecbe-reassert', gatewayId: cbcId, bootId: null, previousBootId: null, alerts,
      cells: out.restored.reduce((n, r) => n + r.cells, 0), submissions: out.restored.length, failed: out.failed.length, at: new Date(), workerId: this.workerId,
    });
  }

  private async failOver(gatewayId: string, up: string[]): Promise<void> {
    const out = await this.failover.run(gatewayId, up, (alertId, e) => this.log.warn({ gatewayId, alertId, err: (e as Error).message }, `a batch of alert ${alertId} on ${gatewayId} not yet moved; tried again at the next tick`));
    if (out.moved.length === 0) return;
    for (const m of out.moved) this.log.warn({ gatewayId, alertId: m.alertId, routeId: m.routeId, batch: m.batch, to: m.to }, `batch ${m.batch} of ${m.routeId} moved from ${gatewayId} (down) to ${m.to}`);
    await this.events.routeFailedOver({ gatewayId, moved: out.moved, stranded: out.stranded.length, cellsCarried: out.cellsCarried, failed: out.failed, at: new Date(), workerId: this.workerId });
  }

  private async carryPending(): Promise<void> {
    const out = await this.failover.carryPending((alertId, e) => this.log.warn({ alertId, err: (e as Error).message }, `cells of alert ${alertId} not yet handed to their new gateway; tried again at the next tick`));
    if (out.carried > 0) this.log.log({ cells: out.carried }, `${out.carried} cell(s) handed to their new gateway after an earlier try failed`);
  }

  private async settleReturned(gatewayId: string): Promise<void> {
    const out = await this.settle.run(gatewayId, false);
    if (out.failed === 0) this.toSettle.delete(gatewayId);
    if (out.moves === 0) return;
    this.log.log({ gatewayId, moves: out.moves, cellsStopped: out.cellsStopped }, `${gatewayId} answers again: told to stop ${out.cellsStopped} cell(s) of ${out.moves} batch(es) moved away from it`);
    await this.events.routeSettled({ gatewayId, moves: out.moves - out.failed, cellsStopped: out.cellsStopped, restartedEmpty: false, at: new Date(), workerId: this.workerId });
  }

  private async recover(gatewayId: string, boot: { bootId: string; previousBootId: string | null; seenAt: Date }): Promise<void> {
    // It holds nothing: what moved away from it needs no kill there.
    const settled = await this.settle.run(gatewayId, true);
    this.toSettle.delete(gatewayId);
    if (settled.moves > 0) await this.events.routeSettled({ gatewayId, moves: settled.moves, cellsStopped: 0, restartedEmpty: true, at: new Date(), workerId: this.workerId });
    const out = await this.restore.run(gatewayId, boot.bootId, boot.seenAt, (alertId, e) =>
      this.log.warn({ gatewayId, alertId, bootId: boot.bootId, err: (e as Error).message }, `alert ${alertId} not yet back on air on ${gatewayId}; tried again at the next tick`),
    );
    for (const alertId of out.alerts) this.log.log({ gatewayId, alertId, bootId: boot.bootId }, `alert ${alertId} put on air again on ${gatewayId} after its restart`);
    if (out.failed > 0) return;
    // A newer restart seen meanwhile keeps its own entry.
    if (this.toRestore.get(gatewayId)?.bootId === boot.bootId) this.toRestore.delete(gatewayId);
    await this.events.routeRecovered({ via: 'boot-id', gatewayId, bootId: boot.bootId, previousBootId: boot.previousBootId, ...out, at: new Date(), workerId: this.workerId });
  }
}
