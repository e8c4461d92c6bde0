import { Flatbush } from './flatbush';
import type { Polygon } from 'geojson';
import type { CellKind, CellRecord } from './cell-record';
import type { AreaGeometry, BBox } from './geometry';
import { type FlatRing, OUTSIDE, type Relation, ringContains } from './planar';
import { PreparedArea } from './prepared-area';

export type IndexableCell = Pick<CellRecord, 'id' | 'kind' | 'routeId' | 'gatewayId' | 'bbox' | 'coverage'>;

export interface IndexedCell {
  id: string;
  kind: CellKind;
  routeId: string;
  gatewayId: string;
  bbox: BBox;
  coverage: Polygon;
}

const KINDS: CellKind[] = ['terrestrial', 'satellite'];

/**
 * Cells packed into typed arrays (coverage outer rings, bboxes, route and kind codes) behind a
 * flatbush over their bboxes: the CellRecord objects can be dropped once the index is built.
 * Queries take flatbush candidates by bbox, then test the coverage ring exactly.
 */
export class CellIndex {
  private largest: { width: number; height: number } | null = null;

  private constructor(
    private readonly ids: string[],
    private readonly kinds: Uint8Array,
    private readonly routeCodes: Uint32Array,
    private readonly routes: Array<{ routeId: string; gatewayId: string }>,
    private readonly bboxes: Float64Array,
    private readonly ringStart: Uint32Array,
    private readonly xy: Float64Array,
    private readonly tree: Flatbush,
    /**
     * Whether the cells are in the order of their ids (as Array.prototype.sort puts strings), so
     * that cells listed by index are listed by id. An index loaded page by page in id order
     * usually is; it is checked, since PostgreSQL's collation may order ids otherwise.
     */
    readonly idsAscending: boolean,
  ) {}

  static build(cells: ArrayLike<IndexableCell>): CellIndex {
    let points = 0;
    for (let i = 0; i < cells.length; i++) points += cells[i].coverage.coordinates[0].length;
    const builder = new CellIndexBuilder({ cells: cells.length, points });
    for (let i = 0; i < cells.length; i++) builder.add(cells[i]);
    return builder.finish();
  }

  /** @internal the builder's packed arrays, tree built over their bboxes. */
  static packed(p: Packed): CellIndex {
    const n = p.ids.length;
    const tree = new Flatbush(Math.max(1, n));
    for (let i = 0; i < n; i++) tree.add(p.bboxes[4 * i], p.bboxes[4 * i + 1], p.bboxes[4 * i + 2], p.bboxes[4 * i + 3]);
    if (n === 0) tree.add(0, 0, 0, 0);
    tree.finish();
    return new CellIndex(p.ids, p.kinds, p.routeCodes, p.routes, p.bboxes, p.ringStart, p.xy, tree, isAscending(p.ids));
  }

  get size(): number {
    return this.ids.length;
  }

  /** Approximate bytes held by the typed arrays and the flatbush (ids strings not included). */
  get byteLength(): number {
    return (
      this.kinds.byteLength +
      this.routeCodes.byteLength +
      this.bboxes.byteLength +
      this.ringStart.byteLength +
      this.xy.byteLength +
      this.tree.data.byteLength
    );
  }

  /** Indices, ascending, of the cells whose coverage has a point in common with the area. */
  intersecting(area: AreaGeometry): number[] {
    const prepared = new PreparedArea(area);
    return this.within(prepared.bbox)
      .filter((i) => this.relate(i, prepared) !== OUTSIDE)
      .sort((a, b) => a - b);
  }

  /** Indices of the cells whose bbox overlaps bbox (no exact test). */
  within([minX, minY, maxX, maxY]: BBox): number[] {
    if (this.size === 0) return [];
    return this.tree.search(minX, minY, maxX, maxY);
  }

  /**
   * Calls `visit` with each cell whose bbox overlaps bbox, and that cell's bbox, until it returns
   * true; answers whether it did. Unlike within(), a caller that has its answer stops the search.
   */
  someWithin([minX, minY, maxX, maxY]: BBox, visit: (i: number, x0: number, y0: number, x1: number, y1: number) => boolean): boolean {
    if (this.size === 0) return false;
    return this.tree.collides(minX, minY, maxX, maxY, visit);
  }

  /** The largest width and height of a cell's bbox: a box larger than this lies in no one cell. */
  get largestCell(): { width: number; height: number } {
    if (!this.largest) {
      let width = 0;
      let height = 0;
      const b = this.bboxes;
      for (let i = 0; i < this.size; i++) {
        width = Math.max(width, b[4 * i + 2] - b[4 * i]);
        height = Math.max(height, b[4 * i + 3] - b[4 * i + 1]);
      }
      this.largest = { width, height };
    }
    return this.largest;
  }

  cell(i: number): IndexedCell {
    const { routeId, gatewayId } = this.routes[this.routeCodes[i]];
    const coordinates: number[][] = [];
    for (let p = this.ringStart[i]; p < this.ringStart[i + 1]; p++) coordinates.push([this.xy[2 * p], this.xy[2 * p + 1]]);
    return {
      id: this.ids[i],
      kind: KINDS[this.kinds[i]],
      routeId,
      gatewayId,
      bbox: this.bboxOf(i),
      coverage: { type: 'Polygon', coordinates: [coordinates] },
    };
  }

