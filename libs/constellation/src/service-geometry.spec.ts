import { join } from 'node:path';
import { Constellation } from './constellation';
import { ConstellationError } from './constellation-error';
import { readElementSets } from './element-sets';
import type { EarthFixedCell } from './ground-point';
import { SIX_SITES } from './testing/six-sites';
import { ServiceGeometry } from './service-geometry';

const constellation = new Constellation(readElementSets(join(__dirname, '../../../data/satellites/starlink_dtc.tle')));

const CELLS: EarthFixedCell[] = [
  { id: 'palermo', lon: 13.3615, lat: 38.1157 },
  { id: 'reggio-calabria', lon: 15.6467, lat: 38.1113 },
  { id: 'lampedusa', lon: 12.6058, lat: 35.5093 },
  { id: 'trieste', lon: 13.7768, lat: 45.6495 },
];

describe('ServiceGeometry', () => {
  it('finds every satellite above the mask that a look from each cell at all 642 finds, and no other', () => {
    const geometry = new ServiceGeometry(constellation, CELLS, SIX_SITES, { cellElevationMaskDeg: 20 });
    for (const iso of ['2026-05-30T12:00:00Z', '2026-05-30T12:07:30Z', '2026-05-30T23:41:00Z']) {
      const at = new Date(iso);
      const snapshot = geometry.at(at);
      for (const cell of CELLS) {
        const everyLook = constellation.satelliteIds
          .map((satelliteId) => ({ satelliteId, elevationDeg: constellation.lookAngle(satelliteId, cell, at)?.elevationDeg ?? -90 }))
          .filter((s) => s.elevationDeg >= 20)
          .sort((a, b) => b.elevationDeg - a.elevationDeg);
        expect(snapshot.satellitesOf.get(cell.id)).toEqual(everyLook);
      }
      for (const satelliteId of constellation.satelliteIds) {
        const reached = SIX_SITES.filter((g) => (constellation.lookAngle(satelliteId, g, at)?.elevationDeg ?? -90) >= g.elevationMaskDeg)
          .map((g) => g.id)
          .sort();
        expect((snapshot.gatewaysOf.get(satelliteId) ?? []).map((g) => g.gatewayId).sort()).toEqual(reached);
      }
    }
  });

  it('serves a cell from several satellites at once over Sicily, fewer as the mask rises', () => {
    const at = new Date('2026-05-30T12:00:00Z');
    const low = new ServiceGeometry(constellation, CELLS, [], { cellElevationMaskDeg: 10 }).at(at);
    const high = new ServiceGeometry(constellation, CELLS, [], { cellElevationMaskDeg: 40 }).at(at);
    const palermoLow = low.satellitesOf.get('palermo')!;
    expect(palermoLow.length).toBeGreaterThan(1);
    expect(high.satellitesOf.get('palermo')!.length).toBeLessThan(palermoLow.length);
    expect(palermoLow.map((s) => s.elevationDeg)).toEqual([...palermoLow.map((s) => s.elevationDeg)].sort((a, b) => b - a));
  });

  it('refuses an elevation mask outside [0, 90)', () => {
    expect(() => new ServiceGeometry(constellation, CELLS, [], { cellElevationMaskDeg: 90 })).toThrow(
      new ConstellationError('constellation/bad-option', 'a cell elevation mask of 90° is outside [0, 90)'),
    );
  });
});
