import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import type { Platform } from '../test/platform';
import { grantToken } from '../test/principals';
import { freshBenchDatabase, peakRssMb } from './bench-database';
import { runBench, writeBenchResult } from './bench-run';
import { startBenchPlatform } from './release-timing';
import { measureYardstick, type YardstickResult } from './yardstick';

// Fan-out benchmark: release → every cell acknowledged by the simulator, for a regional
// (Sicily) and a national alert, against the yardstick measured in the same run.
// Usage: npm run bench [-- --only regional|national]
// FARO_BENCH_UPLINK=network runs the gateways as their own process (apps/uplink-sim) reached over
// the gateway protocol, as npm start does; the default keeps them inside the worker.
// Needs PostgreSQL (FARO_BENCH_DATABASE_URL, default the local server) and Redis unless
// FARO_QUEUE_BACKEND=postgres.

const baseUrl = process.env.FARO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/faro_bench';
const backend = process.env.FARO_QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis';
// 1 = the simulator's realistic gateway capacities; a large factor measures Faro's own overhead.
const capacityFactor = process.env.FARO_BENCH_CAPACITY_FACTOR ?? '1';
const uplinkMode = process.env.FARO_BENCH_UPLINK === 'network' ? 'network' : 'in-process';
const redisUrl = backend === 'redis' ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;

interface Scenario {
  name: 'regional' | 'national';
  areas: unknown[];
}

const REGIONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'];
const SCENARIOS: Scenario[] = [
  { name: 'regional', areas: [{ type: 'geocode', scheme: 'ISTAT_REGION', code: '19', description: 'Sicilia' }] },
  { name: 'national', areas: REGIONS.map((code) => ({ type: 'geocode', scheme: 'ISTAT_REGION', code })) },
];

