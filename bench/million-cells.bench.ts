import { readFileSync } from 'node:fs';
import { peakRssMb, roundAll, spread } from './bench-database';
import { runBench, writeBenchResult } from './bench-run';
import { benchBackend as backend, incident, onReleasePlatform, REGIONS, release, settled, timings } from './release-timing';
import { measureYardstick } from './yardstick';

const HELP = `A million cells (issue 15, target 3): a national alert over a synthetic inventory about six
times as dense as the demo's (the same generator, denserCalibration), never shipped as demo data.
Usage: npm run build && node dist/bench/million-cells.bench.js [--runs N] [--density F] [--capacity K]
The bench's template database gets the dense inventory; one platform (gateways in the worker, or
their own process with FARO_BENCH_UPLINK=network, as npm start runs them; capacity lifted ×K,
default 100, so that Faro's own overhead is measured) releases N national
alerts (default 3), each once the one before is active. Each run's yardstick (BullMQ jobs of 1,000
rows + COPY of every delivery and receipt row) is measured right after it. Peak RSS of the api and
the worker once the index is loaded, and after the alerts. Prints one SUMMARY line.
Needs PostgreSQL (FARO_BENCH_DATABASE_URL) and Redis unless FARO_QUEUE_BACKEND=postgres.`;

const uplink = process.env.FARO_BENCH_UPLINK === 'network' ? 'network' : 'in-process';
const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(HELP);
  const runs = arg('--runs', 3);
  // The demo generator with `density` times the sites: 6.05 gives just over a million terrestrial
  // cells (the demo has 196,197).
  const density = arg('--density', 6.05);
  const capacity = arg('--capacity', 100);
  await onReleasePlatform(
    async ({ p, db, by, redisUrl, sim }) => {
      // Started means both processes hold the index (the worker loads it before it reports ready;
      // the API's first draft would): the peak so far is the index's.
      const peaks = () => ({ api: peakRssMb(p.pids.api), worker: peakRssMb(p.pids.worker), ...(sim ? { uplinkSim: peakRssMb(sim.pid) } : {}) });
      const afterIndex = peaks();
      const { rows: [inventory] } = await db.query(`SELECT version, terrestrial, satellite FROM cell_inventory WHERE id = 1`);
      const results = [];
      for (let i = 0; i < runs; i++) {
        const { alertId, draftMs } = await release(p, by, incident(REGIONS, i));
        await settled(p, db, alertId);
        const { phases, ...t } = await timings(db, alertId);
        const { rows: [{ deliveries }] } = await db.query(`SELECT count(*)::int AS deliveries FROM deliveries WHERE alert_id = $1`, [alertId]);
        const yardstick = await measureYardstick(p.databaseUrl, redisUrl, deliveries, 1000);
        const run = { deliveries, draftMs: Math.round(draftMs), ...roundAll(t), phases: roundAll(phases), yardstickMs: Math.round(yardstick.bullmqCopyMs), ratio: Math.round((t.lastAckMs / yardstick.bullmqCopyMs) * 100) / 100,
          // Peak so far, after each alert: whether a process grows with the alerts.
          peakRssMb: peaks() };
        console.log(JSON.stringify(run));
        results.push(run);
      }
      const peak = peaks();
      const at = new Date().toISOString();
      const summary = {
        scenario: 'million-cells',
        backend,
        uplink,
        capacityFactor: capacity,
        inventory,
        deliveries: results[0]?.deliveries,
        draftMs: spread(results.map((r) => r.draftMs)),
        firstOnAirMs: spread(results.map((r) => r.firstOnAirMs)),
        lastAckMs: spread(results.map((r) => r.lastAckMs)),
        yardstickMs: spread(results.map((r) => r.yardstickMs)),
        ratio: spread(results.map((r) => r.ratio)),
        peakRssMb: { afterIndex, afterAlerts: peak },
      };
      writeBenchResult(`million-cells-${backend}-${uplink}`, { ...summary, runs: results, loadavg: readFileSync('/proc/loadavg', 'utf8').trim(), at }, at);
      console.log(`SUMMARY ${JSON.stringify(summary)}`);
    },
    { settings: { UPLINK_SIM_CAPACITY_FACTOR: String(capacity) }, density, uplink },
  );
}

runBench(main);
