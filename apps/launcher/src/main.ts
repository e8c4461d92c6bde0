import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, PLATFORM_SETTINGS_FILE, redactConfig, writePlatformSettings } from '@faro/config';
import { runMigrations, seedDemoData } from '@faro/persistence';
import { apiUrls, waitForHealth } from './api-health';
import { describeExit, stoppedCleanly } from './child-processes';
import {
  chooseServices,
  LOCAL_POSTGRES_ADMIN_URL,
  LOCAL_REDIS_URL,
  probesNeeded,
  type PostgresChoice,
  type RedisChoice,
} from './choose-services';
import { describePostgresUrl, describeRedisUrl } from './describe-service';
import { DEV_KEK_FILE, kekSource, readOrCreateDevKek } from './dev-kek';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from './embedded-postgres';
import { ensureDatabase, withDatabase } from './postgres-database';
import { probePostgres, probeRedis } from './service-probe';
import { superviseService, type SupervisedService } from './supervised-service';

// `npm start`: finds or starts PostgreSQL (and Redis if there is one), migrates, seeds the demo
// data, then runs the API, the worker and the gateways' simulator (apps/uplink-sim, unless
// UPLINK_MODE=in-process) as child processes, restarting each when it dies, until
// a signal arrives (or the embedded PostgreSQL dies). The launcher is the one place that reads process.env to decide what the others get.

const DATABASE = 'faro';
const SERVICES = ['api', 'worker', 'uplink-sim'] as const;
const STOP_GRACE_MS = 15000;
const HEALTH_TIMEOUT_MS = 60000;

const log = (msg: string): void => {
  process.stdout.write(`[launcher] ${msg}\n`);
};

let embedded: RunningEmbeddedPostgres | undefined;
let databaseStopped: Promise<void> | undefined;
let services: SupervisedService[] = [];
// Set when a signal arrives before the API and worker run: whatever start-up step was under way may
// then fail as the database goes, and that is not worth a stack trace.
let abortedBy: NodeJS.Signals | undefined;
let onSignal: (signal: NodeJS.Signals) => void = (signal) => {
  abortedBy = signal;
  log(`received ${signal} while starting: stopping`);
  void stopDatabase().finally(() => process.exit(130));
};
let signals = 0;

