import {
  degreesToRadians,
  ecfToLookAngles,
  eciToEcf,
  geodeticToEcf,
  gstime,
  propagate,
  radiansToDegrees,
  twoline2satrec,
  type EcfVec3,
  type GeodeticLocation,
  type SatRec,
} from 'satellite.js';
import { ConstellationError } from './constellation-error';
import type { ElementSet } from './element-sets';
import type { GroundPoint } from './ground-point';

export interface LookAngle {
  elevationDeg: number;
  azimuthDeg: number;
  rangeKm: number;
}

export interface SatellitePosition {
  satelliteId: string;
  /** Earth-centred, earth-fixed, km. */
  ecf: EcfVec3<number>;
}

/**
 * The satellites of a set of TLEs, propagated with satellite.js (SGP4/SDP4). Every orbital
 * figure in this lib comes from here: satellite.js propagates, turns ECI into ECF with its
 * GMST, and gives the look angles; nothing here is hand-written orbital mechanics.
 */
export class Constellation {
  private readonly satellites = new Map<string, { set: ElementSet; satrec: SatRec }>();

  constructor(sets: readonly ElementSet[]) {
    for (const set of sets) {
      const satrec = twoline2satrec(set.line1, set.line2);
      if (satrec.error !== 0) {
        throw new ConstellationError('constellation/bad-element-set', `${set.name}: satellite.js refuses the element set (error ${satrec.error})`);
      }
      this.satellites.set(set.satelliteId, { set, satrec });
    }
  }

  get satelliteIds(): string[] {
    return [...this.satellites.keys()];
  }

  nameOf(satelliteId: string): string {
    return this.entry(satelliteId).set.name;
  }

  /** Where the satellite is at `at` (ECF, km), or null when SGP4 cannot place it (decayed). */
  positionAt(satelliteId: string, at: Date): EcfVec3<number> | null {
    return ecfAt(this.entry(satelliteId).satrec, at, gstime(at));
  }

  /** Every satellite SGP4 can place at `at`, in id order of the element sets. */
  positionsAt(at: Date): SatellitePosition[] {
    const gmst = gstime(at);
    const out: SatellitePosition[] = [];
    for (const [satelliteId, { satrec }] of this.satellites) {
      const ecf = ecfAt(satrec, at, gmst);
      if (ecf) out.push({ satelliteId, ecf });
    }
    return out;
  }

  /** The satellite as seen from `site` at `at`, or null when SGP4 cannot place it. */
  lookAngle(satelliteId: string, site: GroundPoint, at: Date): LookAngle | null {
    const ecf = this.positionAt(satelliteId, at);
    return ecf ? lookAngleFrom(observerOf(site), ecf) : null;
  }

  private entry(satelliteId: string) {
    const found = this.satellites.get(satelliteId);
    if (!found) throw new ConstellationError('constellation/unknown-satellite', `no element set for satellite ${satelliteId}`);
    return found;
  }
}

export function observerOf(site: GroundPoint): GeodeticLocation {
  return { longitude: degreesToRadians(site.lon), latitude: degreesToRadians(site.lat), height: site.heightKm ?? 0 };
}

export function lookAngleFrom(observer: GeodeticLocation, ecf: EcfVec3<number>): LookAngle {
  const look = ecfToLookAngles(observer, ecf);
  return { elevationDeg: radiansToDegrees(look.elevation), azimuthDeg: radiansToDegrees(look.azimuth), rangeKm: look.rangeSat };
}

export function ecfOfGround(site: GroundPoint): EcfVec3<number> {
  return geodeticToEcf(observerOf(site));
}

function ecfAt(satrec: SatRec, at: Date, gmst: number): EcfVec3<number> | null {
  const pv = propagate(satrec, at);
  // satellite.js answers null (or, in older releases, position false) when SGP4 fails.
  if (!pv || typeof pv.position !== 'object') return null;
  return eciToEcf(pv.position, gmst);
}
