import type { EcfVec3, GeodeticLocation } from 'satellite.js';
import { type Constellation, ecfOfGround, lookAngleFrom, observerOf } from './constellation';
import { ConstellationError } from './constellation-error';
import type { EarthFixedCell, Gateway } from './ground-point';

export interface SatelliteInView {
  satelliteId: string;
  elevationDeg: number;
}

// What the sky offers at one instant: per cell the satellites above its mask, per satellite
// the gateways that reach it, both sorted from the highest elevation down.
export interface ServiceSnapshot {
  at: Date;
  satellitesOf: Map<string, SatelliteInView[]>;
  gatewaysOf: Map<string, Array<{ gatewayId: string; elevationDeg: number }>>;
}

export interface ServiceGeometryOptions {
  /** A handset in a cell is served by a satellite at least this high (default 25°). */
  cellElevationMaskDeg?: number;
}

// Mean-equatorial and polar radii (WGS84, km): the pre-filter below uses the polar one, the
// smaller, so that it never drops a satellite that could be in view.
const POLAR_RADIUS_KM = 6356.752;
const PREFILTER_MARGIN_RAD = (1.0 * Math.PI) / 180;

/**
 * Which satellites serve which cells, and which gateways reach which satellites, at any instant,
 * for a fixed set of cells and gateways. Looking every satellite up from every cell would be
 * 642 × cells look angles per instant, so a satellite is first tested against a cap around the
 * cells' centroid, then each cell against the satellite's nadir (a spherical bound, with a margin,
 * on how far from the sub-satellite point the mask can be met); the elevations that decide are
 * satellite.js's look angles.
 */
export class ServiceGeometry {
  private readonly cellMask: number;
  private readonly cells: Array<{ id: string; observer: GeodeticLocation; up: Vec3 }>;
  private readonly gateways: Array<{ gateway: Gateway; observer: GeodeticLocation }>;
  private readonly cellCap: Cap;
  private readonly gatewayCap: Cap;

  constructor(
    private readonly constellation: Constellation,
    cells: readonly EarthFixedCell[],
    gateways: readonly Gateway[],
    opts: ServiceGeometryOptions = {},
  ) {
    this.cellMask = opts.cellElevationMaskDeg ?? 25;
    if (!(this.cellMask >= 0 && this.cellMask < 90)) {
      throw new ConstellationError('constellation/bad-option', `a cell elevation mask of ${this.cellMask}° is outside [0, 90)`);
    }
    this.cells = cells.map((c) => ({ id: c.id, observer: observerOf(c), up: unit(ecfOfGround(c)) }));
    this.gateways = gateways.map((g) => ({ gateway: g, observer: observerOf(g) }));
    this.cellCap = capAround(cells.map(ecfOfGround), this.cellMask);
    this.gatewayCap = capAround(gateways.map(ecfOfGround), Math.min(...gateways.map((g) => g.elevationMaskDeg), 90));
  }

  at(at: Date): ServiceSnapshot {
    const satellitesOf = new Map<string, SatelliteInView[]>(this.cells.map((c) => [c.id, []]));
    const gatewaysOf = new Map<string, Array<{ gatewayId: string; elevationDeg: number }>>();
    for (const { satelliteId, ecf } of this.constellation.positionsAt(at)) {
      if (mayBeInView(this.gatewayCap, ecf)) {
        const seen = [];
        for (const { gateway, observer } of this.gateways) {
          const { elevationDeg } = lookAngleFrom(observer, ecf);
          if (elevationDeg >= gateway.elevationMaskDeg) seen.push({ gatewayId: gateway.id, elevationDeg });
        }
        if (seen.length > 0) gatewaysOf.set(satelliteId, seen.sort(byElevation));
      }
      if (!mayBeInView(this.cellCap, ecf)) continue;
      const nadir = unit(ecf);
      const reach = reachOf(ecf, this.cellCap.maskRad) + PREFILTER_MARGIN_RAD;
      const minCos = Math.cos(reach);
      for (const { id, observer, up } of this.cells) {
        if (dot(nadir, up) < minCos) continue;
        const { elevationDeg } = lookAngleFrom(observer, ecf);
        if (elevationDeg >= this.cellMask) satellitesOf.get(id)!.push({ satelliteId, elevationDeg });
      }
    }
    for (const list of satellitesOf.values()) list.sort(byElevation);
    return { at, satellitesOf, gatewaysOf };
  }
}

function byElevation<T extends { elevationDeg: number }>(a: T, b: T): number {
  return b.elevationDeg - a.elevationDeg;
}

// A spherical cap holding every site: its axis and angular radius, and the mask to meet.
interface Cap {
  axis: [number, number, number];
  radiusRad: number;
  maskRad: number;
}

function capAround(sites: EcfVec3<number>[], maskDeg: number): Cap {
  if (sites.length === 0) return { axis: [0, 0, 1], radiusRad: -Infinity, maskRad: 0 };
  const units = sites.map(unit);
  const sum = units.reduce<[number, number, number]>((s, u) => [s[0] + u[0], s[1] + u[1], s[2] + u[2]], [0, 0, 0]);
  const axis = unit({ x: sum[0], y: sum[1], z: sum[2] });
  const radiusRad = Math.max(...units.map((u) => Math.acos(Math.min(1, dot(u, axis)))));
  return { axis, radiusRad, maskRad: (maskDeg * Math.PI) / 180 };
}

// On a sphere of radius R, a satellite at distance r from the centre is at elevation ≥ mask
// only within the earth-central angle acos(R·cos(mask)/r) − mask of its nadir (reachOf).
function mayBeInView(cap: Cap, ecf: EcfVec3<number>): boolean {
  const reach = reachOf(ecf, cap.maskRad);
  const angle = Math.acos(Math.max(-1, Math.min(1, dot(unit(ecf), cap.axis))));
  return angle <= reach + cap.radiusRad + PREFILTER_MARGIN_RAD;
}

function reachOf(ecf: EcfVec3<number>, maskRad: number): number {
  const r = Math.hypot(ecf.x, ecf.y, ecf.z);
  return Math.acos(Math.min(1, (POLAR_RADIUS_KM * Math.cos(maskRad)) / r)) - maskRad;
}

type Vec3 = [number, number, number];

function unit(v: EcfVec3<number>): [number, number, number] {
  const n = Math.hypot(v.x, v.y, v.z);
  return [v.x / n, v.y / n, v.z / n];
}

function dot(a: [number, number, number], b: [number, number, number]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
