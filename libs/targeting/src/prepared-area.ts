import { Flatbush } from './flatbush';
import { type AreaGeometry, type BBox, geometryPolygons } from './geometry';
import type { RasterShape } from './h3-raster';
import {
  type FlatRing,
  INSIDE,
  OUTSIDE,
  PARTIAL,
  type Relation,
  ringContains,
  segmentsCrossProperly,
  segmentsIntersect,
} from './planar';

// Vertices match when equal at 1e-6° (~0.1 m): the boundary layers share vertices rounded to 1e-5°.
const VERTEX_GRID = 1e6;

/**
 * An alert area made ready for many point and ring queries: every edge of every ring (parts and
 * holes) in a flatbush, so a query touches only the edges near it instead of all of them.
 * Inside means even-odd over all rings, as in GeoJSON.
 */
export class PreparedArea implements RasterShape {
  readonly bbox: BBox;
  private readonly x1: Float64Array;
  private readonly y1: Float64Array;
  private readonly x2: Float64Array;
  private readonly y2: Float64Array;
  private readonly edges: Flatbush;
  private vertexKeys: Set<string> | null = null;
  private readonly grid: FaceGrid;
  private readonly ray = (x: number, y: number): boolean => this.rayContains(x, y);

  constructor(readonly geometry: AreaGeometry) {
    let n = 0;
    for (const polygon of geometryPolygons(geometry)) for (const ring of polygon) n += Math.max(0, ring.length - 1);
    this.x1 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    this.x2 = new Float64Array(n);
    this.y2 = new Float64Array(n);
    this.edges = new Flatbush(Math.max(1, n));
    let e = 0;
    for (const polygon of geometryPolygons(geometry)) {
      for (const ring of polygon) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i];
          const [bx, by] = ring[i + 1];
          this.x1[e] = ax;
          this.y1[e] = ay;
          this.x2[e] = bx;
          this.y2[e] = by;
          this.edges.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
          e++;
        }
      }
    }
    if (n === 0) this.edges.add(0, 0, 0, 0);
    this.edges.finish();
    this.bbox = n === 0 ? [0, 0, 0, 0] : [this.edges.minX, this.edges.minY, this.edges.maxX, this.edges.maxY];
    this.grid = new FaceGrid(this.bbox, n);
    for (let e = 0; e < n; e++) this.grid.markEdge(this.x1[e], this.y1[e], this.x2[e], this.y2[e]);
  }

  get edgeCount(): number {
    return this.x1.length;
  }

  /** Even-odd test: from the grid where no edge is near, else by a ray (rayContains). */
  contains(x: number, y: number): boolean {
    const [minX, minY, maxX, maxY] = this.bbox;
    if (this.x1.length === 0 || x < minX || x > maxX || y < minY || y > maxY) return false;
    const face = this.grid.face(x, y, x, y, this.ray);
    return face === FACE_BOUNDARY ? this.rayContains(x, y) : face === FACE_INSIDE;
  }

  /** Even-odd test, casting the ray towards the nearest side of the bbox to meet few edges. */
  private rayContains(x: number, y: number): boolean {
    const [minX, minY, maxX, maxY] = this.bbox;
    const east = maxX - x;
    const west = x - minX;
    const north = maxY - y;
    const south = y - minY;
    const nearest = Math.min(east, west, north, south);
    let inside = false;
    if (nearest === east || nearest === west) {
      const toEast = nearest === east;
      for (const e of this.edges.search(toEast ? x : minX, y, toEast ? maxX : x, y)) {
        const ax = this.x1[e];
        const ay = this.y1[e];
        const bx = this.x2[e];
        const by = this.y2[e];
        if (ay > y !== by > y) {
          const cross = ax + ((bx - ax) * (y - ay)) / (by - ay);
          if (toEast ? x < cross : x > cross) inside = !inside;
        }
      }
    } else {
      const toNorth = nearest === north;
      for (const e of this.edges.search(x, toNorth ? y : minY, x, toNorth ? maxY : y)) {
        const ax = this.x1[e];
        const ay = this.y1[e];
        const bx = this.x2[e];
        const by = this.y2[e];
        if (ax > x !== bx > x) {
          const cross = ay + ((by - ay) * (x - ax)) / (bx - ax);
          if (toNorth ? y < cross : y > cross) inside = !inside;
        }
      }
    }
    return inside;
  }

  /**
   * Exact relation of a small closed ring (a cell's coverage, a hexagon) to the area:
   * OUTSIDE (no common point), INSIDE (ring and its interior within the area), PARTIAL
   * (any other contact, touching included, as GeoJSON/turf `booleanIntersects`).
   */
  relate(ring: FlatRing, [minX, minY, maxX, maxY]: BBox): Relation {
    // A ring in grid cells that no edge reaches lies wholly on one side of the boundary.
    if (this.x1.length === 0) return OUTSIDE;
    const face = this.grid.face(minX, minY, maxX, maxY, this.ray);
    if (face !== FACE_BOUNDARY) return face === FACE_INSIDE ? INSIDE : OUTSIDE;
    const { xy, from, to } = ring;
    const near = this.edges.search(minX, minY, maxX, maxY);
    if (near.length === 0) return this.contains(xy[2 * from], xy[2 * from + 1]) ? INSIDE : OUTSIDE;
    for (let i = from; i < to - 1; i++) {
      const ax = xy[2 * i];
      const ay = xy[2 * i + 1];
      const bx = xy[2 * i + 2];
      const by = xy[2 * i + 3];
      const sMinX = Math.min(ax, bx);
      const sMaxX = Math.max(ax, bx);
      const sMinY = Math.min(ay, by);
      const sMaxY = Math.max(ay, by);
      for (const e of near) {
        const cx = this.x1[e];
        const cy = this.y1[e];
        const dx = this.x2[e];
        const dy = this.y2[e];
        if (Math.max(cx, dx) < sMinX || Math.min(cx, dx) > sMaxX || Math.max(cy, dy) < sMinY || Math.min(cy, dy) > sMaxY) {
          continue;
        }
        if (segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) return PARTIAL;
      }
    }
    // No boundary contact: a part or hole of the area lies wholly inside the ring, or the ring
    // lies wholly inside or outside the area.
    for (const e of near) if (ringContains(ring, this.x1[e], this.y1[e])) return PARTIAL;
    return this.contains(xy[2 * from], xy[2 * from + 1]) ? INSIDE : OUTSIDE;
  }

  /** Edge indices whose bbox overlaps the given bbox. */
  edgesNear([minX, minY, maxX, maxY]: BBox): number[] {
    return this.x1.length === 0 ? [] : this.edges.search(minX, minY, maxX, maxY);
  }

  edgeStart(e: number): [number, number] {
    return [this.x1[e], this.y1[e]];
  }

  /** Whether segment ab crosses one of the given edges at a point interior to both. */
  crossesProperly(ax: number, ay: number, bx: number, by: number, near: number[]): boolean {
    const sMinX = Math.min(ax, bx);
    const sMaxX = Math.max(ax, bx);
    const sMinY = Math.min(ay, by);
    const sMaxY = Math.max(ay, by);
    for (const e of near) {
      const cx = this.x1[e];
      const cy = this.y1[e];
      const dx = this.x2[e];
      const dy = this.y2[e];
      if (Math.max(cx, dx) < sMinX || Math.min(cx, dx) > sMaxX || Math.max(cy, dy) < sMinY || Math.min(cy, dy) > sMaxY) {
        continue;
      }
      if (segmentsCrossProperly(ax, ay, bx, by, cx, cy, dx, dy)) return true;
    }
    return false;
  }

  /** Whether (x, y) is one of the area's vertices (boundary layers share their vertices). */
  isVertex(x: number, y: number): boolean {
    if (!this.vertexKeys) {
      this.vertexKeys = new Set();
      for (let e = 0; e < this.x1.length; e++) this.vertexKeys.add(vertexKey(this.x1[e], this.y1[e]));
    }
    return this.vertexKeys.has(vertexKey(x, y));
  }
}

