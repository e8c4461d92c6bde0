import { cellToParent, getResolution } from 'h3-js';
import { generateSatelliteGrid, satelliteCellCentre } from './satellite-grid';

const cells = generateSatelliteGrid();

describe('generateSatelliteGrid', () => {
  it('covers Italy and the central Mediterranean with H3 resolution 5 cells', () => {
    expect(cells.length).toBeGreaterThan(6000);
    for (const cell of cells) {
      const hex = cell.id.slice(2);
      expect(cell.id).toBe(`S-${hex}`);
      expect(getResolution(hex)).toBe(5);
      expect(cell.kind).toBe('satellite');
      expect(cell.rat).toBe('NTN-NR');
      expect(cell.azimuthDeg).toBeNull();
      expect(cell.coverage.coordinates[0]).toHaveLength(7);
    }
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
  });

  it('routes each cell by ground gateway and beam group, one H3 parent per route', () => {
    const parentsByRoute = new Map<string, Set<string>>();
    for (const cell of cells) {
      expect(cell.routeId).toMatch(new RegExp(`^${cell.gatewayId}-bg\\d{2}$`));
      const parents = parentsByRoute.get(cell.routeId) ?? new Set<string>();
      parents.add(cellToParent(cell.id.slice(2), 3));
      parentsByRoute.set(cell.routeId, parents);
    }
    for (const parents of parentsByRoute.values()) expect(parents.size).toBe(1);
    expect(new Set(cells.map((c) => c.gatewayId))).toEqual(new Set(['sat-nord', 'sat-centro', 'sat-sud', 'sat-isole']));
  });

  it('assigns Sicily to the islands gateway and Lombardy to the northern one', () => {
    const near = (lon: number, lat: number) =>
      cells.reduce((best, c) =>
        Math.hypot(c.site[0] - lon, c.site[1] - lat) < Math.hypot(best.site[0] - lon, best.site[1] - lat) ? c : best,
      );
    expect(near(14.0, 37.5).gatewayId).toBe('sat-isole');
    expect(near(9.19, 45.46).gatewayId).toBe('sat-nord');
  });

  it('builds a coarser grid on request', () => {
    const coarse = generateSatelliteGrid({ resolution: 4 });
    expect(coarse.length).toBeLessThan(cells.length / 5);
    expect(getResolution(coarse[0].id.slice(2))).toBe(4);
  });
});

describe('satelliteCellCentre', () => {
  it('gives back the site of every grid cell from its id, and null for a terrestrial or malformed id', () => {
    for (const cell of generateSatelliteGrid().slice(0, 200)) expect(satelliteCellCentre(cell.id)).toEqual({ lon: cell.site[0], lat: cell.site[1] });
    expect(satelliteCellCentre('T-222-1-123')).toBeNull();
    expect(satelliteCellCentre('S-nothex')).toBeNull();
  });
});
