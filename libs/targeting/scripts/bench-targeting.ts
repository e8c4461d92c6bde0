// Seeded timings for libs/targeting, written down in the commit and never asserted in tests.
// (It lives here rather than in bench/ because bench/ belongs to another workstream.)
//
//   npx swc libs -d /tmp/faro-dist --strip-leading-paths --quiet &&
//   NODE_PATH=node_modules node --expose-gc /tmp/faro-dist/targeting/scripts/bench-targeting.js data
import { resolve } from 'node:path';
import { generateSatelliteGrid, generateTerrestrialInventory, loadCalibration } from '@faro/inventory';
import { areaToGeometry } from '../src/area-spec';
import { BoundaryCatalog } from '../src/boundary-catalog';
import { CellIndex } from '../src/cell-index';
import type { CellRecord } from '../src/cell-record';
import type { AreaGeometry } from '../src/geometry';
import { targetAreas } from '../src/target-areas';

const SEED = 1;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function time<T>(label: string, run: () => T): T {
  const t = performance.now();
  const result = run();
  console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms`);
  return result;
}

function main(dataDir: string): void {
  const catalog = time('load catalog', () => BoundaryCatalog.load(dataDir));
  const calibration = loadCalibration(dataDir);

  const before = heapMb();
  let terrestrial: CellRecord[] | null = time('generate terrestrial', () =>
    generateTerrestrialInventory(catalog, calibration, SEED),
  );
  const satellite = time('generate satellite', () => generateSatelliteGrid());
  const inventoryMb = heapMb() - before;
  console.log(`inventory: ${terrestrial.length} terrestrial + ${satellite.length} satellite cells, ${inventoryMb.toFixed(0)} MB of CellRecord objects`);

  describeInventory(terrestrial, calibration.milan.bbox);

  const all = [...terrestrial, ...satellite];
  const index = time('build index', () => CellIndex.build(all));
  all.length = 0;
  terrestrial = null;
  const indexMb = heapMb() - before;
  console.log(`index alone (records dropped): ${indexMb.toFixed(0)} MB heap, typed arrays ${(index.byteLength / 2 ** 20).toFixed(0)} MB`);

  const catania: AreaGeometry = areaToGeometry(
    {
      kind: 'polygon',
      ring: [
        [15.02, 37.45],
        [15.15, 37.45],
        [15.17, 37.55],
        [15.05, 37.58],
        [15.0, 37.52],
      ],
    },
    catalog,
  );
  const cases: Array<[string, AreaGeometry]> = [
    ['Catania polygon', catania],
    ['comune Catania 087015', catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry],
    ['circle 10 km Milano', areaToGeometry({ kind: 'circle', center: [9.19, 45.464], radiusKm: 10 }, catalog)],
    ['zone Sici-E', catalog.resolve('DPC_ALERT_ZONE', 'Sici-E').geometry],
    ['region Sicilia', catalog.resolve('ISTAT_REGION', '19').geometry],
    ['Italy', catalog.italy()],
  ];
  for (const [label, area] of cases) {
    for (const kinds of [undefined, ['terrestrial' as const]]) {
      // First call (cold, includes JIT warm-up) and second call.
      const times: number[] = [];
      let r = null as ReturnType<typeof targetAreas> | null;
      for (let run = 0; run < 2; run++) {
        const t = performance.now();
        r = targetAreas([area], index, catalog, { kinds });
        times.push(performance.now() - t);
      }
      console.log(
        `${label}${kinds ? ' (terrestrial only)' : ''}: ${times.map((ms) => ms.toFixed(0)).join(' / ')} ms, ` +
          `${r!.counts.terrestrial} ter + ${r!.counts.satellite} sat cells, ${Object.keys(r!.byRoute).length} routes, ` +
          `requested ${r!.requestedAreaKm2} km², covered ${r!.coveredAreaKm2}, overshoot ${r!.overshootKm2}, ` +
          `uncovered ${r!.uncoveredKm2}, residents ${r!.residentPopulation}\n    ${r!.method}`,
      );
    }
  }
}

function describeInventory(cells: CellRecord[], milanBBox: [number, number, number, number]): void {
  const count = (key: (c: CellRecord) => string) => {
    const m = new Map<string, number>();
    for (const c of cells) m.set(key(c), (m.get(key(c)) ?? 0) + 1);
    return Object.fromEntries([...m].sort());
  };
  console.log('by operator', count((c) => c.operator));
  console.log('by RAT', count((c) => c.rat));
  const radii = cells.map((c) => c.radiusM).sort((a, b) => a - b);
  const q = (p: number) => radii[Math.floor((radii.length - 1) * p)];
  console.log(`radius m: p10 ${q(0.1)}, median ${q(0.5)}, p90 ${q(0.9)}`);
  const [x0, y0, x1, y1] = milanBBox;
  const milan = cells.filter((c) => c.site[0] >= x0 && c.site[0] <= x1 && c.site[1] >= y0 && c.site[1] <= y1);
  const milanSites = new Set(milan.map((c) => `${c.operator}:${c.site}`)).size;
  const milanRadii = milan.map((c) => c.radiusM).sort((a, b) => a - b);
  console.log(
    `Milan OpenCelliD bbox: ${milanSites} generated sites (measured: see calibration.json), ` +
      `median radius ${milanRadii[milanRadii.length >> 1]} m`,
  );
}

main(resolve(process.argv[2] ?? 'data'));
