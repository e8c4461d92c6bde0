import { join } from 'node:path';
import type { Polygon } from 'geojson';
import { assertWithinJurisdiction, checkWithinJurisdiction, FOREIGN_TERRITORY, OPEN_SEA } from './check-within-jurisdiction';
import { JurisdictionError } from './jurisdiction-error';
import { areaToGeometry, BoundaryCatalog, type AreaGeometry, geometryPolygons, TargetingError } from '@faro/targeting';

const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));

const box = (west: number, south: number, east: number, north: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});
// The polygon of test/fixtures/catania-earthquake.ts: the city, its harbour and 5 km of sea off it.
const CATANIA = box(15.0, 37.45, 15.16, 37.56);
// The sea 10 to 17 km off Catania, no land in it.
const SEA_OFF_CATANIA = box(15.2, 37.47, 15.28, 37.55);
// The sea off Augusta, nearer the coast of the province of Siracusa than to Catania's.
const SEA_OFF_AUGUSTA = box(15.25, 37.25, 15.32, 37.32);
// Messina, the Strait and Villa San Giovanni / Reggio Calabria.
const MESSINA_STRAIT = box(15.5, 38.15, 15.7, 38.3);
// The middle of the Tyrrhenian, over 100 km from any coast.
const TYRRHENIAN = box(12.0, 39.5, 12.3, 39.8);
// Ventimiglia and Menton across the French border.
const VENTIMIGLIA = box(7.45, 43.75, 7.6, 43.85);

// A copy, so the check cannot recognise the catalog's own geometry and must measure it.
function copyOf(geometry: AreaGeometry, shift: [number, number] = [0, 0]): AreaGeometry {
  return {
    type: 'MultiPolygon',
    coordinates: geometryPolygons(geometry).map((p) => p.map((r) => r.map(([x, y]) => [x + shift[0], y + shift[1]]))),
  };
}

function outside(result: ReturnType<typeof checkWithinJurisdiction>) {
  if (result.inside) throw new Error('expected the area to be refused');
  return result;
}

