import { readFileSync } from 'node:fs';
import { waitUntil } from '../test/platform';
import { percentile } from './bench-database';
import { runBench, writeBenchResult } from './bench-run';
import { benchBackend as backend, incident, onReleasePlatform, REGIONS, release, settled, timings } from './release-timing';
import { measureYardstick } from './yardstick';

const HELP = `Mixed load (issue 15, target 6): a regional Extreme alert (Actual, Sicily) released while a
national Test alert is fanning out, against the same regional alert on an idle platform: its first
cells on air and its last acknowledgement, p50 of each, and the loaded / idle ratio (target ≤ 2×).
Usage: npm run build && node dist/bench/mixed-load.bench.js [--runs N]
One platform (gateways in the worker, realistic capacities). The regional alert is released once
the national one's first cells are on air. The yardstick is one BullMQ job of 1,000 rows, measured
in the same run. Prints one SUMMARY line. Needs PostgreSQL (FARO_BENCH_DATABASE_URL) and Redis
unless FARO_QUEUE_BACKEND=postgres.`;

const SICILY = ['19'];

const median = (xs: number[]) => Math.round(percentile(xs, 0.5));

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(HELP);
  const runs = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : 3;
  await onReleasePlatform(async ({ p, db, by, redisUrl }) => {
    const extreme = (n: number) => incident(SICILY, n, { status: 'Actual', severity: 'Extreme' });
    // A first alert warms the platform (its code paths, the kept targeting): not counted.
    await settled(p, db, (await release(p, by, extreme(0))).alertId);

    const idle = [];
    for (let i = 1; i <= runs; i++) {
      const { alertId } = await release(p, by, extreme(i));
      await settled(p, db, alertId);
      idle.push(await timings(db, alertId));
    }

    const loaded = [];
    const nationals = [];
    for (let i = 1; i <= runs; i++) {
      const national = await release(p, by, incident(REGIONS, 100 + i, { status: 'Test', severity: 'Minor' }));
      await waitUntil('the national test alert on air', async () => (await db.query(`SELECT 1 FROM gateway_transmissions WHERE alert_id = $1 LIMIT 1`, [national.alertId])).rowCount === 1, 120_000, p.logs);
      const { rows: [{ n: nationalPending }] } = await db.query(`SELECT count(*)::int AS n FROM fanout_batches WHERE alert_id = $1 AND status = 'pending'`, [national.alertId]);
      const { alertId } = await release(p, by, extreme(10 + i));
      await waitUntil(`${alertId} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0].state === 'active', 600_000, p.logs);
      // Still fanning out when the regional alert was done: otherwise there was no contest.
      const { rows: [{ n: stillPending }] } = await db.query(`SELECT count(*)::int AS n FROM fanout_batches WHERE alert_id = $1 AND status = 'pending'`, [national.alertId]);
      loaded.push({ ...(await timings(db, alertId)), nationalBatchesPendingAtRelease: nationalPending, nationalBatchesPendingWhenDone: stillPending });
      await settled(p, db, national.alertId);
      await settled(p, db, alertId);
      nationals.push(await timings(db, national.alertId));
    }

    const yardstick = await measureYardstick(p.databaseUrl, redisUrl, 1000, 1000);
    const figure = (xs: Array<{ firstOnAirMs: number; lastAckMs: number }>) => ({ firstOnAirMs: median(xs.map((x) => x.firstOnAirMs)), lastAckMs: median(xs.map((x) => x.lastAckMs)) });
    const result = {
      backend,
      at: new Date().toISOString(),
      loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
      yardstickOneJobMs: Math.round(yardstick.bullmqCopyMs),
      idle,
      loaded,
      nationals,
      ratio: {
        firstOnAir: Math.round((figure(loaded).firstOnAirMs / figure(idle).firstOnAirMs) * 100) / 100,
        lastAck: Math.round((figure(loaded).lastAckMs / figure(idle).lastAckMs) * 100) / 100,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`SUMMARY ${JSON.stringify({ scenario: 'mixed-load', backend, idle: figure(idle), loaded: figure(loaded), ratio: result.ratio, yardstickOneJobMs: result.yardstickOneJobMs })}`);
    writeBenchResult(`mixed-load-${backend}`, result, result.at);
  });
}

runBench(main);