function vertexKey(x: number, y: number): string {
  return `${Math.round(x * VERTEX_GRID)},${Math.round(y * VERTEX_GRID)}`;
}

const FACE_UNKNOWN = 0;
const FACE_INSIDE = 1;
const FACE_OUTSIDE = 2;
const FACE_BOUNDARY = 3;
// A box over more grid cells than this is left to the edge search.
const MAX_FACE_CELLS = 64;

/**
 * A coarse grid over an area's bbox: a grid cell that no edge's bbox reaches lies wholly inside
 * or wholly outside the area, so one ray from its centre (cast on first use) answers every point
 * and ring within it. Most of a large area's cells and hexagons are far from its boundary.
 */
class FaceGrid {
  private readonly n: number;
  private readonly cellW: number;
  private readonly cellH: number;
  private readonly faces: Uint8Array;

  constructor(
    private readonly bbox: BBox,
    edges: number,
  ) {
    // About as many grid cells as edges (up to 256 × 256): a region's ~10⁴ edges leave most of
    // its cells clear; a circle's 64 leave its middle clear.
    this.n = Math.min(256, Math.max(4, Math.ceil(Math.sqrt(edges))));
    this.cellW = (bbox[2] - bbox[0]) / this.n || 1;
    this.cellH = (bbox[3] - bbox[1]) / this.n || 1;
    this.faces = new Uint8Array(this.n * this.n);
  }

