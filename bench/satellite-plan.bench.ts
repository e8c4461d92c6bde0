import { resolve } from 'node:path';
import { ConstellationSky, DEFAULT_GATEWAYS, Constellation, readElementSets, SnapshotSky } from '@faro/constellation';
import { generateSatelliteGrid } from '@faro/inventory';
import { areasToGeometries, BoundaryCatalog, CellIndex, targetAreas } from '@faro/targeting';

const HELP = `Satellite plan benchmark: what the preview's unserved-cell check and the release's broadcast
plan cost for a national alert (the 20 regions' earth-fixed satellite cells), on the stored
Direct-to-Cell snapshot (data/satellites), with the default gateways, 25° mask and 48 beams.
Prints milliseconds per step. No database. Usage: npm run build && node dist/bench/satellite-plan.bench.js`;

const ROOT = resolve(__dirname, '..', '..');
const REGIONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'];

async function time<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await work();
  console.log(`${label}: ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
  return result;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(HELP);
  const grid = generateSatelliteGrid();
  const catalog = BoundaryCatalog.load(resolve(ROOT, 'data'));
  const index = CellIndex.build(grid);
  const national = targetAreas(areasToGeometries(REGIONS.map((code) => ({ kind: 'geocode' as const, scheme: 'ISTAT_REGION' as const, code })), catalog), index, catalog).cellIds;
  const byId = new Map(grid.map((c) => [c.id, c]));
  const cells = national.map((id) => ({ id, lon: byId.get(id)!.site[0], lat: byId.get(id)!.site[1] }));
  console.log(`national alert: ${cells.length} satellite cells of ${grid.length} in the grid`);
  const sets = await time('load 642 element sets', () => readElementSets(resolve(ROOT, 'data/satellites/starlink_dtc.tle')));
  const sky = new ConstellationSky(new Constellation(sets), DEFAULT_GATEWAYS, { cellElevationMaskDeg: 25, beamCapacity: 48, skyOffsetMs: new SnapshotSky(sets).offsetMs });
  const start = new Date('2026-12-06T20:00:00Z');
  const window = (hours: number) => ({ start, end: new Date(start.getTime() + hours * 3600_000), deadline: new Date(start.getTime() + hours * 3600_000), repetitionSeconds: 60 });
  for (const hours of [1, 24]) {
    const unserved = await time(`preview: unserved cells before a ${hours} h deadline`, () => sky.unserved(cells, window(hours)));
    console.log(`  unserved: ${unserved.length}`);
  }
  const tight = { ...window(1), deadline: new Date(start.getTime() + 60_000) };
  await time('preview: unserved cells with the deadline at the first repetition', () => sky.unserved(cells, tight));
  for (const hours of [1, 6]) {
    const plan = await time(`release: the plan of ${hours} h at 60 s (in turns)`, () => sky.plan(cells, window(hours)));
    console.log(`  stretches (rows): ${plan.stretches.length}, unserved: ${plan.unserved.length}`);
  }
}

void main();
