import { join } from 'node:path';
import { booleanIntersects } from '@turf/turf';
import { generateSatelliteGrid, generateTerrestrialInventory, loadCalibration } from '@faro/inventory';
import { areaToGeometry } from './area-spec';
import { BoundaryCatalog } from './boundary-catalog';
import { CellIndex, CellIndexBuilder } from './cell-index';
import type { CellRecord } from './cell-record';
import type { AreaGeometry, BBox } from './geometry';

const dataDir = join(__dirname, '../../../data');
const catalog = BoundaryCatalog.load(dataDir);
let cells: CellRecord[];
let index: CellIndex;

beforeAll(() => {
  cells = [...generateTerrestrialInventory(catalog, loadCalibration(dataDir), 1), ...generateSatelliteGrid()];
  index = CellIndex.build(cells);
}, 60_000);

const overlaps = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

// The reference: every cell, tested with turf. The bbox comparison only skips cells that
// cannot intersect, so that the loop finishes in seconds.
function bruteForce(area: AreaGeometry): number[] {
  const box = [Infinity, Infinity, -Infinity, -Infinity] as BBox;
  const rings = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  for (const polygon of rings) {
    for (const [x, y] of polygon[0]) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  const found: number[] = [];
  cells.forEach((cell, i) => {
    if (overlaps(cell.bbox, box) && booleanIntersects(cell.coverage, area)) found.push(i);
  });
  return found;
}

const areas: Array<[string, () => AreaGeometry]> = [
  [
    'a polygon around Catania',
    () =>
      areaToGeometry(
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
      ),
  ],
  ['a 3 km circle in central Milan', () => areaToGeometry({ kind: 'circle', center: [9.19, 45.464], radiusKm: 3 }, catalog)],
  ['the islands of Lipari (a MultiPolygon comune)', () => catalog.resolve('ISTAT_MUNICIPALITY', '083041').geometry],
  ['the comune of Catania', () => catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry],
  ['alert zone Sici-E', () => catalog.resolve('DPC_ALERT_ZONE', 'Sici-E').geometry],
  [
    'a thin strip across the coast and the sea off Genoa',
    () =>
      areaToGeometry(
        {
          kind: 'polygon',
          ring: [
            [8.85, 44.25],
            [9.05, 44.25],
            [9.05, 44.45],
            [8.85, 44.45],
          ],
        },
        catalog,
      ),
  ],
];

describe('CellIndex', () => {
  it('holds every cell it was built from', () => {
    expect(index.size).toBe(cells.length);
  });

  it.each(areas)('finds the same cells as a brute-force turf loop for %s', (_, area) => {
    const expected = bruteForce(area());
    expect(expected.length).toBeGreaterThan(0);
    expect(index.intersecting(area())).toEqual(expected);
  });

  it('finds nothing in an area far from every cell', () => {
    const nowhere = areaToGeometry({ kind: 'circle', center: [-40, 0], radiusKm: 50 }, catalog);
    expect(index.intersecting(nowhere)).toEqual([]);
  });

  it('gives back the id, kind, route, gateway, bbox and coverage of a cell', () => {
    for (const i of [0, 99_999, cells.length - 1]) {
      const { id, kind, routeId, gatewayId, bbox, coverage } = cells[i];
      expect(index.cell(i)).toEqual({ id, kind, routeId, gatewayId, bbox, coverage });
    }
  });

  it('lists the cells whose bbox overlaps a bbox', () => {
    const box: BBox = [12.45, 41.85, 12.55, 41.95];
    const expected = cells.flatMap((c, i) => (overlaps(c.bbox, box) ? [i] : []));
    expect(index.within(box).sort((a, b) => a - b)).toEqual(expected);
  });

  it('answers queries on an empty index with no cells', () => {
    const empty = CellIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.within([0, 0, 1, 1])).toEqual([]);
    expect(empty.intersecting(catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry)).toEqual([]);
  });

  it('builds the same index one cell at a time, growing from a small guess, as from every cell at once', () => {
    // How InventoryIndex loads a large inventory: page by page, without the records of all.
    const builder = new CellIndexBuilder({ cells: 1000, points: 100 });
    for (const cell of cells) builder.add(cell);
    expect(builder.size).toBe(cells.length);
    const paged = builder.finish();
    expect(paged.size).toBe(cells.length);
    expect(paged.byteLength).toBe(index.byteLength);
    for (const i of [0, 1, 999, 1000, 150_000, cells.length - 1]) expect(paged.cell(i)).toEqual(index.cell(i));
    for (const [, area] of areas) expect(paged.intersecting(area())).toEqual(index.intersecting(area()));
  });

  it('keeps no slack when the guess was too large', () => {
    const few = cells.slice(0, 10);
    const builder = new CellIndexBuilder({ cells: 5000, points: 50_000 });
    for (const cell of few) builder.add(cell);
    const built = builder.finish();
    expect(built.byteLength).toBe(CellIndex.build(few).byteLength);
    expect(few.map((_, i) => built.cell(i))).toEqual(few.map((_, i) => index.cell(i)));
  });
});
