import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { polygonToCells } from 'h3-js';
import { generateSatelliteGrid, generateTerrestrialInventory, loadCalibration } from '@faro/inventory';
import { DEMO_INVENTORY_SEED } from '@faro/persistence';
import { type AreaSpec, areasToGeometries, BoundaryCatalog, CellIndex, geofences, geometryPolygons, targetAreas } from '@faro/targeting';
import { roundAll, spread } from './bench-database';
import { runBench, writeBenchResult } from './bench-run';

const HELP = `Targeting benchmark: a national area (the 20 regions) targeted over the demo inventory in a bare
process, as a cold draft's drafting thread does (cells, requested / uncovered / overshoot rasters,
the geofenced overshoot, resident population), beside its yardstick in the same run: h3-js
polygonToCells filling the same regions at the resolution the requested area is measured at.
No database. Usage: npm run build && node dist/bench/targeting.bench.js [--runs N]
Prints "SUMMARY {json}": the first targeting (a fresh process, as after a start), then min /
median / max of the next N, the yardstick's, and their ratio.`;

const ROOT = resolve(__dirname, '..', '..');
const REGIONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'];
// The resolution targetAreas measures a national area at (its method says so; checked below).
const NATIONAL_RESOLUTION = 7;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function timed<T>(work: () => T): [T, number] {
  const t0 = performance.now();
  const result = work();
  return [result, performance.now() - t0];
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(HELP);
  const runs = Math.max(3, arg('--runs', 5));
  const data = resolve(ROOT, 'data');
  const catalog = BoundaryCatalog.load(data);
  // In id order, as the platform loads the inventory (page by page, ORDER BY id).
  const cells = [...generateTerrestrialInventory(catalog, loadCalibration(data), DEMO_INVENTORY_SEED), ...generateSatelliteGrid()];
  const index = CellIndex.build(cells.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  cells.length = 0;

  // Each run lists the regions in another order: a draft the platform has not seen.
  const national = (run: number) => {
    const areas: AreaSpec[] = [...REGIONS.slice(run % 20), ...REGIONS.slice(0, run % 20)].map((code) => ({ kind: 'geocode', scheme: 'ISTAT_REGION', code }));
    const geometries = areasToGeometries(areas, catalog);
    // The options InventoryIndex gives a draft's targeting.
    return timed(() => targetAreas(geometries, index, catalog, { geofence: geofences(areas, geometries).geometries, territories: areas.map((spec) => (spec.kind === 'geocode' ? spec : null)) }));
  };
  const yardstick = () => timed(() => REGIONS.reduce((n, code) => n + geometryPolygons(catalog.resolve('ISTAT_REGION', code).geometry).reduce((m, polygon) => m + polygonToCells(polygon, NATIONAL_RESOLUTION, true).length, 0), 0));

  const [first, firstMs] = national(0);
  if (!first.method.includes(`requested/uncovered at res ${NATIONAL_RESOLUTION} `)) throw new Error(`the national area is no longer measured at res ${NATIONAL_RESOLUTION}: ${first.method}`);
  const targeting: number[] = [];
  const floor: number[] = [];
  for (let run = 1; run <= runs; run++) {
    targeting.push(national(run)[1]);
    floor.push(yardstick()[1]);
  }
  const t = spread(targeting);
  const y = spread(floor);
  const result = {
    scenario: 'targeting-national',
    at: new Date().toISOString(),
    loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
    cells: first.counts.total,
    firstMs: Math.round(firstMs),
    targetingMs: roundAll(t),
    yardstickMs: roundAll(y),
    ratio: Math.round((t.median / y.median) * 10) / 10,
    method: first.method,
  };
  writeBenchResult('targeting-national', result, result.at);
  const { method: _method, ...summary } = result;
  console.log(`SUMMARY ${JSON.stringify(summary)}`);
}

runBench(main);