describe('checkWithinJurisdiction', () => {
  it('finds the Catania polygon, harbour and sea off it included, inside Sicilia and inside the province of Catania', () => {
    expect(checkWithinJurisdiction([CATANIA], 'IT-R19', catalog)).toEqual({ inside: true });
    expect(checkWithinJurisdiction([CATANIA], 'IT-P087', catalog)).toEqual({ inside: true });
  });

  it('finds the sea off Catania, within 12 nautical miles of its coast, inside Sicilia and Catania', () => {
    expect(checkWithinJurisdiction([SEA_OFF_CATANIA], 'IT-R19', catalog)).toEqual({ inside: true });
    expect(checkWithinJurisdiction([SEA_OFF_CATANIA], 'IT-P087', catalog)).toEqual({ inside: true });
  });

  it('gives the sea to the province whose coast is nearest: off Augusta to Siracusa, not Catania', () => {
    expect(checkWithinJurisdiction([SEA_OFF_AUGUSTA], 'IT-P089', catalog)).toEqual({ inside: true });
    const result = outside(checkWithinJurisdiction([SEA_OFF_AUGUSTA], 'IT-P087', catalog));
    expect(result.touches).toEqual(['Siracusa']);
  });

  it('refuses a polygon across the Strait of Messina for Sicilia, naming Calabria', () => {
    const result = outside(checkWithinJurisdiction([MESSINA_STRAIT], 'IT-R19', catalog));
    expect(result.touches).toEqual(['Calabria']);
    expect(result.outsideKm2).toBeGreaterThan(50);
    expect(result.message).toMatch(/^area 1 extends \d+\.\d km² outside Sicilia, into Calabria$/);
    expect(result.outside?.type).toBe('MultiPolygon');
  });

  it('puts the outside part of the Strait polygon on the Calabrian side', () => {
    const result = outside(checkWithinJurisdiction([MESSINA_STRAIT], 'IT-R19', catalog));
    const xs = geometryPolygons(result.outside!).flatMap((p) => p[0].map(([x]) => x));
    // Messina's coast runs at about 15.57°E, the Calabrian one at about 15.64°E.
    expect(Math.min(...xs)).toBeGreaterThan(15.58);
  });

  it('accepts the Sicilian half of the Strait, sea included', () => {
    expect(checkWithinJurisdiction([box(15.5, 38.15, 15.58, 38.3)], 'IT-R19', catalog)).toEqual({ inside: true });
  });

  it('refuses an area in the open sea for every region, and for Italy too', () => {
    const result = outside(checkWithinJurisdiction([TYRRHENIAN], 'IT-R19', catalog));
    expect(result.touches).toEqual([OPEN_SEA]);
    expect(result.message).toMatch(/outside Sicilia, into open sea$/);
    for (const region of ['IT-R12', 'IT-R15', 'IT-R20']) expect(checkWithinJurisdiction([TYRRHENIAN], region, catalog).inside).toBe(false);
    expect(outside(checkWithinJurisdiction([TYRRHENIAN], 'IT', catalog)).touches).toEqual([OPEN_SEA]);
  });

  it('bounds Italy by its land and territorial sea: the Strait and Italian regions in, California and Menton out', () => {
    expect(checkWithinJurisdiction([box(15.5, 38.15, 15.7, 38.3), catalog.resolve('ISTAT_REGION', '19').geometry], 'IT', catalog)).toEqual({ inside: true });
    const california = outside(checkWithinJurisdiction([box(15.5, 38.15, 15.7, 38.3), box(-122.5, 37.5, -122.0, 38.0)], 'IT', catalog));
    expect(california.areaIndex).toBe(1);
    expect(california.message).toMatch(/^area 2 extends \d+\.\d km² outside Italia, into places far from Italy$/);
    expect(outside(checkWithinJurisdiction([box(7.52, 43.77, 7.6, 43.85)], 'IT', catalog)).touches).toContain(FOREIGN_TERRITORY);
  });

  it('refuses a Lombardy comune for Sicilia, naming Lombardia, and measures all of it as outside', () => {
    const milano = catalog.resolve('ISTAT_MUNICIPALITY', '015146').geometry;
    const result = outside(checkWithinJurisdiction([milano], 'IT-R19', catalog));
    expect(result.touches).toEqual(['Lombardia']);
    expect(result.outsideKm2).toBeGreaterThan(175); // Milano: 181.7 km²
    expect(result.outsideKm2).toBeLessThan(190);
    expect(checkWithinJurisdiction([milano], 'IT-R03', catalog)).toEqual({ inside: true });
  });

  it('finds a province inside its region, by its catalog geometry and by a copy of it', () => {
    const catania = catalog.resolve('ISTAT_PROVINCE', '087').geometry;
    expect(checkWithinJurisdiction([catania], 'IT-R19', catalog)).toEqual({ inside: true });
    expect(checkWithinJurisdiction([copyOf(catania)], 'IT-R19', catalog)).toEqual({ inside: true });
    expect(checkWithinJurisdiction([copyOf(catania)], 'IT-P087', catalog)).toEqual({ inside: true });
  });

  it('finds every province inside its own region and every region inside itself', () => {
    for (const m of new Map(catalog.municipalities().map((m) => [m.provinceCode, m.regionCode]))) {
      const [province, region] = m;
      const geometry = copyOf(catalog.resolve('ISTAT_PROVINCE', province).geometry);
      expect([province, checkWithinJurisdiction([geometry], `IT-R${region}`, catalog)]).toEqual([province, { inside: true }]);
    }
    for (const region of new Set(catalog.municipalities().map((m) => m.regionCode))) {
      const geometry = copyOf(catalog.resolve('ISTAT_REGION', region).geometry);
      expect([region, checkWithinJurisdiction([geometry], `IT-R${region}`, catalog)]).toEqual([region, { inside: true }]);
    }
  });

  it('names the neighbouring provinces when a province is drawn 2 km off its borders', () => {
    const shifted = copyOf(catalog.resolve('ISTAT_PROVINCE', '087').geometry, [0.02, 0]);
    const result = outside(checkWithinJurisdiction([shifted], 'IT-P087', catalog));
    expect(result.touches).toEqual(expect.arrayContaining(['Messina', 'Siracusa']));
    expect(result.touches).not.toContain('Catania');
    expect(result.message).toMatch(/^area 1 extends \d+\.\d km² outside Catania, into /);
  });

  it('tolerates the slivers of a province drawn 50 m off its land borders', () => {
    const shifted = copyOf(catalog.resolve('ISTAT_PROVINCE', '087').geometry, [0.0006, 0]);
    expect(checkWithinJurisdiction([shifted], 'IT-P087', catalog)).toEqual({ inside: true });
  });

  it('refuses a comune drawn 350 m off its border, spilling about 1.8 km² over the 0.5 km² floor', () => {
    const scordia = catalog.resolve('ISTAT_MUNICIPALITY', '087049').geometry; // 24.8 km², on the Siracusa border
    const result = outside(checkWithinJurisdiction([copyOf(scordia, [0.004, 0])], 'IT-P087', catalog));
    expect(result.outsideKm2).toBeGreaterThan(1);
    expect(result.outsideKm2).toBeLessThan(3);
    expect(result.touches).toEqual(['Siracusa']);
  });

  it('tolerates the same comune drawn 50 m off its border', () => {
    const scordia = catalog.resolve('ISTAT_MUNICIPALITY', '087049').geometry;
    expect(checkWithinJurisdiction([copyOf(scordia, [0.0006, 0])], 'IT-P087', catalog)).toEqual({ inside: true });
  });

  it('refuses an area reaching into France for Liguria, naming foreign territory', () => {
    const result = outside(checkWithinJurisdiction([VENTIMIGLIA], 'IT-R07', catalog));
    expect(result.touches).toEqual([FOREIGN_TERRITORY]);
  });

  it('names each refused area by its number, and only those', () => {
    const result = outside(checkWithinJurisdiction([CATANIA, MESSINA_STRAIT, TYRRHENIAN], 'IT-R19', catalog));
    expect(result.message).toMatch(/^area 2 extends .* into Calabria; area 3 extends .* into open sea$/);
    expect(result.touches).toEqual([OPEN_SEA, 'Calabria']);
  });

  it('throws jurisdiction/outside with the message when asserted', () => {
    let error: unknown;
    try {
      assertWithinJurisdiction([MESSINA_STRAIT], 'IT-R19', catalog);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JurisdictionError);
    expect((error as JurisdictionError).code).toBe('jurisdiction/outside');
    expect((error as JurisdictionError).message).toMatch(/^area 1 extends \d+\.\d km² outside Sicilia, into Calabria$/);
  });

  it('refuses an unknown jurisdiction before looking at the areas', () => {
    expect(() => checkWithinJurisdiction([CATANIA], 'IT-R99', catalog)).toThrow(JurisdictionError);
  });

  it('refuses something that is not a polygon as an invalid area', () => {
    let error: unknown;
    try {
      checkWithinJurisdiction([{ type: 'Point', coordinates: [15, 37] } as never], 'IT-R19', catalog);
    } catch (e) {
      error = e;
    }
    expect((error as TargetingError).code).toBe('targeting/invalid-area');
  });

  it('accepts a circle drawn around Catania as an alert would, through areaToGeometry', () => {
    const circle = areaToGeometry({ kind: 'circle', center: [15.09, 37.5], radiusKm: 8 }, catalog);
    expect(checkWithinJurisdiction([circle], 'IT-P087', catalog)).toEqual({ inside: true });
  });
});
