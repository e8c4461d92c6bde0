import { join } from 'node:path';
import { generateSatelliteGrid } from '@faro/inventory';
import { Constellation } from './constellation';
import { ConstellationSky } from './constellation-sky';
import { readElementSets } from './element-sets';
import { DEFAULT_GATEWAYS, type EarthFixedCell, type Gateway } from './ground-point';

const DATA = join(__dirname, '../../../data/satellites');
const dtc = new Constellation(readElementSets(join(DATA, 'starlink_dtc.tle')));
const NOON = new Date('2026-05-30T12:00:00Z');
const HOUR = { start: NOON, end: new Date(NOON.getTime() + 3_600_000), deadline: new Date(NOON.getTime() + 3_600_000), repetitionSeconds: 60 };

// Around the Strait of Messina, as in broadcast-scheduler.spec.ts.
const STRAIT: EarthFixedCell[] = generateSatelliteGrid()
  .filter(({ site: [lon, lat] }) => lon >= 14.8 && lon <= 16.6 && lat >= 37.5 && lat <= 39.0)
  .map(({ id, site: [lon, lat] }) => ({ id, lon, lat }));
// A gateway site far out of reach of any satellite over Sicily at a 25° mask (about 2,000 km).
const LISBOA: Gateway = { id: 'sat-lisboa', lon: -9.1, lat: 38.7, elevationMaskDeg: 25 };

describe('ConstellationSky.carrier (failover)', () => {
  const sky = new ConstellationSky(dtc, [...DEFAULT_GATEWAYS, LISBOA], { cellElevationMaskDeg: 25, beamCapacity: 48 });

  it('chooses, among the candidates only, a gateway that reaches a satellite serving the cells', () => {
    const all = DEFAULT_GATEWAYS.map((g) => g.id);
    const first = sky.carrier(STRAIT, HOUR, all);
    expect(first.gatewayId).not.toBeNull();
    expect(first.unserved).toEqual([]);
    // That gateway down: another takes the cells, and it is one of the remaining candidates.
    const rest = all.filter((id) => id !== first.gatewayId);
    const second = sky.carrier(STRAIT, HOUR, rest);
    expect(rest).toContain(second.gatewayId);
    // Checked apart from the choice: at the window's start, some DtC satellite is above both the
    // chosen gateway's mask and the mask of a Strait cell (satellite.js look angles).
    const gateway = DEFAULT_GATEWAYS.find((g) => g.id === second.gatewayId)!;
    const cell = STRAIT[0];
    const shared = dtc.satelliteIds.filter((id) => (dtc.lookAngle(id, gateway, NOON)?.elevationDeg ?? -90) >= 25 && (dtc.lookAngle(id, cell, NOON)?.elevationDeg ?? -90) >= 25);
    expect(shared.length).toBeGreaterThan(0);
  });

  it('names no carrier when no candidate can reach the cells before the deadline, and says why per cell', () => {
    const out = sky.carrier(STRAIT, HOUR, ['sat-lisboa']);
    expect(out.gatewayId).toBeNull();
    expect(out.unserved).toHaveLength(STRAIT.length);
    expect(new Set(out.unserved.map((u) => u.reason))).toEqual(new Set(['no-gateway-in-view']));
  });

  it('names no carrier without candidates, or for a gateway the sky does not know', () => {
    expect(sky.carrier(STRAIT, HOUR, []).gatewayId).toBeNull();
    expect(sky.carrier(STRAIT, HOUR, ['sat-atlantide']).gatewayId).toBeNull();
  });
});

describe('ConstellationSky.servingSatellites (what a transmission went through)', () => {
  const sky = new ConstellationSky(dtc, [...DEFAULT_GATEWAYS, LISBOA], { cellElevationMaskDeg: 25, beamCapacity: 48 });

  it('names, per cell, a satellite above both the cell and the gateway, by satellite.js look angles', () => {
    const gateway = DEFAULT_GATEWAYS.find((g) => g.id === 'sat-sud')!;
    const served = sky.servingSatellites(STRAIT, 'sat-sud', NOON);
    expect([...served.keys()]).toEqual(STRAIT.map((c) => c.id));
    const named = STRAIT.filter((c) => served.get(c.id) !== null);
    expect(named.length).toBeGreaterThan(STRAIT.length / 2);
    for (const cell of named) {
      const satelliteId = served.get(cell.id)!;
      expect(dtc.lookAngle(satelliteId, cell, NOON)!.elevationDeg).toBeGreaterThanOrEqual(25);
      expect(dtc.lookAngle(satelliteId, gateway, NOON)!.elevationDeg).toBeGreaterThanOrEqual(25);
    }
    // A cell left without a satellite has none above both masks at that instant.
    for (const cell of STRAIT.filter((c) => served.get(c.id) === null)) {
      expect(dtc.satelliteIds.filter((id) => (dtc.lookAngle(id, cell, NOON)?.elevationDeg ?? -90) >= 25 && (dtc.lookAngle(id, gateway, NOON)?.elevationDeg ?? -90) >= 25)).toEqual([]);
    }
  });

  it('names none through a gateway too far away to see the cells’ satellites, or one it does not know', () => {
    expect([...sky.servingSatellites(STRAIT, 'sat-lisboa', NOON).values()].every((v) => v === null)).toBe(true);
    expect([...sky.servingSatellites(STRAIT, 'sat-atlantide', NOON).values()].every((v) => v === null)).toBe(true);
  });
});
