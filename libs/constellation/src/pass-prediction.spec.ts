import { join } from 'node:path';
import {
  degreesToRadians,
  ecfToLookAngles,
  eciToEcf,
  gstime,
  propagate,
  radiansToDegrees,
  twoline2satrec,
} from 'satellite.js';
import { Constellation } from './constellation';
import { ConstellationError } from './constellation-error';
import { type ElementSet, readElementSets } from './element-sets';
import type { GroundPoint } from './ground-point';
import { predictPasses } from './pass-prediction';

const DATA = join(__dirname, '../../../data/satellites');
const stations = readElementSets(join(DATA, 'stations.tle'));
const dtc = readElementSets(join(DATA, 'starlink_dtc.tle'));
const constellation = new Constellation([...stations, ...dtc]);

const ROME: GroundPoint = { lon: 12.4964, lat: 41.9028 };
const PALERMO: GroundPoint = { lon: 13.3615, lat: 38.1157 };
const MILAN: GroundPoint = { lon: 9.19, lat: 45.4642, heightKm: 0.12 };

function byName(sets: ElementSet[], name: string): ElementSet {
  return sets.find((s) => s.name === name)!;
}

// The look angle as satellite.js's README computes it, written out here apart from the lib.
const satrecs = new Map<string, ReturnType<typeof twoline2satrec>>();
function lookFromSatelliteJs(set: ElementSet, site: GroundPoint, at: Date) {
  if (!satrecs.has(set.satelliteId)) satrecs.set(set.satelliteId, twoline2satrec(set.line1, set.line2));
  const satrec = satrecs.get(set.satelliteId)!;
  const pv = propagate(satrec, at)!;
  const ecf = eciToEcf(pv.position, gstime(at));
  const look = ecfToLookAngles({ longitude: degreesToRadians(site.lon), latitude: degreesToRadians(site.lat), height: site.heightKm ?? 0 }, ecf);
  return { elevationDeg: radiansToDegrees(look.elevation), rangeKm: look.rangeSat, radiusKm: Math.hypot(ecf.x, ecf.y, ecf.z) };
}

// The rising edges of the elevation through the mask, second by second, from satellite.js alone.
function risingSecondsFromSatelliteJs(set: ElementSet, site: GroundPoint, start: Date, hours: number, mask: number): number[] {
  const out: number[] = [];
  let wasAbove = lookFromSatelliteJs(set, site, start).elevationDeg >= mask;
  for (let s = 1; s <= hours * 3600; s++) {
    const t = start.getTime() + s * 1000;
    const isAbove = lookFromSatelliteJs(set, site, new Date(t)).elevationDeg >= mask;
    if (isAbove && !wasAbove) out.push(t);
    wasAbove = isAbove;
  }
  return out;
}

const cases = [
  { what: 'the ISS over Rome', set: byName(stations, 'ISS (ZARYA)'), site: ROME, mask: 0, start: '2026-05-30T12:00:00Z' },
  { what: 'a Direct-to-Cell Starlink over Palermo above 25°', set: byName(dtc, 'STARLINK-11072 [DTC]'), site: PALERMO, mask: 25, start: '2026-05-30T00:00:00Z' },
  { what: 'the Tiangong core module over Milan', set: byName(stations, 'CSS (TIANHE)'), site: MILAN, mask: 10, start: '2026-05-30T14:00:00Z' },
];

