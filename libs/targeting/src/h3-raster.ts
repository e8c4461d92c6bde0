import {
  cellArea,
  cellToBoundary,
  cellToChildren,
  cellToChildrenSize,
  cellToCenterChild,
  cellToLatLng,
  getHexagonAreaAvg,
  getHexagonEdgeLengthAvg,
  latLngToCell,
  polygonToCells,
} from 'h3-js';
import type { CellIndex } from './cell-index';
import type { BBox } from './geometry';
import { type FlatRing, INSIDE, OUTSIDE, PARTIAL, type Relation, relateRings } from './planar';
import type { PreparedArea } from './prepared-area';

/**
 * A region to rasterise: `contains` decides single points (hexagon centres), `relate` lets
 * whole hexagons be accepted or skipped without visiting their descendants.
 */
export interface RasterShape {
  readonly bbox: BBox;
  relate(ring: FlatRing, bbox: BBox): Relation;
  contains(x: number, y: number): boolean;
}

export const MAX_RESOLUTION = 13;
const COARSE_START_HEXES = 64;
// The centres of all descendants of an H3 cell lie within 1.03 × its circumradius of its centre
// (measured over Italy for 1 to 6 levels down); a hexagon scaled by 1.3 has an inradius of
// 1.13 × the original circumradius, so deciding on the scaled hexagon is safe for every level.
const DESCENDANT_SPREAD = 1.3;

export interface Raster {
  resolution: number;
  count: number;
  /** Sum of the areas of the hexagons (H3 cells vary by ±7% in size across Italy). */
  areaKm2: number;
  /** Only when asked for: the hexes themselves. */
  hexes: string[];
}

/**
 * The H3 cells at `resolution` whose centre lies in the shape, found top-down: a coarse cell
 * wholly inside is taken with all its descendants, one wholly outside is dropped, and only
 * cells on the boundary are split further, so the work follows the boundary, not the area.
 */
export function rasterise(shape: RasterShape, resolution: number, collect: boolean): Raster {
  return rasteriseSplit(shape, null, resolution, { all: collect }).all;
}

export interface SplitRaster {
  /** The shape's hexagons. */
  all: Raster;
  /** Those whose centre also lies in `split`, and the rest. */
  inside: Raster;
  outside: Raster;
}

// What is known of a hexagon's descendants from an ancestor: nothing, or that they all lie in
// (or out of) the split.
const UNKNOWN = 0;
const IN_SPLIT = 1;
const OUT_OF_SPLIT = 2;

/**
 * rasterise() of `shape`, telling in the same pass its hexagons whose centre lies in `split`
 * from the others: one walk where two rasters (shape, then shape ∩ split or shape − split)
 * would each relate the shape again. With no split, everything is outside it.
 */
export function rasteriseSplit(
  shape: RasterShape,
  split: RasterShape | null,
  resolution: number,
  collect: { all?: boolean; inside?: boolean; outside?: boolean } = {},
): SplitRaster {
  const raster = (): Raster => ({ resolution, count: 0, areaKm2: 0, hexes: [] });
  const result: SplitRaster = { all: raster(), inside: raster(), outside: raster() };
  const { all, inside, outside } = result;
  const [minX, minY, maxX, maxY] = shape.bbox;
  if (!(minX <= maxX && minY <= maxY)) return result;
  const collecting = new Set((['all', 'inside', 'outside'] as const).filter((k) => collect[k]).map((k) => result[k]));

  // Adds a hexagon's descendants at `resolution` to a raster.
  const take = (to: Raster, hex: string) => {
    const children = cellToChildrenSize(hex, resolution);
    to.count += children;
    to.areaKm2 += children * cellArea(cellToCenterChild(hex, resolution), 'km2');
    if (collecting.has(to)) for (const child of cellToChildren(hex, resolution)) to.hexes.push(child);
  };
  const takeOne = (to: Raster, hex: string, km2: number) => {
    to.count++;
    to.areaKm2 += km2;
    if (collecting.has(to)) to.hexes.push(hex);
  };

  const start = startResolution(shape.bbox, resolution);
  // [hex, level, whether it lies wholly in the shape (already taken into `all`), what is known of the split]
  const stack: Array<[string, number, boolean, number]> = startCells(shape.bbox, start).map((h) => [h, start, false, split ? UNKNOWN : OUT_OF_SPLIT]);
  while (stack.length > 0) {
    const [hex, level, inShape, known] = stack.pop()!;
    if (level === resolution) {
      const [lat, lon] = cellToLatLng(hex);
      if (!inShape && !shape.contains(lon, lat)) continue;
      const km2 = cellArea(hex, 'km2');
      if (!inShape) takeOne(all, hex, km2);
      const inSplit = known === UNKNOWN ? split!.contains(lon, lat) : known === IN_SPLIT;
      takeOne(inSplit ? inside : outside, hex, km2);
      continue;
    }
    const [ring, box] = spreadRing(hex);
    const relation = inShape ? INSIDE : shape.relate(ring, box);
    if (relation === OUTSIDE) continue;
    let splitKnown = known;
    if (known === UNKNOWN) {
      const r = split!.relate(ring, box);
      if (r !== PARTIAL) splitKnown = r === INSIDE ? IN_SPLIT : OUT_OF_SPLIT;
    }
    if (relation === INSIDE) {
      if (!inShape) take(all, hex);
      if (splitKnown !== UNKNOWN) {
        take(splitKnown === IN_SPLIT ? inside : outside, hex);
        continue;
      }
    }
    for (const child of cellToChildren(hex, level + 1)) stack.push([child, level + 1, relation === INSIDE, splitKnown]);
  }
  return result;
}

