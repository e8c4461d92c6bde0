import { join } from 'node:path';
import { area as geodesicArea, bboxClip, booleanWithin, point } from '@turf/turf';
import type { Polygon } from 'geojson';
import { generateSatelliteGrid, generateTerrestrialInventory, loadCalibration } from '@faro/inventory';
import { areaToGeometry } from './area-spec';
import { BoundaryCatalog } from './boundary-catalog';
import { CellIndex } from './cell-index';
import type { CellRecord } from './cell-record';
import type { AreaGeometry, LonLat } from './geometry';
import { targetAreas } from './target-areas';
import { TargetingError } from './targeting-error';

const dataDir = join(__dirname, '../../../data');
const catalog = BoundaryCatalog.load(dataDir);
let terrestrial: CellRecord[];
let index: CellIndex;

beforeAll(() => {
  terrestrial = generateTerrestrialInventory(catalog, loadCalibration(dataDir), 1);
  index = CellIndex.build([...terrestrial, ...generateSatelliteGrid()]);
}, 60_000);

const square = (lon: number, lat: number, halfDeg: number): AreaGeometry =>
  areaToGeometry(
    {
      kind: 'polygon',
      ring: [
        [lon - halfDeg, lat - halfDeg],
        [lon + halfDeg, lat - halfDeg],
        [lon + halfDeg, lat + halfDeg],
        [lon - halfDeg, lat + halfDeg],
      ],
    },
    catalog,
  );

const cataniaPolygon = (): AreaGeometry =>
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
  );