describe('predictPasses', () => {
  describe.each(cases)('$what', ({ set, site, mask, start }) => {
    const window = { start: new Date(start), end: new Date(Date.parse(start) + 6 * 3600_000) };
    const passes = predictPasses(constellation, set.satelliteId, site, window, { elevationMaskDeg: mask, stepSeconds: 10 });
    const complete = passes.filter((p) => p.aos && p.los);

    it('finds the same rises as a second-by-second scan of satellite.js', () => {
      const rises = risingSecondsFromSatelliteJs(set, site, window.start, 6, mask);
      expect(rises.length).toBeGreaterThan(0);
      expect(passes.filter((p) => p.aos).length).toBe(rises.length);
      passes.filter((p) => p.aos).forEach((p, i) => {
        // The scan names the first whole second above the mask, so the crossing lies in the
        // second before it; the prediction is refined to within its 0.5 s precision.
        expect(p.aos!.getTime()).toBeGreaterThan(rises[i] - 1000);
        expect(p.aos!.getTime()).toBeLessThanOrEqual(rises[i] + 500);
      });
    });

    it('puts AOS and LOS where the elevation crosses the mask: below before AOS, above between, below after LOS', () => {
      expect(complete.length).toBeGreaterThan(0);
      for (const p of complete) {
        const aos = p.aos!.getTime();
        const los = p.los!.getTime();
        expect(lookFromSatelliteJs(set, site, new Date(aos - 1000)).elevationDeg).toBeLessThan(mask);
        expect(lookFromSatelliteJs(set, site, new Date(aos + 1000)).elevationDeg).toBeGreaterThanOrEqual(mask);
        expect(lookFromSatelliteJs(set, site, new Date(los - 1000)).elevationDeg).toBeGreaterThanOrEqual(mask);
        expect(lookFromSatelliteJs(set, site, new Date(los + 1000)).elevationDeg).toBeLessThan(mask);
        expect(p.culmination.getTime()).toBeGreaterThan(aos);
        expect(p.culmination.getTime()).toBeLessThan(los);
        // A LEO pass above the horizon lasts minutes, never more than a quarter of an orbit.
        expect(los - aos).toBeLessThan(25 * 60_000);
        // Rising and setting on different sides of the sky.
        expect(Math.abs(p.aosAzimuthDeg! - p.losAzimuthDeg!)).toBeGreaterThan(20);
      }
    });

    it('gives the culmination satellite.js gives, and no higher elevation either side of it', () => {
      for (const p of complete) {
        const at = p.culmination.getTime();
        const peak = lookFromSatelliteJs(set, site, p.culmination).elevationDeg;
        expect(p.maxElevationDeg).toBeCloseTo(peak, 6);
        expect(lookFromSatelliteJs(set, site, new Date(at - 5000)).elevationDeg).toBeLessThanOrEqual(peak);
        expect(lookFromSatelliteJs(set, site, new Date(at + 5000)).elevationDeg).toBeLessThanOrEqual(peak);
      }
    });
  });

  it('sees the ISS at 0° elevation at the geometric horizon distance, √(r² − R²)', () => {
    const iss = byName(stations, 'ISS (ZARYA)');
    const window = { start: new Date('2026-05-30T12:00:00Z'), end: new Date('2026-05-31T00:00:00Z') };
    const [pass] = predictPasses(constellation, iss.satelliteId, ROME, window).filter((p) => p.aos);
    const { rangeKm, radiusKm } = lookFromSatelliteJs(iss, ROME, pass.aos!);
    // Rome's distance from the earth's centre is ≈ 6368.6 km (WGS84 at 41.9°N).
    expect(rangeKm).toBeCloseTo(Math.sqrt(radiusKm ** 2 - 6368.6 ** 2), -1);
  });

  it('refuses a window that ends before it starts', () => {
    const window = { start: new Date('2026-05-30T12:00:00Z'), end: new Date('2026-05-30T11:00:00Z') };
    expect(() => predictPasses(constellation, '25544', ROME, window)).toThrow(
      new ConstellationError('constellation/bad-window', 'a time window needs a start no later than its end'),
    );
  });

  it('refuses a satellite it has no element set for', () => {
    const window = { start: new Date('2026-05-30T12:00:00Z'), end: new Date('2026-05-30T13:00:00Z') };
    expect(() => predictPasses(constellation, '99999', ROME, window)).toThrow(
      expect.objectContaining({ code: 'constellation/unknown-satellite', message: 'no element set for satellite 99999' }),
    );
  });
});