/** The finest resolution (≤ MAX_RESOLUTION) at which areaKm2 takes at most maxHexes hexagons. */
export function resolutionFor(areaKm2: number, maxHexes: number): number {
  for (let r = MAX_RESOLUTION; r > 0; r--) {
    if (areaKm2 / getHexagonAreaAvg(r, 'km2') <= maxHexes) return r;
  }
  return 0;
}

export function hexEdgeKm(resolution: number): number {
  return getHexagonEdgeLengthAvg(resolution, 'km');
}

function startResolution([minX, minY, maxX, maxY]: BBox, resolution: number): number {
  const midLat = ((minY + maxY) / 2) * (Math.PI / 180);
  const bboxKm2 = (maxX - minX) * 111.32 * Math.cos(midLat) * (maxY - minY) * 110.574;
  let start = resolution;
  while (start > 0 && bboxKm2 / getHexagonAreaAvg(start, 'km2') > COARSE_START_HEXES) start--;
  return start;
}

// Every cell at `start` that can have a descendant centred in the bbox: centres within the
// bbox grown by twice the edge length, plus the cells under its corners and centre.
function startCells([minX, minY, maxX, maxY]: BBox, start: number): string[] {
  const marginKm = 2 * getHexagonEdgeLengthAvg(start, 'km');
  const maxAbsLat = Math.min(89, Math.max(Math.abs(minY), Math.abs(maxY)));
  const dLat = marginKm / 110.574;
  const dLon = Math.min(180, marginKm / (111.32 * Math.cos((maxAbsLat * Math.PI) / 180)));
  const x0 = Math.max(-180, minX - dLon);
  const x1 = Math.min(180, maxX + dLon);
  const y0 = Math.max(-89.9, minY - dLat);
  const y1 = Math.min(89.9, maxY + dLat);
  const cells = new Set(
    polygonToCells(
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
      start,
      true,
    ),
  );
  for (const [x, y] of [
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
    [(minX + maxX) / 2, (minY + maxY) / 2],
  ]) {
    cells.add(latLngToCell(y, x, start));
  }
  return [...cells].sort();
}

function spreadRing(hex: string): [FlatRing, BBox] {
  const [cLat, cLon] = cellToLatLng(hex);
  const boundary = cellToBoundary(hex, true);
  const xy = new Float64Array(boundary.length * 2);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  boundary.forEach(([x, y], i) => {
    const sx = cLon + (x - cLon) * DESCENDANT_SPREAD;
    const sy = cLat + (y - cLat) * DESCENDANT_SPREAD;
    xy[2 * i] = sx;
    xy[2 * i + 1] = sy;
    if (sx < minX) minX = sx;
    if (sy < minY) minY = sy;
    if (sx > maxX) maxX = sx;
    if (sy > maxY) maxY = sy;
  });
  return [{ xy, from: 0, to: boundary.length }, [minX, minY, maxX, maxY]];
}

