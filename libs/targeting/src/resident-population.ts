import type { BoundaryCatalog } from './boundary-catalog';
import { type AreaGeometry, type BBox, geometryContains, geometryPolygons } from './geometry';
import { intersection, rasterise, resolutionFor } from './h3-raster';
import { PreparedArea } from './prepared-area';

// Hexagons per municipality when the share of a municipality cut by the area is measured.
const SHARE_HEXES = 4000;

export interface ResidentPopulation {
  residents: number;
  /** Municipalities counted whole, and those cut by the area (counted by area share). */
  whole: number;
  partial: number;
}

/**
 * Residents (ISTAT pop_2025) inside the areas, assuming people spread evenly over each comune:
 * a comune wholly inside counts in full, one cut by an area counts by the share of its area
 * inside. A comune inside two overlapping areas is counted once; one cut by two areas adds
 * both shares (capped at 1). Areas built from whole comuni (region, province, comune, DPC
 * zone) share the comuni's vertices, which the test below recognises, so they come out exact.
 * `members`, per area, lists the comuni a territory is made of (BoundaryCatalog.membersOf):
 * those count in full without a look at the geometry (a national area's 7,896 comuni), and
 * the area cuts no other comune.
 */
export function residentPopulation(
  areas: PreparedArea[],
  catalog: BoundaryCatalog,
  members: ReadonlyArray<readonly number[] | null> = [],
): ResidentPopulation {
  const municipalities = catalog.municipalities();
  const inTerritory = new Set<number>();
  for (const territory of members) for (const i of territory ?? []) inTerritory.add(i);
  const shapes = areas.filter((_, a) => !members[a]);
  const candidates = new Set<number>(inTerritory);
  for (const area of shapes) for (const i of catalog.municipalitiesInBBox(area.bbox)) candidates.add(i);

  let residents = 0;
  let whole = 0;
  let partial = 0;
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const municipality = municipalities[i];
    let share = inTerritory.has(i) ? 1 : 0;
    if (share === 0) {
      const geometry = catalog.municipalityGeometry(i);
      const bbox = catalog.municipalityBBox(i);
      for (const area of shapes) {
        // An area whose bbox misses the comune's has no share of it (of 20 regions, most).
        if (!bboxesOverlap(bbox, area.bbox)) continue;
        share += municipalityShare(geometry, bbox, municipality.innerPoint, municipality.areaKm2, area);
        if (share >= 1) break;
      }
    }
    share = Math.min(1, share);
    if (share === 1) whole++;
    else if (share > 0) partial++;
    residents += municipality.population * share;
  }
  return { residents: Math.round(residents), whole, partial };
}

function municipalityShare(
  geometry: AreaGeometry,
  bbox: BBox,
  [ix, iy]: [number, number],
  areaKm2: number,
  area: PreparedArea,
): number {
  const near = area.edgesNear(bbox);
  if (near.length === 0) return area.contains(ix, iy) ? 1 : 0;

  const polygons = geometryPolygons(geometry);
  if (!crossesBoundary(polygons, area, near)) {
    // No edge of the comune crosses the area's boundary: vertices off the boundary are all on
    // one side, unless the area has a part or a hole inside the comune.
    let inside = 0;
    let outside = 0;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (const [x, y] of ring) {
          if (area.isVertex(x, y)) continue;
          if (area.contains(x, y)) inside++;
          else outside++;
        }
      }
    }
    if (inside === 0 || outside === 0) {
      const own = new Set<string>();
      for (const polygon of polygons) for (const ring of polygon) for (const [x, y] of ring) own.add(`${x},${y}`);
      const areaInsideComune = near.some((e) => {
        const [x, y] = area.edgeStart(e);
        return !own.has(`${x},${y}`) && geometryContains(geometry, x, y);
      });
      if (!areaInsideComune) {
        const innerInside = area.contains(ix, iy);
        if (outside === 0 && (inside > 0 || innerInside)) return 1;
        if (inside === 0 && (outside > 0 || !innerInside)) return 0;
      }
    }
  }
  return measuredShare(geometry, areaKm2, area);
}

function crossesBoundary(polygons: number[][][][], area: PreparedArea, near: number[]): boolean {
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k];
        const [bx, by] = ring[k + 1];
        if (area.crossesProperly(ax, ay, bx, by, near)) return true;
      }
    }
  }
  return false;
}

// Share of the comune's area inside the area, on an H3 raster of ~SHARE_HEXES hexagons.
function measuredShare(geometry: AreaGeometry, areaKm2: number, area: PreparedArea): number {
  const comune = new PreparedArea(geometry);
  const resolution = resolutionFor(areaKm2, SHARE_HEXES);
  const all = rasterise(comune, resolution, false).count;
  if (all === 0) return 0;
  return rasterise(intersection(comune, area), resolution, false).count / all;
}

function bboxesOverlap([aMinX, aMinY, aMaxX, aMaxY]: BBox, [bMinX, bMinY, bMaxX, bMaxY]: BBox): boolean {
  return aMinX <= bMaxX && bMinX <= aMaxX && aMinY <= bMaxY && bMinY <= aMaxY;
}
