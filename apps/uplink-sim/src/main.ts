import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { keyEncryptionFromConfig } from '@faro/broadcast-security';
import { LOG_REDACT_PATHS, loadConfigOrExit, redactConfig, satelliteSkySettings } from '@faro/config';
import { skyFromSettings } from '@faro/constellation';
import { satelliteLookup, seededRandom } from '@faro/inventory';
import { createDataSource, databaseTimeoutsOf, ensureSimulatedGateways, initializeDataSource, runMigrations, SqlSimulatorCbcs, SqlSimulatorGatewayKeys, SqlTransmissionLog } from '@faro/persistence';
import { GatewayEndpoint, GatewayFaults, tunedGatewayProfiles, UplinkSimulator, type GatewayKeyResolver } from '@faro/uplink';
import { adminServer } from './admin-server';
import { EcbeCbcs } from './ecbe-cbcs';
import { gatewayServer } from './gateway-server';
import { SimClock } from './sim-clock';

// The satellite and terrestrial gateways' simulator as its own process: every gateway the
// inventory routes to, behind the gateway protocol on UPLINK_SIM_PORT and a control endpoint on
// 127.0.0.1:UPLINK_SIM_ADMIN_PORT. Its memory (what it was sent, what it put on air) and its
// private keys (the simulated HSM) are its tables in PostgreSQL, so a restart forgets nothing.
async function main(): Promise<void> {
  const config = loadConfigOrExit('faro-uplink-sim');
  const log = pino({ level: config.LOG_LEVEL, redact: [...LOG_REDACT_PATHS], base: { process: 'faro-uplink-sim' } });
  await runMigrations(config.DATABASE_URL);
  const ds = await initializeDataSource(createDataSource(config.DATABASE_URL, { poolSize: 5, applicationName: 'faro-uplink-sim', timeouts: databaseTimeoutsOf(config) }));
  const kek = keyEncryptionFromConfig(config);
  // Registers each gateway and its first key pair if none has one yet; the worker seals to the
  // public half from then on. Each submission resolves the key its seal names, so a rotation made
  // by the API or the CLI opens at once and a retired key stops opening.
  const gateways = await ensureSimulatedGateways(ds, kek);
  const keys = new SqlSimulatorGatewayKeys(ds, kek);
  const resolvers = Object.fromEntries(gateways.map((g): [string, GatewayKeyResolver] => [g.id, (kid) => keys.privateKeyFor(g.id, kid)]));
  const clock = new SimClock(config.UPLINK_SIM_CLOCK_OFFSET_MS, config.UPLINK_SIM_CLOCK_RATE);
  const record = new SqlTransmissionLog(ds);
  const simulator = new UplinkSimulator({
    gateways: tunedGatewayProfiles(resolvers, { transientFailureRate: config.UPLINK_SIM_FAILURE_RATE, capacityFactor: config.UPLINK_SIM_CAPACITY_FACTOR, latencyMs: config.UPLINK_SIM_LATENCY_MS }),
    recorder: record,
    random: config.UPLINK_SIM_SEED === undefined ? undefined : seededRandom(config.UPLINK_SIM_SEED),
    clock: clock.now,
    claimLeaseMs: config.UPLINK_SIM_CLAIM_LEASE_MS,
    // The satellite gateways know the constellation: each transmission names the satellite per cell.
    satellites: satelliteLookup(skyFromSettings(satelliteSkySettings(config))),
  });
  const faults = new GatewayFaults();
  const gatewayIds = gateways.map((g) => g.id);
  // Each start is a new epoch for every gateway: what the gateways were repeating went with the
  // process, though the memory of what they were sent stays (the worker re-puts what is still due).
  const bootId = config.UPLINK_SIM_BOOT_ID ?? randomUUID();
  const endpoint = new GatewayEndpoint({ uplink: simulator, gatewayIds: new Set(gatewayIds), faults, clock: clock.now, bootId });
  const server = gatewayServer(endpoint, { token: config.UPLINK_TOKEN, log });
  // The terrestrial CBCs speak ECBE besides (docs/gateway-protocol.md, the terrestrial route).
  const cbcs = await EcbeCbcs.start(new SqlSimulatorCbcs(ds), bootId, clock.now, {
    ackDelayMs: config.UPLINK_SIM_CBC_ACK_MS,
    noAckWaitMs: config.UPLINK_SIM_CBC_NO_ACK_WAIT_MS,
    deleteDelayMs: config.UPLINK_SIM_CBC_DELETE_MS,
  });
  cbcs.register(server, faults, log);
  const admin = adminServer({ gatewayIds, simulator, faults, clock, record, cbcs });
  await server.listen({ host: config.HOST, port: config.UPLINK_SIM_PORT });
  await admin.listen({ host: '127.0.0.1', port: config.UPLINK_SIM_ADMIN_PORT });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'faro-uplink-sim stopping');
    cbcs.close();
    await Promise.allSettled([server.close(), admin.close()]);
    await ds.destroy().catch(() => undefined);
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => void stop(s));

  log.info({ config: redactConfig(config) }, 'faro-uplink-sim configuration');
  log.info({ gateways: gatewayIds, cbcs: cbcs.ids(), bootId, url: `http://${config.HOST}:${config.UPLINK_SIM_PORT}`, admin: `http://127.0.0.1:${config.UPLINK_SIM_ADMIN_PORT}` }, `faro-uplink-sim ready: ${gatewayIds.length} gateways`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error('faro-uplink-sim failed to start:', e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
