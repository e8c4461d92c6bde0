import { join } from 'node:path';
import { cellToLatLng, polygonToCells } from 'h3-js';
import { BoundaryCatalog } from './boundary-catalog';
import { type AreaGeometry, geometryPolygons } from './geometry';
import { CellIndex, type IndexableCell } from './cell-index';
import { areaUnion, cellUnion, difference, intersection, rasterise, rasteriseSplit, resolutionFor } from './h3-raster';
import { flattenRing, INSIDE, PARTIAL } from './planar';
import { PreparedArea } from './prepared-area';

const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));

function h3Reference(geometry: AreaGeometry, resolution: number): string[] {
  return geometryPolygons(geometry)
    .flatMap((polygon) => polygonToCells(polygon, resolution, true))
    .sort();
}

describe('rasterise', () => {
  it.each([
    ['comune 087015 (Catania)', 'ISTAT_MUNICIPALITY', '087015', 10],
    ['comune 083041 (Lipari, islands)', 'ISTAT_MUNICIPALITY', '083041', 9],
    ['alert zone Sici-E', 'DPC_ALERT_ZONE', 'Sici-E', 8],
  ] as const)('finds the same hexagons as h3 polygonToCells for %s', (_, scheme, code, resolution) => {
    const geometry = catalog.resolve(scheme, code).geometry;
    const raster = rasterise(new PreparedArea(geometry), resolution, true);
    expect(raster.hexes.sort()).toEqual(h3Reference(geometry, resolution));
    expect(raster.count).toBe(raster.hexes.length);
  });

  it('measures the area of a region close to its geodesic area', () => {
    const sicily = catalog.resolve('ISTAT_REGION', '19').geometry;
    const raster = rasterise(new PreparedArea(sicily), 8, false);
    expect(raster.areaKm2 / 25_697).toBeCloseTo(1, 2);
  });

  it('splits a region into the part inside and the part outside another', () => {
    const province = new PreparedArea(catalog.resolve('ISTAT_PROVINCE', '087').geometry);
    const comune = new PreparedArea(catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry);
    const union = areaUnion([province, comune]);
    const all = rasterise(province, 8, false).count;
    expect(rasterise(union, 8, false).count).toBe(all);
    const inside = rasterise(intersection(province, comune), 8, false).count;
    const outside = rasterise(difference(province, comune), 8, false).count;
    expect(inside + outside).toBe(all);
    expect(inside).toBe(rasterise(comune, 8, false).count);
  });

  it('tells in one pass the hexagons of a shape in another from the rest, as three rasters do', () => {
    const province = new PreparedArea(catalog.resolve('ISTAT_PROVINCE', '087').geometry);
    const zone = new PreparedArea(catalog.resolve('DPC_ALERT_ZONE', 'Sici-E').geometry);
    const split = rasteriseSplit(province, zone, 9, { all: true, inside: true, outside: true });
    const sorted = (r: { hexes: string[] }) => [...r.hexes].sort();
    expect(sorted(split.all)).toEqual(sorted(rasterise(province, 9, true)));
    expect(sorted(split.inside)).toEqual(sorted(rasterise(intersection(province, zone), 9, true)));
    expect(sorted(split.outside)).toEqual(sorted(rasterise(difference(province, zone), 9, true)));
    expect(split.inside.count).toBeGreaterThan(1000);
    expect(split.outside.count).toBeGreaterThan(1000);
    // Areas agree to a thousandth of a km²: a hexagon wholly in the province counts its descendants by their
    // centre child's area in `all`, one by one where the zone splits them.
    expect(split.inside.areaKm2 + split.outside.areaKm2).toBeCloseTo(split.all.areaKm2, 3);
    // Without a split, everything is outside it; only what is asked for is collected.
    const alone = rasteriseSplit(province, null, 9);
    expect([alone.all.count, alone.inside.count, alone.outside.count]).toEqual([split.all.count, 0, split.all.count]);
    expect(alone.all.hexes).toEqual([]);
  });

  it('picks the finest resolution that keeps an area within the hexagon budget', () => {
    expect(resolutionFor(301_000, 100_000)).toBe(7);
    expect(resolutionFor(180, 100_000)).toBe(11);
    expect(resolutionFor(0, 100_000)).toBe(13);
  });
});

describe('cellUnion', () => {
  const squareCell = (id: string, x: number, y: number, size: number): IndexableCell => ({
    id,
    kind: 'terrestrial',
    routeId: 'r',
    gatewayId: 'g',
    bbox: [x, y, x + size, y + size],
    coverage: { type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] },
  });
  // One large cell over 12–13° E, 42–43° N (a satellite cell over a city), 400 small ones within
  // its south-west quarter, and a small one outside it.
  const cells = [squareCell('big', 12, 42, 1), squareCell('outside', 13.5, 42, 0.1)];
  for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) cells.push(squareCell(`s${i}-${j}`, 12.01 + i * 0.02, 42.01 + j * 0.02, 0.015));
  const index = CellIndex.build(cells);
  const all = new Uint8Array(index.size).fill(1);
  const union = cellUnion(index, all, [12, 42, 13.6, 43]);
  const ring = (x0: number, y0: number, x1: number, y1: number) => flattenRing([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]);

  it('takes a hexagon under many small cells as inside when one cell covers it whole', () => {
    expect(union.relate(ring(12.1, 42.1, 12.2, 42.2), [12.1, 42.1, 12.2, 42.2])).toBe(INSIDE);
    // Over the large cell's edge, with more small cells near than are related one by one.
    expect(union.relate(ring(11.9, 42.05, 12.3, 42.3), [11.9, 42.05, 12.3, 42.3])).toBe(PARTIAL);
  });

  it('finds the hexagons whose centre a cell covers, as a test of every centre does', () => {
    const raster = rasterise(union, 7, true);
    const expected = polygonToCells([[[11.8, 41.8], [13.8, 41.8], [13.8, 43.2], [11.8, 43.2], [11.8, 41.8]]], 7, true).filter((hex) => {
      const [lat, lon] = cellToLatLng(hex);
      return index.covers(lon, lat, () => true);
    });
    expect(raster.hexes.sort()).toEqual(expected.sort());
    expect(raster.count).toBeGreaterThan(1000);
  });
});
