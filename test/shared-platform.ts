import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabase, startPlatform, type Platform } from './platform';

// One platform (api and worker with the default settings, on its own copy of the test database)
// shared by every spec file that needs nothing else: starting one takes about 15 s of CPU, and
// an integration run would otherwise start one per file. The first spec file that asks starts it;
// it outlives that file (its processes write to a file, not to the file's memory) and
// globalTeardown stops it. Specs on it make their own rows with fresh ids, as on any platform,
// and must not stop, restart or reconfigure it: those start their own with startPlatform.

interface SharedInfo {
  baseUrl: string;
  databaseUrl: string;
  pids: { api: number; worker: number };
  logFile: string;
}

function infoFile(): string {
  const dir = process.env.FARO_SHARED_PLATFORM_DIR;
  if (!dir) throw new Error('FARO_SHARED_PLATFORM_DIR is not set: the integration globalSetup sets it');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'platform.json');
}

export async function sharedPlatform(): Promise<Platform> {
  const file = infoFile();
  if (!existsSync(file)) {
    const logFile = join(file, '..', 'platform.log');
    const p = await startPlatform({}, { logFile });
    const info: SharedInfo = { baseUrl: p.baseUrl, databaseUrl: p.databaseUrl, pids: p.pids, logFile };
    writeFileSync(file, JSON.stringify(info));
  }
  const info = JSON.parse(readFileSync(file, 'utf8')) as SharedInfo;
  return {
    baseUrl: info.baseUrl,
    databaseUrl: info.databaseUrl,
    pids: info.pids,
    logs: () => readFileSync(info.logFile, 'utf8').slice(-200_000),
    stop: async () => undefined,
    startWorker: async () => {
      throw new Error('the shared platform is not to be changed: start your own with startPlatform');
    },
  };
}

// globalTeardown: SIGTERM, then SIGKILL after 5 s, then its database dropped.
export async function stopSharedPlatform(): Promise<void> {
  const dir = process.env.FARO_SHARED_PLATFORM_DIR;
  if (!dir || !existsSync(join(dir, 'platform.json'))) return;
  const info = JSON.parse(readFileSync(join(dir, 'platform.json'), 'utf8')) as SharedInfo;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const pids = [info.pids.api, info.pids.worker].filter((pid) => pid > 0 && alive(pid));
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  const until = Date.now() + 5_000;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
  await dropDatabase(info.databaseUrl);
}
