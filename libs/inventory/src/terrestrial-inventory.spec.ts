import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadCalibration } from './calibration';
import { generateTerrestrialInventory } from './terrestrial-inventory';
import { BoundaryCatalog, type CellRecord, geometryContains } from '@faro/targeting';

const dataDir = join(__dirname, '../../../data');
const catalog = BoundaryCatalog.load(dataDir);
const calibration = loadCalibration(dataDir);
let cells: CellRecord[];

beforeAll(() => {
  cells = generateTerrestrialInventory(catalog, calibration, 1);
}, 30_000);

function fingerprint(inventory: CellRecord[]): string {
  const hash = createHash('sha256');
  for (const cell of inventory) {
    hash.update(`${cell.id}|${cell.rat}|${cell.radiusM}|${JSON.stringify(cell.coverage.coordinates)}\n`);
  }
  return hash.digest('hex');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const M_PER_DEG_LAT = 110574;

describe('generateTerrestrialInventory', () => {
  it('generates well over 100,000 cells for Italy, three sectors per site', () => {
    expect(cells.length).toBeGreaterThan(150_000);
    expect(cells.length).toBeLessThan(250_000);
    const sites = new Set(cells.map((c) => `${c.operator}:${c.site}`));
    expect(cells.length).toBe(sites.size * 3);
  });

  it('generates the same cells for the same seed', () => {
    const again = generateTerrestrialInventory(catalog, calibration, 1);
    expect(again.map((c) => c.id)).toEqual(cells.map((c) => c.id));
    expect(fingerprint(again)).toBe(fingerprint(cells));
  }, 30_000);

  it('places the sites elsewhere for another seed', () => {
    expect(fingerprint(generateTerrestrialInventory(catalog, calibration, 2))).not.toBe(fingerprint(cells));
  }, 30_000);

  it('gives each cell a unique id built from MCC 222, the network MNC and the ECI', () => {
    const mnc: Record<string, number> = { TIM: 1, Vodafone: 10, WindTre: 88, Iliad: 50 };
    const wrong = cells.filter(
      (c) =>
        c.mnc !== mnc[c.operator] ||
        !new RegExp(`^T-222-${c.mnc}-\\d+$`).test(c.id) ||
        c.routeId !== `ter-${c.operator.toLowerCase()}` ||
        c.gatewayId !== `cbc-${c.operator.toLowerCase()}`,
    );
    expect(wrong).toEqual([]);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
  });

  it('shares the cells between the networks as TIM > Vodafone > WindTre > Iliad', () => {
    const count = (op: string) => cells.filter((c) => c.operator === op).length;
    expect(count('TIM')).toBeGreaterThan(count('Vodafone'));
    expect(count('Vodafone')).toBeGreaterThan(count('WindTre'));
    expect(count('WindTre')).toBeGreaterThan(count('Iliad'));
    expect(count('Iliad')).toBeGreaterThan(cells.length * 0.1);
  });

  it('gives every comune at least one site of each network present everywhere', () => {
    for (const operator of ['TIM', 'Vodafone']) {
      const comuni = new Set(cells.filter((c) => c.operator === operator).map((c) => c.municipalityCode));
      expect(comuni.size).toBe(catalog.municipalities().length);
    }
  });

  it('places more sites in large cities than in villages', () => {
    const sitesIn = (code: string) =>
      new Set(cells.filter((c) => c.municipalityCode === code).map((c) => `${c.operator}:${c.site}`)).size;
    expect(sitesIn('058091')).toBeGreaterThan(1000); // Roma
    expect(sitesIn('015146')).toBeGreaterThan(1000); // Milano
    expect(sitesIn('001001')).toBeLessThan(20); // Agliè, 2,585 residents
  });

  it('keeps every site inside its comune', () => {
    const byCode = new Map(catalog.municipalities().map((m, i) => [m.code, i]));
    const outside = cells.filter(
      (c) => !geometryContains(catalog.municipalityGeometry(byCode.get(c.municipalityCode!)!), c.site[0], c.site[1]),
    );
    expect(outside).toEqual([]);
  });

  it('draws ten-position wedges from the site around azimuths near 0, 120 and 240 degrees', () => {
    const wrong = cells.filter((cell, i) => {
      const ring = cell.coverage.coordinates[0];
      const sector = i % 3;
      const offset = ((((cell.azimuthDeg! - sector * 120) % 360) + 540) % 360) - 180;
      return (
        ring.length !== 10 ||
        ring[0][0] !== cell.site[0] ||
        ring[0][1] !== cell.site[1] ||
        ring[9][0] !== cell.site[0] ||
        ring[9][1] !== cell.site[1] ||
        Math.abs(offset) > calibration.model.azimuthJitterDeg
      );
    });
    expect(wrong).toEqual([]);
  });

  it('reaches from the site to the arc at the sector radius', () => {
    const cell = cells[12345];
    const [lon, lat] = cell.site;
    const [x, y] = cell.coverage.coordinates[0][4];
    const metres = Math.hypot((x - lon) * 111320 * Math.cos((lat * Math.PI) / 180), (y - lat) * M_PER_DEG_LAT);
    expect(Math.abs(metres - cell.radiusM)).toBeLessThan(1);
    const [minX, minY, maxX, maxY] = cell.bbox;
    for (const [px, py] of cell.coverage.coordinates[0]) {
      expect(px >= minX && px <= maxX && py >= minY && py <= maxY).toBe(true);
    }
  });

  it('gives urban sectors a reach of hundreds of metres and rural ones several kilometres', () => {
    const milano = cells.filter((c) => c.municipalityCode === '015146').map((c) => c.radiusM);
    expect(median(milano)).toBeGreaterThan(200);
    expect(median(milano)).toBeLessThan(600);
    const sparse = new Set(
      catalog
        .municipalities()
        .filter((m) => m.population / m.areaKm2 < 30)
        .map((m) => m.code),
    );
    expect(median(cells.filter((c) => sparse.has(c.municipalityCode!)).map((c) => c.radiusM))).toBeGreaterThan(3000);
  });

  it('uses mostly LTE, with NR mainly in cities', () => {
    const share = (list: CellRecord[], rat: string) => list.filter((c) => c.rat === rat).length / list.length;
    expect(share(cells, 'LTE')).toBeGreaterThan(0.7);
    const milano = cells.filter((c) => c.municipalityCode === '015146');
    const sparse = cells.filter((c) => c.radiusM > 4000);
    expect(share(milano, 'NR')).toBeGreaterThan(share(sparse, 'NR') * 3);
  });
});