async function runScenario(p: Platform, s: Scenario) {
  // A national operator drafts, a second person approves: release runs the same rules as in use.
  const operator = await grantToken(p.databaseUrl, ['operator']);
  const approver = await grantToken(p.databaseUrl, ['approver']);
  const body = {
    hazard: 'earthquake',
    areas: s.areas,
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Observed',
    status: 'Exercise',
    languages: [{ language: 'it-IT', text: 'ESERCITAZIONE: prova di allerta nazionale.' }],
    expires: new Date(Date.now() + 3600_000).toISOString(),
  };
  const t0 = performance.now();
  const created = await fetch(`${p.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...operator.headers }, body: JSON.stringify(body) });
  if (created.status !== 201) throw new Error(`incident: ${created.status} ${await created.text()}`);
  const draftMs = performance.now() - t0;
  const { alertId, alert } = (await created.json()) as any;
  const db = new Client({ connectionString: p.databaseUrl });
  await db.connect();
  const released = performance.now();
  const r = await fetch(`${p.baseUrl}/api/v1/alerts/${alertId}/release`, { method: 'POST', headers: approver.headers });
  if (r.status !== 200) throw new Error(`release: ${r.status} ${await r.text()}`);
  // The API must stay responsive while a national alert fans out.
  const apiLatencies: number[] = [];
  for (;;) {
    const q0 = performance.now();
    const view = (await (await fetch(`${p.baseUrl}/api/v1/alerts/${alertId}`, { headers: operator.headers })).json()) as any;
    apiLatencies.push(performance.now() - q0);
    if (view.state === 'active') break;
    if (performance.now() - released > 600_000) throw new Error('fan-out did not finish in 10 minutes');
    await new Promise((res) => setTimeout(res, 100));
  }
  const totalMs = performance.now() - released;
  const { rows: [stats] } = await db.query(
    `SELECT count(*)::int AS deliveries,
            count(*) FILTER (WHERE d.status = 'broadcasting')::int AS acknowledged,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.updated_at - a.released_at) * 1000) AS p50_ms,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM d.updated_at - a.released_at) * 1000) AS p99_ms,
            extract(epoch FROM max(d.updated_at) - a.released_at) * 1000 AS last_ms,
            extract(epoch FROM min(d.updated_at) FILTER (WHERE d.status = 'broadcasting') - a.released_at) * 1000 AS first_ms,
            (SELECT extract(epoch FROM min(b.claimed_at) - a.released_at) * 1000 FROM fanout_batches b WHERE b.alert_id = a.id) AS first_claim_ms,
            (SELECT extract(epoch FROM min(t.transmitted_at) - a.released_at) * 1000 FROM gateway_transmissions t WHERE t.alert_id = a.id) AS first_transmission_ms
       FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.alert_id = $1 GROUP BY a.id, a.released_at`,
    [alertId],
  );
  await db.end();
  apiLatencies.sort((a, b) => a - b);
  return {
    scenario: s.name,
    cells: alert.targeting.counts,
    draftMs: Math.round(draftMs),
    deliveries: stats.deliveries,
    acknowledged: stats.acknowledged,
    releaseToLastAckMs: Math.round(Number(stats.last_ms)),
    // The streaming figures (issue 15, target 1): the first uplink job at work, the first cells
    // on air (the gateway's own record of its transmission), and Faro's record of them (the
    // receipts, after the gateway's answer).
    releaseToFirstBatchMs: Math.round(Number(stats.first_claim_ms)),
    releaseToFirstOnAirMs: Math.round(Number(stats.first_transmission_ms)),
    releaseToFirstCellMs: Math.round(Number(stats.first_ms)),
    observedMs: Math.round(totalMs),
    cellsPerSecond: Math.round(stats.deliveries / (Number(stats.last_ms) / 1000)),
    p50CellMs: Math.round(Number(stats.p50_ms)),
    p99CellMs: Math.round(Number(stats.p99_ms)),
    apiP99WhileFanningOutMs: Math.round(apiLatencies[Math.floor(apiLatencies.length * 0.99)] ?? 0),
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(`Fan-out benchmark: release → every cell acknowledged, regional and national, against the yardstick.
Usage: npm run bench [-- --only regional|national]   (FARO_BENCH_UPLINK=network, FARO_BENCH_CAPACITY_FACTOR=100, FARO_QUEUE_BACKEND=postgres)
Each scenario prints one line "SUMMARY {json}" (first cells on air, last ack, yardstick, ratio, peak RSS).
Other benches (after npm run build):
  node dist/bench/first-cell.bench.js [--releases N] [--nationals N] [--quiet-ms N]   release → first cells on air over repeated releases (p50/p99), and drafting a national area
  node dist/bench/ingest.bench.js [--rounds N] [--seconds S]   signed sensor webhooks under sustained load beside a bare Nest + Fastify endpoint (and one doing an INSERT), and an auto sensor's earthquakes to the air through that load
  node dist/bench/mixed-load.bench.js [--runs N]  a regional Extreme alert released while a national Test alert fans out, against idle
  node dist/bench/million-cells.bench.js [--runs N] [--density F]   a national alert over a synthetic inventory of a million cells, against its yardstick, with peak RSS
  node dist/bench/alert-map.bench.js [--runs N]   first paint of a national alert's cells in Chromium (npm run bench:alert-map)
  node dist/bench/jurisdiction-check.bench.js     the jurisdiction check on areas of every size
  node dist/bench/satellite-plan.bench.js         the satellite broadcast plan of a national alert, step by step
  node dist/bench/targeting.bench.js [--runs N]   targeting a national area in a bare process (a cold draft's work), beside h3-js filling the same area`);
    return;
  }
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  await freshBenchDatabase(baseUrl);
  process.env.FARO_TEST_DATABASE_URL = baseUrl;
  process.env.FARO_QUEUE_BACKEND = backend;
  // The simulator opens the keys the platform wrapped: both need the same KEK.
  process.env.FARO_KEK ??= randomBytes(32).toString('base64');
  const results: Array<{ run: Awaited<ReturnType<typeof runScenario>>; yardstick: YardstickResult; ratio: number; peakRssMb: { api: number; worker: number; uplinkSim?: number } }> = [];
  for (const s of SCENARIOS.filter((x) => !only || x.name === only)) {
    const settings = { UPLINK_SIM_FAILURE_RATE: '0', LOG_LEVEL: 'warn', UPLINK_SIM_CAPACITY_FACTOR: capacityFactor };
    const { p, sim } = await startBenchPlatform(settings, uplinkMode);
    try {
      const run = await runScenario(p, s);
      const peak = { api: peakRssMb(p.pids.api), worker: peakRssMb(p.pids.worker), ...(sim ? { uplinkSim: peakRssMb(sim.pid) } : {}) };
      const yardstick = await measureYardstick(p.databaseUrl, redisUrl, run.deliveries, 1000);
      const ratio = Math.round((run.releaseToLastAckMs / yardstick.bullmqCopyMs) * 100) / 100;
      results.push({ run, yardstick, ratio, peakRssMb: peak });
      console.log(JSON.stringify({ run, yardstick, ratio, peakRssMb: peak }, null, 2));
      // The one line a script reads.
      console.log(`SUMMARY ${JSON.stringify({ scenario: s.name, uplink: uplinkMode, backend, cells: run.cells.total, firstOnAirMs: run.releaseToFirstOnAirMs, firstReceiptMs: run.releaseToFirstCellMs, lastAckMs: run.releaseToLastAckMs, yardstickMs: yardstick.bullmqCopyMs, ratio, rssMb: peak })}`);
    } finally {
      await sim?.stop();
      await p.stop();
    }
  }
  const at = new Date().toISOString();
  const file = writeBenchResult(`fanout-${backend}-${uplinkMode}-x${capacityFactor}`, { backend, uplinkMode, capacityFactor, loadavg: readFileSync('/proc/loadavg', 'utf8').trim(), node: process.version, at, results }, at);
  console.log(`\n| scenario | cells | deliveries | release → first cell on air (gateway / receipt) | release → last ack | cells/s | p50 / p99 per cell | yardstick (BullMQ + COPY) | ratio | peak RSS api / worker |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|`);
  for (const r of results) {
    console.log(`| ${r.run.scenario} | ${r.run.cells.total} | ${r.run.deliveries} | ${(r.run.releaseToFirstOnAirMs / 1000).toFixed(2)} / ${(r.run.releaseToFirstCellMs / 1000).toFixed(2)} s | ${(r.run.releaseToLastAckMs / 1000).toFixed(2)} s | ${r.run.cellsPerSecond} | ${r.run.p50CellMs} / ${r.run.p99CellMs} ms | ${(r.yardstick.bullmqCopyMs / 1000).toFixed(2)} s (no-op ${(r.yardstick.bullmqNoopMs / 1000).toFixed(2)} s, COPY ${r.yardstick.copyRowsPerSecond} rows/s) | ${r.ratio}× | ${r.peakRssMb.api} / ${r.peakRssMb.worker}${r.peakRssMb.uplinkSim ? ` / ${r.peakRssMb.uplinkSim}` : ''} MB |`);
  }
  console.log(`\nuplink ${uplinkMode}, load average at the end: ${readFileSync('/proc/loadavg', 'utf8').trim()}\nwritten: ${file}`);
}

runBench(main);
