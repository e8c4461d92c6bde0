import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './platform';

const ROOT = existsSync(resolve(__dirname, '..', 'package.json')) ? resolve(__dirname, '..') : resolve(__dirname, '..', '..');

// apps/uplink-sim as its own process beside a platform (the worker then runs with
// UPLINK_MODE=network and UPLINK_URL = url), against that platform's database.
export interface UplinkSimProcess {
  url: string;
  adminUrl: string;
  pid: number;
  logs: () => string;
  // The control endpoint: JSON in, JSON out.
  admin: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  stop: () => Promise<void>;
  // Ends it at once (SIGKILL: no goodbye, claims left as they were).
  crash: () => Promise<void>;
}

export async function startUplinkSim(databaseUrl: string, overrides: Record<string, string> = {}, port?: number): Promise<UplinkSimProcess> {
  if (!process.env.FARO_KEK) throw new Error('FARO_KEK must be set: the simulator opens the keys the platform wrapped with it');
  const simPort = port ?? (await freePort());
  const adminPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    FARO_KEK: process.env.FARO_KEK,
    UPLINK_SIM_PORT: String(simPort),
    UPLINK_SIM_ADMIN_PORT: String(adminPort),
    ...overrides,
  };
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [resolve(ROOT, 'dist/apps/uplink-sim/src/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    lines.push(...b.toString().split('\n').filter(Boolean).map((l) => `[uplink-sim] ${l}`));
    if (lines.length > 5000) lines.splice(0, lines.length - 5000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const logs = () => lines.join('\n');
  const url = `http://127.0.0.1:${simPort}`;
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const stop = () =>
    new Promise<void>((r) => {
      if (child.exitCode !== null || child.signalCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const until = Date.now() + 60_000;
  while (!logs().includes('faro-uplink-sim ready')) {
    if (child.exitCode !== null) throw new Error(`uplink-sim exited ${child.exitCode}:\n${logs()}`);
    if (Date.now() > until) {
      await stop();
      throw new Error(`uplink-sim not ready within 60 s:\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const admin = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${adminUrl}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.json().catch(() => undefined) };
  };
  const crash = () =>
    new Promise<void>((r) => {
      if (child.exitCode !== null || child.signalCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGKILL');
    });
  return { url, adminUrl, pid: child.pid ?? 0, logs, admin, stop, crash };
}