  id(i: number): string {
    return this.ids[i];
  }

  kind(i: number): CellKind {
    return KINDS[this.kinds[i]];
  }

  route(i: number): { routeId: string; gatewayId: string } {
    return this.routes[this.routeCodes[i]];
  }

  bboxOf(i: number): BBox {
    const b = this.bboxes;
    return [b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]];
  }

  ring(i: number): FlatRing {
    return { xy: this.xy, from: this.ringStart[i], to: this.ringStart[i + 1] };
  }

  relate(i: number, area: PreparedArea): Relation {
    return area.relate(this.ring(i), this.bboxOf(i));
  }

  /** Calls `visit` with every cell accepted by `accept` that covers (x, y). */
  forEachCovering(x: number, y: number, accept: (i: number) => boolean, visit: (i: number) => void): void {
    if (this.size === 0) return;
    this.tree.collides(x, y, x, y, (i) => {
      if (accept(i) && ringContains(this.ring(i), x, y)) visit(i);
      return false;
    });
  }

  /** Whether some cell accepted by `accept` covers (x, y); stops at the first. */
  covers(x: number, y: number, accept: (i: number) => boolean): boolean {
    if (this.size === 0) return false;
    return this.tree.collides(x, y, x, y, (i) => accept(i) && ringContains(this.ring(i), x, y));
  }
}

interface Packed {
  ids: string[];
  kinds: Uint8Array;
  routeCodes: Uint32Array;
  routes: Array<{ routeId: string; gatewayId: string }>;
  bboxes: Float64Array;
  ringStart: Uint32Array;
  xy: Float64Array;
}

/**
 * Packs cells one at a time, so a large inventory can be indexed from pages without ever holding
 * its CellRecord objects at once (a million cells' records are ≈ 1.4 GB; packed, ≈ 0.2 GB).
 * Sized from the expected counts when given (no copy at the end); grows by half otherwise.
 */
export class CellIndexBuilder {
  private p = 0;
  private readonly ids: string[] = [];
  private kinds: Uint8Array;
  private routeCodes: Uint32Array;
  private bboxes: Float64Array;
  private ringStart: Uint32Array;
  private xy: Float64Array;
  private readonly routes: Array<{ routeId: string; gatewayId: string }> = [];
  private readonly routeCode = new Map<string, number>();

  constructor(expected: { cells?: number; points?: number } = {}) {
    const cells = Math.max(16, expected.cells ?? 0);
    this.kinds = new Uint8Array(cells);
    this.routeCodes = new Uint32Array(cells);
    this.bboxes = new Float64Array(4 * cells);
    this.ringStart = new Uint32Array(cells + 1);
    // A sector wedge has 10 positions, a satellite hexagon 7.
    this.xy = new Float64Array(2 * Math.max(16, expected.points ?? 10 * cells));
  }

  get size(): number {
    return this.ids.length;
  }

  add(cell: IndexableCell): void {
    const ring = cell.coverage.coordinates[0];
    const i = this.ids.length;
    if (i === this.kinds.length) this.growCells();
    while (2 * (this.p + ring.length) > this.xy.length) this.xy = grown(this.xy, 2 * (this.p + ring.length));
    this.ids.push(cell.id);
    this.kinds[i] = KINDS.indexOf(cell.kind);
    const key = `${cell.routeId}\u0000${cell.gatewayId}`;
    let code = this.routeCode.get(key);
    if (code === undefined) {
      code = this.routes.length;
      this.routes.push({ routeId: cell.routeId, gatewayId: cell.gatewayId });
      this.routeCode.set(key, code);
    }
    this.routeCodes[i] = code;
    this.bboxes.set(cell.bbox, 4 * i);
    // Coverage is one ring (sector wedge or hexagon); holes, if any, are ignored.
    this.ringStart[i] = this.p;
    for (const [x, y] of ring) {
      this.xy[2 * this.p] = x;
      this.xy[2 * this.p + 1] = y;
      this.p++;
    }
  }

  finish(): CellIndex {
    const n = this.ids.length;
    this.ringStart[n] = this.p;
    return CellIndex.packed({
      ids: this.ids,
      kinds: exact(this.kinds, n),
      routeCodes: exact(this.routeCodes, n),
      routes: this.routes,
      bboxes: exact(this.bboxes, 4 * n),
      ringStart: exact(this.ringStart, n + 1),
      xy: exact(this.xy, 2 * this.p),
    });
  }

  private growCells(): void {
    const cells = Math.ceil(this.kinds.length * 1.5);
    this.kinds = grown(this.kinds, cells);
    this.routeCodes = grown(this.routeCodes, cells);
    this.bboxes = grown(this.bboxes, 4 * cells);
    this.ringStart = grown(this.ringStart, cells + 1);
  }
}

type Packable = Uint8Array | Uint32Array | Float64Array;

function grown<T extends Packable>(a: T, atLeast: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(atLeast, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

// What is used of the array: a view when the slack is small (no copy, at the peak of a large
// load), else a copy, so that a guess far too large is not kept.
function exact<T extends Packable>(a: T, length: number): T {
  return (a.length - length <= a.length / 8 ? a.subarray(0, length) : a.slice(0, length)) as T;
}

/** Whether ids are in the order Array.prototype.sort puts strings (UTF-16 code units, as `<` compares). */
export function isAscending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i] < ids[i - 1]) return false;
  return true;
}