  markEdge(ax: number, ay: number, bx: number, by: number): void {
    const [gx0, gy0, gx1, gy1] = this.cells(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    for (let gy = gy0; gy <= gy1; gy++) for (let gx = gx0; gx <= gx1; gx++) this.faces[gy * this.n + gx] = FACE_BOUNDARY;
  }

  /** FACE_INSIDE or FACE_OUTSIDE when every grid cell the box touches is clear and on that side, else FACE_BOUNDARY. */
  face(minX: number, minY: number, maxX: number, maxY: number, inside: (x: number, y: number) => boolean): number {
    const [gx0, gy0, gx1, gy1] = this.cells(minX, minY, maxX, maxY);
    if ((gx1 - gx0 + 1) * (gy1 - gy0 + 1) > MAX_FACE_CELLS) return FACE_BOUNDARY;
    let face = FACE_UNKNOWN;
    for (let gy = gy0; gy <= gy1; gy++) {
      for (let gx = gx0; gx <= gx1; gx++) {
        const k = gy * this.n + gx;
        let f = this.faces[k];
        if (f === FACE_BOUNDARY) return FACE_BOUNDARY;
        if (f === FACE_UNKNOWN) {
          f = inside(this.bbox[0] + (gx + 0.5) * this.cellW, this.bbox[1] + (gy + 0.5) * this.cellH) ? FACE_INSIDE : FACE_OUTSIDE;
          this.faces[k] = f;
        }
        if (face !== FACE_UNKNOWN && f !== face) return FACE_BOUNDARY;
        face = f;
      }
    }
    return face;
  }

  // The grid cells a box touches, clamped to the grid. The same monotone mapping places a box and
  // an edge it touches in a common grid cell, so touching is never missed. Clamping a box that
  // reaches past the bbox is safe: a clear grid cell on the bbox's border is outside (a point of
  // the area there would meet the boundary within the cell on its way out of the bbox).
  private cells(minX: number, minY: number, maxX: number, maxY: number): [number, number, number, number] {
    const [x0, y0] = this.bbox;
    const clamp = (g: number) => Math.min(this.n - 1, Math.max(0, g));
    return [
      clamp(Math.floor((minX - x0) / this.cellW)),
      clamp(Math.floor((minY - y0) / this.cellH)),
      clamp(Math.floor((maxX - x0) / this.cellW)),
      clamp(Math.floor((maxY - y0) / this.cellH)),
    ];
  }
}
