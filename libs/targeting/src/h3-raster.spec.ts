import { join } from 'node:path';
import { polygonToCells } from 'h3-js';
import { BoundaryCatalog } from './boundary-catalog';
import { type AreaGeometry, geometryPolygons } from './geometry';
import { areaUnion, difference, intersection, rasterise, resolutionFor } from './h3-raster';
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

  it('picks the finest resolution that keeps an area within the hexagon budget', () => {
    expect(resolutionFor(301_000, 100_000)).toBe(7);
    expect(resolutionFor(180, 100_000)).toBe(11);
    expect(resolutionFor(0, 100_000)).toBe(13);
  });
});
