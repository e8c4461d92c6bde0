import { readFileSync } from 'node:fs';
import type { Client } from 'pg';
import type { Platform } from '../test/platform';
import { latencySummary, roundAll } from './bench-database';
import { runBench, writeBenchResult } from './bench-run';
import { benchBackend as backend, type FirstCellPhases, incident, onReleasePlatform, REGIONS, release, settled, timings, type Callers } from './release-timing';
import { measureYardstick } from './yardstick';

const HELP = `First cell on air: release → the first cells a gateway transmits, over repeated releases
(issue 15, target 1: ≤ 0.25 s, p50 and p99, whatever the alert's size), and drafting: POST
/api/v1/incidents for a national area, cold and after its preview (target 7: ≤ 0.5 s p99).
Usage: npm run build && node dist/bench/first-cell.bench.js [--releases N] [--nationals N] [--quiet-ms N]
One platform (gateways in the worker, realistic capacities); each release waits for the one before
to be active and its satellite plan stored, so every release starts on an idle platform; with
--quiet-ms, that many milliseconds more with nothing to do (an authority's alerts come after
hours of quiet: what a process lets go when idle, a release pays for again). The
yardstick is one BullMQ job of 1,000 rows (enqueue → its COPY done), measured in the same run.
Prints one SUMMARY line per figure. Needs PostgreSQL (FARO_BENCH_DATABASE_URL) and Redis unless
FARO_QUEUE_BACKEND=postgres.`;

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);

interface Release {
  draftMs: number;
  firstOnAirMs: number;
  firstReceiptMs: number;
  phases: FirstCellPhases;
}

// p50 / p99 of each phase of the first cell's path, from the release.
function phaseSummary(releases: Release[]): Record<keyof FirstCellPhases, ReturnType<typeof latencySummary>> {
  const phases = Object.keys(releases[0].phases) as Array<keyof FirstCellPhases>;
  return Object.fromEntries(phases.map((k) => [k, latencySummary(releases.map((r) => r.phases[k]))])) as Record<keyof FirstCellPhases, ReturnType<typeof latencySummary>>;
}

async function releaseOnce(p: Platform, db: Client, by: Callers, body: object, quietMs: number): Promise<Release> {
  if (quietMs > 0) await new Promise((r) => setTimeout(r, quietMs));
  const { alertId, draftMs } = await release(p, by, body);
  await settled(p, db, alertId);
  return { draftMs, ...(await timings(db, alertId)) };
}

async function draftMs(p: Platform, headers: Record<string, string>, path: string, body: object): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(`${p.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (r.status !== 201 && r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  await r.arrayBuffer();
  return performance.now() - t0;
}

const rounded = (r: Release) => roundAll({ firstOnAirMs: r.firstOnAirMs, ...r.phases });

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(HELP);
  const releases = arg('--releases', 20);
  const nationals = arg('--nationals', 5);
  const quietMs = arg('--quiet-ms', 0);
  await onReleasePlatform(async ({ p, db, by, redisUrl }) => {
    const regional: Release[] = [];
    for (let i = 0; i < releases; i++) regional.push(await releaseOnce(p, db, by, incident([REGIONS[i % REGIONS.length]], i), quietMs));
    const national: Release[] = [];
    // Each national alert differs by its text only: its areas, hence its targeting, are the same;
    // the first release drafts them cold, the others find them kept.
    for (let i = 0; i < nationals; i++) national.push(await releaseOnce(p, db, by, incident(REGIONS, i), quietMs));
    // Drafting a national area the platform has not seen (the regions in another order), then
    // after a preview of the same (the preview keeps its targeting).
    const cold: number[] = [];
    const afterPreview: number[] = [];
    for (let i = 0; i < 3; i++) {
      const codes = [...REGIONS.slice(i + 1), ...REGIONS.slice(0, i + 1)];
      cold.push(await draftMs(p, by.operator.headers, '/api/v1/incidents', incident(codes, 100 + i)));
      const next = [...REGIONS.slice(i + 5), ...REGIONS.slice(0, i + 5)];
      await draftMs(p, by.operator.headers, '/api/v1/drafts/preview', incident(next, 200 + i));
      afterPreview.push(await draftMs(p, by.operator.headers, '/api/v1/incidents', incident(next, 300 + i)));
    }
    const yardstick = await measureYardstick(p.databaseUrl, redisUrl, 1000, 1000);
    const result = {
      backend,
      at: new Date().toISOString(),
      loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
      quietMs,
      yardstickOneJobMs: Math.round(yardstick.bullmqCopyMs),
      regional: { firstOnAirMs: latencySummary(regional.map((r) => r.firstOnAirMs)), firstReceiptMs: latencySummary(regional.map((r) => r.firstReceiptMs)), phases: phaseSummary(regional) },
      national: { firstOnAirMs: latencySummary(national.map((r) => r.firstOnAirMs)), firstReceiptMs: latencySummary(national.map((r) => r.firstReceiptMs)), phases: phaseSummary(national) },
      draftNationalMs: { cold: latencySummary(cold), afterPreview: latencySummary(afterPreview), keptTargeting: latencySummary(national.slice(1).map((r) => r.draftMs)) },
      // Each release in order (the first after the platform started comes first), for what a p99 hides.
      releases: { regional: regional.map(rounded), national: national.map(rounded) },
    };
    console.log(JSON.stringify(result, null, 2));
    for (const [name, s] of [['regional', result.regional], ['national', result.national]] as const) {
      console.log(`SUMMARY ${JSON.stringify({ scenario: `first-cell-${name}`, backend, quietMs, ...s, yardstickOneJobMs: result.yardstickOneJobMs })}`);
    }
    console.log(`SUMMARY ${JSON.stringify({ scenario: 'draft-national', backend, ...result.draftNationalMs })}`);
    writeBenchResult(`first-cell-${backend}`, result, result.at);
  });
}

runBench(main);
