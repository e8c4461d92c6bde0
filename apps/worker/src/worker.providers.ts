import { getQueueToken } from '@nestjs/bullmq';
import { Logger, type Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { resolve } from 'node:path';
import { DeliverBatch, ExpireAlerts, FailoverRoute, RestoreRoute, SettleReturnedRoute, FanOutAlert, PlanSatelliteBroadcast, systemClock, type FanoutQueue } from '@faro/alerts';
import { ConstellationSky, skyFromSettings } from '@faro/constellation';
import { keyEncryptionFromConfig, type KeyEncryptionPort } from '@faro/broadcast-security';
import { satelliteSkySettings, type FaroConfig } from '@faro/config';
import { AuditSealing, createDataSource, Database, databaseTimeoutsOf, ensureSimulatedGateways, initializeDataSource, InventoryIndex, SqlAlertStore, SqlCbcStateStore, SqlCellStore, SqlFailoverStore, SqlFanoutStore, SqlGatewayBudget, SqlGatewaySealer, SqlGroupKeys, SqlOutbox, SqlPushNotices, SqlReportJobs, SqlReportSource, SqlRouteEvents, SqlSatellitePlans, SqlSigningKeys, SqlSimulatorGatewayKeys, SqlTargetingCache, SqlTransmissionLog, SqlVapidKeys, SqlWorkerHeartbeats, terrestrialCbcCells } from '@faro/persistence';
import { RelayPushNotices } from '@faro/push';
import { BuildPeriodReport, catalogTerritory, RunPeriodReport } from '@faro/reports';
import { JobQueues, QUEUES } from '@faro/queue';
import { BoundaryCatalog } from '@faro/targeting';
import { jurisdictionContains } from '@faro/jurisdictions';
import { satelliteLookup, seededRandom } from '@faro/inventory';
import { EcbeCbcAdapter, gatewayRateLimits, httpEcbeTransport, httpGatewayTransport, NetworkUplink, RateLimitedUplink, RoutedUplink, tunedGatewayProfiles, UplinkSimulator, type GatewayKeyResolver, type UplinkPort } from '@faro/uplink';
import { BullmqFanoutQueue } from './bullmq-fanout-queue';
import { CONFIG, KEK, UPLINK } from './tokens';
import { WorkerMetrics } from './worker-metrics';

// UPLINK_MODE=in-process: the simulator inside the worker (tests). Its realistic defaults by
// kind, with the configured failure rate, capacity factor and latency; each gateway resolves the
// key a seal names from PostgreSQL, so keys rotated by the API or the CLI open at once.
async function inProcessSimulator(ds: Database, kek: KeyEncryptionPort, c: FaroConfig, sky: ConstellationSky): Promise<UplinkPort> {
  const gateways = await ensureSimulatedGateways(ds, kek);
  const keys = new SqlSimulatorGatewayKeys(ds, kek);
  const resolvers = gateways.map((g): [string, GatewayKeyResolver] => [g.id, (kid) => keys.privateKeyFor(g.id, kid)]);
  return new UplinkSimulator({
    gateways: tunedGatewayProfiles(Object.fromEntries(resolvers), { transientFailureRate: c.UPLINK_SIM_FAILURE_RATE, capacityFactor: c.UPLINK_SIM_CAPACITY_FACTOR, latencyMs: c.UPLINK_SIM_LATENCY_MS }),
    recorder: new SqlTransmissionLog(ds),
    random: c.UPLINK_SIM_SEED === undefined ? undefined : seededRandom(c.UPLINK_SIM_SEED),
    claimLeaseMs: c.UPLINK_SIM_CLAIM_LEASE_MS,
    satellites: satelliteLookup(sky),
  });
}

// What the worker submits and kills stays within each gateway's rate (UPLINK_GATEWAY_RATE_LIMITS),
// spent from buckets in PostgreSQL that every worker process shares. The liveness loop's
// heartbeats are not submissions and use the bare port.
function withinGatewayRates(u: UplinkPort, ds: Database, c: FaroConfig): UplinkPort {
  return new RateLimitedUplink(u, new SqlGatewayBudget(ds), gatewayRateLimits(c.UPLINK_GATEWAY_RATE_LIMITS, c.UPLINK_GATEWAY_RATE_LIMIT_DEFAULT));
}

// UPLINK_MODE=network: satellite gateways over the gateway protocol, sealed; each operator's CBC
// ('cbc-…') over ECBE at {UPLINK_URL}/cbc/{id} with the pages unsealed, what it holds in
// PostgreSQL (cbc_messages) for every worker (docs/gateway-protocol.md, the terrestrial route).
async function networkUplink(ds: Database, c: FaroConfig): Promise<UplinkPort> {
  const base = c.UPLINK_URL.replace(/\/+$/, '');
  const cbcs = (await terrestrialCbcCells(ds)).map((cbc) => ({
    id: cbc.id,
    cells: cbc.cells,
    transport: httpEcbeTransport(`${base}/cbc/${encodeURIComponent(cbc.id)}`, { postTimeoutMs: c.UPLINK_TIMEOUT_MS, deleteTimeoutMs: c.UPLINK_TIMEOUT_MS }),
  }));
  const gatewayProtocol = new NetworkUplink(httpGatewayTransport(c.UPLINK_URL, { timeoutMs: c.UPLINK_TIMEOUT_MS, token: c.UPLINK_TOKEN }));
  return new RoutedUplink(gatewayProtocol, new EcbeCbcAdapter(cbcs, systemClock, { store: new SqlCbcStateStore(ds) }));
}

export const workerProviders: Provider[] = [
  WorkerMetrics,
  {
    provide: Database,
    inject: [CONFIG],
    useFactory: async (c: FaroConfig) => initializeDataSource(createDataSource(c.DATABASE_URL, { poolSize: 20, applicationName: 'faro-worker', timeouts: databaseTimeoutsOf(c) })),
  },
  // Chains what this process appends to the audit trail (libs/audit AuditSealer).
  { provide: AuditSealing, inject: [Database], useFactory: (ds: Database) => new AuditSealing(ds, (e) => new Logger('audit').error(`audit sealing failed: ${(e as Error).message}`)) },
  { provide: KEK, inject: [CONFIG], useFactory: (c: FaroConfig) => keyEncryptionFromConfig(c) },
  { provide: SqlAlertStore, inject: [Database], useFactory: (ds: Database) => new SqlAlertStore(ds) },
  { provide: SqlFanoutStore, inject: [Database], useFactory: (ds: Database) => new SqlFanoutStore(ds) },
  { provide: SqlOutbox, inject: [Database], useFactory: (ds: Database) => new SqlOutbox(ds) },
  { provide: SqlCellStore, inject: [Database], useFactory: (ds: Database) => new SqlCellStore(ds) },
  { provide: BoundaryCatalog, inject: [CONFIG], useFactory: (c: FaroConfig) => BoundaryCatalog.load(resolve(c.FARO_DATA_DIR)) },
  {
    provide: InventoryIndex,
    inject: [SqlCellStore, BoundaryCatalog, CONFIG, Database],
    useFactory: (s: SqlCellStore, b: BoundaryCatalog, c: FaroConfig, ds: Database) =>
      new InventoryIndex(s, b, { overshootWarnFactor: c.OVERSHOOT_WARN_FACTOR, terrestrialNetworkWide: c.UPLINK_MODE === 'network' }, { cache: new SqlTargetingCache(ds), write: false }),
  },
  { provide: SqlSigningKeys, inject: [Database, KEK], useFactory: (ds: Database, k: KeyEncryptionPort) => new SqlSigningKeys(ds, k) },
  { provide: SqlGatewaySealer, inject: [Database], useFactory: (ds: Database) => new SqlGatewaySealer(ds) },
  { provide: SqlWorkerHeartbeats, inject: [Database], useFactory: (ds: Database) => new SqlWorkerHeartbeats(ds) },
  { provide: SqlRouteEvents, inject: [Database], useFactory: (ds: Database) => new SqlRouteEvents(ds) },
  // The constellation and the gateway sites (issue 14): read once; the plan, the failover and the
  // in-process simulator's record of satellites use it.
  { provide: ConstellationSky, inject: [CONFIG], useFactory: (c: FaroConfig) => skyFromSettings(satelliteSkySettings(c)) },
  {
    provide: UPLINK,
    inject: [Database, KEK, CONFIG, ConstellationSky],
    // network: the gateways are another process (apps/uplink-sim, or a real operator's), reached
    // over the gateway protocol and, for CBCs, ECBE; they register their own keys.
    useFactory: (ds: Database, kek: KeyEncryptionPort, c: FaroConfig, sky: ConstellationSky): Promise<UplinkPort> =>
      c.UPLINK_MODE === 'network' ? networkUplink(ds, c) : inProcessSimulator(ds, kek, c, sky),
  },
  {
    provide: JobQueues,
    inject: [getQueueToken(QUEUES.fanout), getQueueToken(QUEUES.uplink), getQueueToken(QUEUES.push), getQueueToken(QUEUES.reports), CONFIG],
    useFactory: (fanout: Queue, uplink: Queue, push: Queue, reports: Queue, c: FaroConfig) =>
      new JobQueues({ [QUEUES.fanout]: fanout, [QUEUES.uplink]: uplink, [QUEUES.push]: push, [QUEUES.reports]: reports }, c),
  },
  { provide: BullmqFanoutQueue, inject: [JobQueues], useFactory: (jobs: JobQueues) => new BullmqFanoutQueue(jobs) },
  {
    provide: FanOutAlert,
    inject: [SqlAlertStore, SqlFanoutStore, InventoryIndex, SqlSigningKeys, BullmqFanoutQueue, CONFIG, Database, KEK],
    useFactory: (a: SqlAlertStore, f: SqlFanoutStore, t: InventoryIndex, k: SqlSigningKeys, q: FanoutQueue, c: FaroConfig, ds: Database, kek: KeyEncryptionPort) =>
      new FanOutAlert(a, f, t, k, q, systemClock, c.FANOUT_BATCH_SIZE, new SqlGroupKeys(ds, kek), {
        primary: c.COMPANION_MESSAGE_IDENTIFIER,
        additionalLanguage: c.COMPANION_MESSAGE_IDENTIFIER_ADDITIONAL,
      }),
  },
  {
    // The satellite broadcast plan of a released alert, made after its fan-out.
    provide: PlanSatelliteBroadcast,
    inject: [SqlAlertStore, InventoryIndex, Database, CONFIG, ConstellationSky],
    useFactory: (a: SqlAlertStore, t: InventoryIndex, ds: Database, c: FaroConfig, sky: ConstellationSky) =>
      new PlanSatelliteBroadcast(a, t, sky, new SqlSatellitePlans(ds), c.SATELLITE_REPETITION_SECONDS),
  },
  {
    // A down satellite gateway's batches to gateways that still reach the satellites serving them.
    provide: FailoverRoute,
    inject: [SqlAlertStore, Database, ConstellationSky, BullmqFanoutQueue, SqlGatewaySealer, UPLINK, CONFIG],
    useFactory: (a: SqlAlertStore, ds: Database, sky: ConstellationSky, q: BullmqFanoutQueue, s: SqlGatewaySealer, u: UplinkPort, c: FaroConfig) =>
      new FailoverRoute(a, new SqlFailoverStore(ds), sky, q, s, withinGatewayRates(u, ds, c), systemClock),
  },
  {
    provide: SettleReturnedRoute,
    inject: [Database, UPLINK, CONFIG],
    useFactory: (ds: Database, u: UplinkPort, c: FaroConfig) => new SettleReturnedRoute(new SqlFailoverStore(ds), withinGatewayRates(u, ds, c)),
  },
  {
    provide: RestoreRoute,
    inject: [SqlAlertStore, SqlFanoutStore, SqlGatewaySealer, UPLINK, Database, CONFIG],
    useFactory: (a: SqlAlertStore, f: SqlFanoutStore, s: SqlGatewaySealer, u: UplinkPort, ds: Database, c: FaroConfig) => new RestoreRoute(a, f, s, withinGatewayRates(u, ds, c), systemClock),
  },
  {
    provide: DeliverBatch,
    inject: [SqlAlertStore, SqlFanoutStore, SqlGatewaySealer, UPLINK, WorkerMetrics, Database, CONFIG],
    useFactory: (a: SqlAlertStore, f: SqlFanoutStore, s: SqlGatewaySealer, u: UplinkPort, m: WorkerMetrics, ds: Database, c: FaroConfig) =>
      new DeliverBatch(a, f, s, withinGatewayRates(u, ds, c), systemClock, undefined, m, c.UPLINK_CLAIM_LEASE_MS),
  },
  { provide: ExpireAlerts, inject: [SqlAlertStore, SqlFanoutStore], useFactory: (a: SqlAlertStore, f: SqlFanoutStore) => new ExpireAlerts(a, f, systemClock) },
  { provide: SqlPushNotices, inject: [Database], useFactory: (ds: Database) => new SqlPushNotices(ds) },
  { provide: SqlReportJobs, inject: [Database], useFactory: (ds: Database) => new SqlReportJobs(ds) },
  {
    provide: RunPeriodReport,
    inject: [SqlReportJobs, Database, BoundaryCatalog],
    useFactory: (jobs: SqlReportJobs, ds: Database, b: BoundaryCatalog) => new RunPeriodReport(jobs, new BuildPeriodReport(new SqlReportSource(ds, b), catalogTerritory(b))),
  },
  { provide: SqlVapidKeys, inject: [Database, KEK], useFactory: (ds: Database, k: KeyEncryptionPort) => new SqlVapidKeys(ds, k) },
  {
    provide: RelayPushNotices,
    inject: [SqlPushNotices, BoundaryCatalog, CONFIG],
    useFactory: (n: SqlPushNotices, b: BoundaryCatalog, c: FaroConfig) => new RelayPushNotices(n, (parent, child) => jurisdictionContains(parent, child, b), c.PUSH_FAILURE_THRESHOLD),
  },
];
