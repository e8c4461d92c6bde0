import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { runMigrations, seedDemoData } from '@faro/persistence';

const ROOT = resolve(__dirname, '..', '..');

// The benches' template database, dropped and seeded afresh each run: keys wrapped under another
// run's KEK would not open. The platforms a bench starts clone it (test/platform.ts). density: a
// denser inventory than the demo's (seedDemoData).
export async function freshBenchDatabase(url: string, opts: { density?: number } = {}): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  await runMigrations(url);
  await seedDemoData(url, { dataDir: resolve(ROOT, 'data'), log: (m) => console.log(`seed: ${m}`), density: opts.density });
}

// A process's peak resident memory so far (VmHWM), in MB.
export function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

// Every number of a flat record rounded to the millisecond (or MB) a bench reports.
export const roundAll = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)])) as T;

// A sample's min / median / max (the upper median of an even count): how the benches report
// repeated runs.
export function spread(xs: readonly number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[s.length >> 1], max: s[s.length - 1] };
}

// A sample of latencies: its size, p50, p99 and max, rounded.
export function latencySummary(xs: readonly number[]): { n: number; p50: number; p99: number; max: number } {
  return { n: xs.length, p50: Math.round(percentile(xs, 0.5)), p99: Math.round(percentile(xs, 0.99)), max: Math.round(Math.max(...xs)) };
}

// Nearest-rank percentile of a sample (p in 0..1).
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