describe('targetAreas', () => {
  it('lists the targeted cells sorted, grouped by route with their gateway', () => {
    const result = targetAreas([cataniaPolygon()], index, catalog);
    expect(result.cellIds).toEqual([...result.cellIds].sort());
    expect(result.cellIds).toEqual(index.intersecting(cataniaPolygon()).map((i) => index.id(i)).sort());
    expect(Object.keys(result.byRoute).sort()).toEqual(
      expect.arrayContaining(['ter-iliad', 'ter-tim', 'ter-vodafone', 'ter-windtre']),
    );
    expect(result.byRoute['ter-tim'].gatewayId).toBe('cbc-tim');
    expect(result.byRoute['ter-tim'].kind).toBe('terrestrial');
    const satellite = Object.entries(result.byRoute).filter(([, r]) => r.kind === 'satellite');
    expect(satellite.length).toBeGreaterThan(0);
    for (const [routeId, route] of satellite) expect(routeId).toMatch(`${route.gatewayId}-bg`);
    const routed = Object.values(result.byRoute).flatMap((r) => r.cellIds);
    expect(routed.sort()).toEqual(result.cellIds);
    expect(result.counts.total).toBe(result.cellIds.length);
    expect(result.counts.terrestrial + result.counts.satellite).toBe(result.counts.total);
  });

  it('lists the same sorted cells and routes from an index in id order, which it does not sort again', () => {
    const byId = CellIndex.build([...terrestrial, ...generateSatelliteGrid()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    expect([index.idsAscending, byId.idsAscending]).toEqual([false, true]);
    const area = square(15.1, 37.5, 0.3);
    const sorted = targetAreas([area], byId, catalog);
    const unsorted = targetAreas([area], index, catalog);
    expect(sorted.cellIds).toEqual(unsorted.cellIds);
    expect(sorted.byRoute).toEqual(unsorted.byRoute);
    for (const route of Object.values(sorted.byRoute)) expect(route.cellIds).toEqual([...route.cellIds].sort());
    expect(sorted.cellIds.length).toBeGreaterThan(1000);
  });

  it('targets only the kinds of cell asked for', () => {
    const result = targetAreas([cataniaPolygon()], index, catalog, { kinds: ['satellite'] });
    expect(result.counts.terrestrial).toBe(0);
    expect(result.counts.satellite).toBeGreaterThan(0);
    expect(result.cellIds.every((id) => id.startsWith('S-'))).toBe(true);
  });

  it('measures the requested area close to its geodesic area', () => {
    const area = cataniaPolygon();
    const result = targetAreas([area], index, catalog);
    expect(result.requestedAreaKm2 / (geodesicArea(area) / 1e6)).toBeCloseTo(1, 2);
    expect(result.coveredAreaKm2).toBeCloseTo(
      result.requestedAreaKm2 - result.uncoveredKm2 + result.overshootKm2,
      2,
    );
    expect(result.method).toMatch(/H3/);
  });

  it("reports no overshoot when the area is exactly one cell's coverage", () => {
    const cell = terrestrial[30_000];
    const single = CellIndex.build([cell]);
    const result = targetAreas([cell.coverage], single, catalog);
    expect(result.cellIds).toEqual([cell.id]);
    expect(result.overshootKm2).toBeLessThan(result.requestedAreaKm2 * 0.01);
    expect(result.uncoveredKm2).toBeLessThan(result.requestedAreaKm2 * 0.01);
    expect(result.uncovered).toBeNull();
  });

  it('reports the rest of a big cell as overshoot for a small polygon inside it', () => {
    const cell = terrestrial.find((c) => c.radiusM > 5000)!;
    const single = CellIndex.build([cell]);
    // A 400 m square halfway along the sector's axis.
    const [lon, lat] = cell.site;
    const bearing = (cell.azimuthDeg! * Math.PI) / 180;
    const centre: LonLat = [
      lon + (0.5 * cell.radiusM * Math.sin(bearing)) / (111320 * Math.cos((lat * Math.PI) / 180)),
      lat + (0.5 * cell.radiusM * Math.cos(bearing)) / 110574,
    ];
    const small = square(centre[0], centre[1], 0.002);
    const result = targetAreas([small], single, catalog);
    const cellKm2 = geodesicArea(cell.coverage) / 1e6;
    expect(result.cellIds).toEqual([cell.id]);
    expect(result.uncoveredKm2).toBe(0);
    expect(result.overshootKm2).toBeGreaterThan(0);
    expect(result.overshootKm2 / (cellKm2 - result.requestedAreaKm2)).toBeCloseTo(1, 1);
    expect(result.coveredAreaKm2 / cellKm2).toBeCloseTo(1, 1);
  });

  it('reports the open sea as uncovered when only terrestrial cells are targeted', () => {
    const sea = square(11.75, 39.75, 0.25); // Tyrrhenian Sea, 100 km from any coast
    const result = targetAreas([sea], index, catalog, { kinds: ['terrestrial'] });
    expect(result.cellIds).toEqual([]);
    expect(result.uncoveredKm2).toBe(result.requestedAreaKm2);
    expect(result.uncovered?.type).toBe('MultiPolygon');
    expect(result.residentPopulation).toBe(0);

    const withSatellites = targetAreas([sea], index, catalog);
    expect(withSatellites.counts.satellite).toBeGreaterThan(0);
    expect(withSatellites.uncoveredKm2).toBe(0);
  });

  it('shows where a coastal area is out of reach of the terrestrial network', () => {
    // From Catania's coast 40 km out into the Ionian Sea.
    const coastal = areaToGeometry(
      {
        kind: 'polygon',
        ring: [
          [15.05, 37.4],
          [15.55, 37.4],
          [15.55, 37.55],
          [15.05, 37.55],
        ],
      },
      catalog,
    );
    const result = targetAreas([coastal], index, catalog, { kinds: ['terrestrial'] });
    expect(result.counts.terrestrial).toBeGreaterThan(0);
    expect(result.uncoveredKm2).toBeGreaterThan(0.3 * result.requestedAreaKm2);
    expect(result.uncoveredKm2).toBeLessThan(0.95 * result.requestedAreaKm2);
    const outline = result.uncovered!;
    const polygons = outline.type === 'MultiPolygon' ? outline.coordinates : [outline.coordinates];
    const inOutline = (p: LonLat) => polygons.some((rings) => booleanWithin(point(p), { type: 'Polygon', coordinates: rings }));
    expect(inOutline([15.5, 37.45])).toBe(true); // 40 km offshore
    expect(inOutline([15.08, 37.51])).toBe(false); // Catania city centre
  });

  it('counts the residents of the comune of Catania exactly for its geocode', () => {
    const area = catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry;
    expect(targetAreas([area], index, catalog).residentPopulation).toBe(298_054);
  });

  it('counts the residents of Sicily exactly for region 19', () => {
    const area = catalog.resolve('ISTAT_REGION', '19').geometry;
    expect(targetAreas([area], index, catalog).residentPopulation).toBe(4_787_390);
  });

  it('counts the residents of a DPC zone exactly, as the sum of its comuni', () => {
    const area = catalog.resolve('DPC_ALERT_ZONE', 'Sici-E').geometry;
    expect(targetAreas([area], index, catalog).residentPopulation).toBe(692_475);
  });

  it('counts a comune cut by the area by the share of its area inside', () => {
    const catania = catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry as Polygon;
    const westPart = bboxClip(catania, [14.0, 37.0, 15.05, 38.0]).geometry as Polygon;
    const share = geodesicArea(westPart) / geodesicArea(catania);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.9);
    const residents = targetAreas([westPart], index, catalog).residentPopulation;
    expect(residents / (298_054 * share)).toBeCloseTo(1, 1);
  });

  it('counts each resident once when areas overlap', () => {
    const catania = catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry;
    const province = catalog.resolve('ISTAT_PROVINCE', '087').geometry;
    const once = targetAreas([province], index, catalog).residentPopulation;
    expect(targetAreas([province, catania], index, catalog).residentPopulation).toBe(once);
  });

  it('targets every terrestrial cell and counts every resident for all of Italy', () => {
    const result = targetAreas([catalog.italy()], index, catalog, { kinds: ['terrestrial'] });
    expect(result.residentPopulation).toBe(58_943_464);
    expect(result.counts.terrestrial).toBe(terrestrial.length);
    expect(result.requestedAreaKm2 / 300_851).toBeCloseTo(1, 2);
  }, 30_000);

  it('rejects an empty list of areas', () => {
    let error: unknown;
    try {
      targetAreas([], index, catalog);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TargetingError);
    expect((error as TargetingError).code).toBe('targeting/invalid-area');
    expect((error as TargetingError).message).toBe('No area to target');
  });
});