async function main(): Promise<number> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      signals += 1;
      if (signals === 1) return onSignal(signal);
      log(`received ${signal} again: killing api and worker`);
      for (const s of services) s.signal('SIGKILL');
      void stopDatabase().finally(() => process.exit(130));
    });
  }
  // Whatever ends the launcher, the API and worker do not outlive it.
  process.on('exit', () => services.forEach((s) => s.signal('SIGTERM')));

  const root = findRepoRoot(__dirname);
  const faroDir = path.join(root, '.faro');
  const env: NodeJS.ProcessEnv = { ...process.env };

  if (kekSource(env) === 'development-file') env.FARO_KEK = readOrCreateDevKek(faroDir, log);

  const needed = probesNeeded(env);
  const [postgresProbe, redisProbe] = await Promise.all([
    needed.postgres ? probePostgres(LOCAL_POSTGRES_ADMIN_URL) : undefined,
    needed.redis ? probeRedis(LOCAL_REDIS_URL) : undefined,
  ]);
  const choice = chooseServices(env, { postgres: postgresProbe, redis: redisProbe }, DATABASE);
  setOrDelete(env, 'DATABASE_URL', await providePostgres(choice.postgres, faroDir));
  // No REDIS_URL at all, not an empty one, is what puts BullMQ on its PostgreSQL backend.
  setOrDelete(env, 'REDIS_URL', provideRedis(choice.redis));

  // The worker finds the simulator where the launcher starts it, unless told of other gateways.
  if (!env.UPLINK_URL && env.UPLINK_SIM_PORT) env.UPLINK_URL = `http://127.0.0.1:${env.UPLINK_SIM_PORT}`;
  const config = loadConfig(env);
  log(`config: ${JSON.stringify(redactConfig(config))}`);
  // For `npm run faro`: which database and KEK this platform runs with.
  writePlatformSettings(faroDir, {
    DATABASE_URL: config.DATABASE_URL,
    kekFile: kekSource(process.env) === 'development-file' ? path.relative(root, path.join(faroDir, DEV_KEK_FILE)) : null,
    startedAt: new Date().toISOString(),
  });
  log(`settings for the CLI: ${shortPath(path.join(faroDir, PLATFORM_SETTINGS_FILE))} (npm run faro -- --help)`);

  const applied = await runMigrations(config.DATABASE_URL);
  log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'migrations: schema is up to date');
  await seedDemoData(config.DATABASE_URL, {
    dataDir: path.resolve(root, config.FARO_DATA_DIR),
    log: (msg) => log(`seed: ${msg}`),
  });

  // The worker reaches the gateways over the network (UPLINK_URL, by default the simulator's port).
  const names = SERVICES.filter((name) => name !== 'uplink-sim' || config.UPLINK_MODE === 'network');
  if (names.includes('uplink-sim')) log(`uplink: gateways' simulator on ${config.UPLINK_URL} (control endpoint 127.0.0.1:${config.UPLINK_SIM_ADMIN_PORT})`);
  const scripts = names.map((name) => path.resolve(__dirname, '..', '..', name, 'src', 'main.js'));
  const missing = scripts.filter((s) => !fs.existsSync(s));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} not found: run npm run build`);

  // Each is started again when it dies: one crashed worker or API does not stop the platform.
  services = names.map((name, i) =>
    superviseService({
      name,
      script: scripts[i],
      cwd: root,
      env,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      log,
    }),
  );

  type Ending = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'database' };
  const ending = await new Promise<Ending>((resolve) => {
    onSignal = (signal) => resolve({ kind: 'signal', signal });
    embedded?.onUnexpectedExit(() => resolve({ kind: 'database' }));
    const urls = apiUrls(config.HOST, config.PORT);
    const allRunning = () => services.every((s) => s.isRunning());
    void waitForHealth(urls.health, HEALTH_TIMEOUT_MS, allRunning).then((up) => {
      if (up) log(`Faro is up: ${urls.open}`);
      else if (allRunning()) log(`${urls.health} did not answer within ${HEALTH_TIMEOUT_MS / 1000} s`);
    });
  });

  let code: number;
  if (ending.kind === 'signal') {
    log(`received ${ending.signal}: stopping ${names.join(', ')}`);
    const exits = await Promise.all(services.map((s) => s.stop(ending.signal, STOP_GRACE_MS)));
    for (const exit of exits) log(describeExit(exit));
    code = exits.every((exit) => stoppedCleanly(exit, ending.signal)) ? 0 : 1;
  } else {
    log('embedded PostgreSQL exited: stopping the rest');
    const exits = await Promise.all(services.map((s) => s.stop('SIGTERM', STOP_GRACE_MS)));
    for (const exit of exits) log(describeExit(exit));
    code = 1;
  }
  await stopDatabase();
  return code;
}

async function providePostgres(choice: PostgresChoice, faroDir: string): Promise<string | undefined> {
  switch (choice.kind) {
    case 'configured':
      log(`PostgreSQL: ${describePostgresUrl(choice.url)} (from DATABASE_URL)`);
      return choice.url;
    case 'local': {
      const created = await ensureDatabase(LOCAL_POSTGRES_ADMIN_URL, DATABASE);
      log(`PostgreSQL: ${describePostgresUrl(choice.url)} (the local server answered${created ? `; created database ${DATABASE}` : ''})`);
      return choice.url;
    }
    case 'embedded': {
      const dataDir = path.join(faroDir, 'pg');
      embedded = await startEmbeddedPostgres({
        dataDir,
        passwordFile: path.join(faroDir, 'pg.password'),
        log: (msg) => log(`embedded PostgreSQL: ${msg}`),
      });
      await ensureDatabase(embedded.urlFor('postgres'), DATABASE);
      log(
        `PostgreSQL: embedded ${embedded.majorVersion} on 127.0.0.1:${embedded.port}, data in ${shortPath(dataDir)} ` +
          `(${choice.reason})`,
      );
      return withDatabase(embedded.urlFor('postgres'), DATABASE);
    }
    case 'missing':
      log(`PostgreSQL: none (${choice.reason})`);
      return undefined;
  }
}

function provideRedis(choice: RedisChoice): string | undefined {
  switch (choice.kind) {
    case 'configured':
      log(`Redis: ${describeRedisUrl(choice.url)} (from REDIS_URL)`);
      return choice.url;
    case 'local':
      log(`Redis: ${describeRedisUrl(choice.url)} (the local server answered)`);
      return choice.url;
    case 'postgres-backend':
      log(`Redis: none, BullMQ on PostgreSQL backend (${choice.reason})`);
      return undefined;
  }
}

// Every path out (a signal, a second signal, a child's exit, a failure) waits on the same stop, so
// the launcher never exits while the server is still writing its shutdown checkpoint.
function stopDatabase(): Promise<void> {
  const running = embedded;
  if (!running) return Promise.resolve();
  if (!databaseStopped) databaseStopped = running.stop().then(() => log('embedded PostgreSQL stopped'));
  return databaseStopped;
}

function setOrDelete(env: NodeJS.ProcessEnv, name: string, value: string | undefined): void {
  if (value === undefined) delete env[name];
  else env[name] = value;
}

// The checkout holding .faro/: the first directory above this file with a package.json (dist/ has none).
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function shortPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    async (e: unknown) => {
      if (abortedBy) return; // the signal handler is already stopping and exiting
      log(e instanceof ConfigError ? e.message : `failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      for (const s of services) s.signal('SIGTERM');
      await stopDatabase().catch(() => undefined);
      process.exit(1);
    },
  );
}
