import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { listensOn } from './port-owner';

// Integration specs run the built platform as a person would: the real api and worker
// processes, over HTTP, against a fresh copy of the migrated and seeded test database.

// The repository root, whether this runs from test/ (jest) or dist/test/ (the benchmark).
const ROOT = existsSync(resolve(__dirname, '..', 'package.json')) ? resolve(__dirname, '..') : resolve(__dirname, '..', '..');

export function testDatabaseUrl(): string {
  const url = process.env.FARO_TEST_DATABASE_URL;
  if (!url) throw new Error('FARO_TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

export function queueBackendUnderTest(): 'redis' | 'postgres' {
  return process.env.FARO_QUEUE_BACKEND === 'redis' ? 'redis' : 'postgres';
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

// CREATE DATABASE … TEMPLATE copies the seeded inventory in about a second.
export async function cloneTestDatabase(): Promise<string> {
  const template = new URL(testDatabaseUrl()).pathname.slice(1);
  const name = `faro_it_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(testDatabaseUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return withDatabase(testDatabaseUrl(), name);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: withDatabase(testDatabaseUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

export interface Platform {
  baseUrl: string;
  pids: { api: number; worker: number };
  // Starts the worker later, when the platform was started without one.
  startWorker: (overrides?: Record<string, string>) => Promise<void>;
  databaseUrl: string;
  logs: () => string;
  stop: () => Promise<void>;
}

// Output goes to the sink, or straight to a file (the shared platform: it outlives the spec file
// that started it, so nothing of it may live in that file's module context).
function launch(entry: string, env: NodeJS.ProcessEnv, sink: string[] | { file: string }, tag: string): ChildProcess {
  if (!Array.isArray(sink)) {
    const fd = openSync(sink.file, 'a');
    try {
      return spawn(process.execPath, [resolve(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
    } finally {
      closeSync(fd);
    }
  }
  const child = spawn(process.execPath, [resolve(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    sink.push(...b.toString().split('\n').filter(Boolean).map((l) => `[${tag}] ${l}`));
    if (sink.length > 5000) sink.splice(0, sink.length - 5000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, logs: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms; logs:\n${logs().slice(-6000)}`);
}

// opts.logFile: the processes write their output there instead of to this process's memory.
// A platform's port lost to another process before its API bound it: started again on another.
class PlatformStartError extends Error {
  constructor(message: string, readonly portTaken: boolean) {
    super(message);
  }
}

export async function startPlatform(overrides: Record<string, string> = {}, opts: { worker?: boolean; logFile?: string } = {}): Promise<Platform> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPlatformOnce(overrides, opts);
    } catch (e) {
      if (!(e instanceof PlatformStartError && e.portTaken) || attempt >= 3) throw e;
    }
  }
}

async function startPlatformOnce(overrides: Record<string, string>, opts: { worker?: boolean; logFile?: string }): Promise<Platform> {
  const databaseUrl = await cloneTestDatabase();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    FARO_KEK: process.env.FARO_KEK ?? randomBytes(32).toString('base64'),
    FARO_DATA_DIR: resolve(ROOT, 'data'),
    QUEUE_PREFIX: `it-${randomBytes(3).toString('hex')}`,
    UPLINK_BACKOFF_MS: '50',
    OUTBOX_POLL_MS: '200',
    // The simulator inside the worker: one process fewer per platform. test/uplink-network.int-spec.ts
    // runs the gateways as their own process (UPLINK_MODE=network, test/uplink-sim-process.ts).
    UPLINK_MODE: 'in-process',
    ...(queueBackendUnderTest() === 'redis' ? { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
    ...overrides,
  };
  const lines: string[] = [];
  const sink = opts.logFile ? { file: opts.logFile } : lines;
  const logs = () => (opts.logFile ? readFileSync(opts.logFile, 'utf8') : lines.join('\n'));
  const api = launch('dist/apps/api/src/main.js', env, sink, 'api');
  const baseUrl = `http://127.0.0.1:${port}`;
  const children = [api];
  let worker: ChildProcess | undefined;
  const startWorker = async (more: Record<string, string> = {}) => {
    const w = launch('dist/apps/worker/src/main.js', { ...env, LOG_LEVEL: 'info', ...more }, sink, 'worker');
    worker = w;
    children.push(w);
    const readyBefore = readyCount(logs());
    await waitFor('worker ready', () => {
      if (w.exitCode !== null) throw new Error(`worker exited ${w.exitCode}:\n${logs()}`);
      return readyCount(logs()) > readyBefore;
    }, 60_000, logs);
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((r) => {
            if (c.exitCode !== null || c.signalCode !== null) return r();
            c.once('exit', () => r());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await dropDatabase(databaseUrl);
  };
  try {
    await waitFor('api health', async () => {
      if (api.exitCode !== null) throw new PlatformStartError(`api exited ${api.exitCode}:\n${logs()}`, /EADDRINUSE/.test(logs()));
      try {
        // Ours, not another platform's that was handed the same port (port-owner.ts).
        return (await fetch(`${baseUrl}/health`)).ok && listensOn(api.pid!, port);
      } catch {
        return false;
      }
    }, 60_000, logs);
    if (opts.worker !== false) await startWorker();
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    baseUrl,
    databaseUrl,
    logs,
    stop,
    startWorker,
    get pids() {
      return { api: api.pid ?? 0, worker: worker?.pid ?? 0 };
    },
  };
}

const readyCount = (logs: string) => logs.split('faro-worker ready').length - 1;

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000, logs?: () => string): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    last = await probe();
    if (last) return last as T;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms${logs ? `; logs:\n${logs().slice(-4000)}` : ''}`);
}
