import { resolve } from 'node:path';
import type { Polygon } from 'geojson';
import { areaToGeometry, BoundaryCatalog, type AreaGeometry } from '@faro/targeting';
import { checkWithinJurisdiction } from '@faro/jurisdictions';

// The jurisdiction check (checkWithinJurisdiction) on alert areas of every size, warm, as the API
// and the release policy run it. Usage: npm run build && node dist/bench/jurisdiction-check.bench.js

const ROOT = resolve(__dirname, '..', '..');
const RUNS = 15;

const box = (w: number, s: number, e: number, n: number): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
// Copies, so the check cannot recognise the catalog's own geometries and must measure them.
const copy = (g: AreaGeometry): AreaGeometry => JSON.parse(JSON.stringify(g));

function time(work: () => unknown): number {
  const t = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function main(): void {
  let catalog!: BoundaryCatalog;
  const load = time(() => (catalog = BoundaryCatalog.load(resolve(ROOT, 'data'))));
  // The first check of a process builds the territory index (provinces, coastline) and the jurisdiction's territory.
  const first = time(() => checkWithinJurisdiction([box(15.0, 37.45, 15.16, 37.56)], 'IT-R19', catalog));
  console.log(`catalog load ${load.toFixed(0)} ms; first check (territory index + Sicilia) ${first.toFixed(0)} ms`);

  const cases: Array<[string, AreaGeometry, string]> = [
    ['Catania polygon (fixture, 170 km²)', box(15.0, 37.45, 15.16, 37.56), 'IT-R19'],
    ['Catania polygon, province', box(15.0, 37.45, 15.16, 37.56), 'IT-P087'],
    ['circle r=30 km off Catania', areaToGeometry({ kind: 'circle', center: [15.2, 37.5], radiusKm: 30 }, catalog), 'IT-R19'],
    ['Strait of Messina (refused)', box(15.5, 38.15, 15.7, 38.3), 'IT-R19'],
    ['province of Catania (copy, 3,574 km²)', copy(catalog.resolve('ISTAT_PROVINCE', '087').geometry), 'IT-R19'],
    ['Sicilia (copy, 25,832 km²)', copy(catalog.resolve('ISTAT_REGION', '19').geometry), 'IT-R19'],
    ['box over Sicilia and its seas (refused)', box(12.3, 36.6, 15.7, 38.35), 'IT-R19'],
    ['Lombardia (copy, 23,864 km²)', copy(catalog.resolve('ISTAT_REGION', '03').geometry), 'IT-R03'],
    ['Milano for Sicilia (refused)', copy(catalog.resolve('ISTAT_MUNICIPALITY', '015146').geometry), 'IT-R19'],
  ];
  console.log('| area | jurisdiction | verdict | median | max |');
  console.log('|---|---|---|---|---|');
  for (const [name, area, jurisdiction] of cases) {
    const verdict = checkWithinJurisdiction([area], jurisdiction, catalog);
    const ms = Array.from({ length: RUNS }, () => time(() => checkWithinJurisdiction([area], jurisdiction, catalog))).sort((a, b) => a - b);
    const shown = verdict.inside ? 'inside' : `outside ${verdict.outsideKm2.toFixed(1)} km² (${verdict.touches.join(', ')})`;
    console.log(`| ${name} | ${jurisdiction} | ${shown} | ${ms[RUNS >> 1].toFixed(1)} ms | ${ms[RUNS - 1].toFixed(1)} ms |`);
  }
}

main();