/** The union of prepared alert areas. */
export function areaUnion(areas: PreparedArea[]): RasterShape {
  return {
    bbox: unionBBox(areas.map((a) => a.bbox)),
    relate(ring, box) {
      let partial = false;
      for (const area of areas) {
        const r = area.relate(ring, box);
        if (r === INSIDE) return INSIDE;
        if (r === PARTIAL) partial = true;
      }
      return partial ? PARTIAL : OUTSIDE;
    },
    contains: (x, y) => areas.some((a) => a.contains(x, y)),
  };
}

// Past this many cells under one hexagon, deciding the hexagon as a whole rarely pays off
// (small sectors seldom contain a whole hexagon): split it instead.
const MAX_CELLS_TO_RELATE = 24;

/** The union of the coverage of the index cells for which `selected[i]` is set. */
export function cellUnion(index: CellIndex, selected: Uint8Array, bbox: BBox): RasterShape {
  const largest = index.largestCell;
  const near: number[] = [];
  return {
    bbox,
    relate(ring, [minX, minY, maxX, maxY]) {
      // One cell covering the whole hexagon decides it (a satellite cell over a dense city's
      // sectors); only a cell whose bbox holds the hexagon's can, and none when the hexagon is
      // larger than every cell. Otherwise the search stops once there are too many cells to relate.
      const mayContain = maxX - minX <= largest.width && maxY - minY <= largest.height;
      near.length = 0;
      let count = 0;
      let inside = false;
      index.someWithin([minX, minY, maxX, maxY], (i, x0, y0, x1, y1) => {
        if (!selected[i]) return false;
        count++;
        if (mayContain && x0 <= minX && y0 <= minY && x1 >= maxX && y1 >= maxY && relateRings(ring, index.ring(i)) === INSIDE) {
          return (inside = true);
        }
        if (count <= MAX_CELLS_TO_RELATE) near.push(i);
        return !mayContain && count > MAX_CELLS_TO_RELATE;
      });
      if (inside) return INSIDE;
      if (count === 0) return OUTSIDE;
      if (count > MAX_CELLS_TO_RELATE) return PARTIAL;
      let partial = false;
      for (const i of near) {
        const r = relateRings(ring, index.ring(i));
        if (r === INSIDE) return INSIDE;
        if (r === PARTIAL) partial = true;
      }
      return partial ? PARTIAL : OUTSIDE;
    },
    contains: (x, y) => index.covers(x, y, (i) => selected[i] === 1),
  };
}

/** Points of `a` that are not in `b`. */
export function difference(a: RasterShape, b: RasterShape): RasterShape {
  return {
    bbox: a.bbox,
    relate(ring, box) {
      const ra = a.relate(ring, box);
      if (ra === OUTSIDE) return OUTSIDE;
      const rb = b.relate(ring, box);
      if (rb === INSIDE) return OUTSIDE;
      return ra === INSIDE && rb === OUTSIDE ? INSIDE : PARTIAL;
    },
    contains: (x, y) => a.contains(x, y) && !b.contains(x, y),
  };
}

/** Points in both `a` and `b`. */
export function intersection(a: RasterShape, b: RasterShape): RasterShape {
  const [ax0, ay0, ax1, ay1] = a.bbox;
  const [bx0, by0, bx1, by1] = b.bbox;
  return {
    bbox: [Math.max(ax0, bx0), Math.max(ay0, by0), Math.min(ax1, bx1), Math.min(ay1, by1)],
    relate(ring, box) {
      const ra = a.relate(ring, box);
      if (ra === OUTSIDE) return OUTSIDE;
      const rb = b.relate(ring, box);
      if (rb === OUTSIDE) return OUTSIDE;
      return ra === INSIDE && rb === INSIDE ? INSIDE : PARTIAL;
    },
    contains: (x, y) => a.contains(x, y) && b.contains(x, y),
  };
}

export function unionBBox(boxes: BBox[]): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [minX, minY, maxX, maxY] of boxes) {
    box[0] = Math.min(box[0], minX);
    box[1] = Math.min(box[1], minY);
    box[2] = Math.max(box[2], maxX);
    box[3] = Math.max(box[3], maxY);
  }
  return box;
}
