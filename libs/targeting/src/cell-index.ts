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
  private constructor(
    private readonly ids: string[],
    private readonly kinds: Uint8Array,
    private readonly routeCodes: Uint32Array,
    private readonly routes: Array<{ routeId: string; gatewayId: string }>,
    private readonly bboxes: Float64Array,
    private readonly ringStart: Uint32Array,
    private readonly xy: Float64Array,
    private readonly tree: Flatbush,
  ) {}

  static build(cells: ArrayLike<IndexableCell>): CellIndex {
    const n = cells.length;
    let points = 0;
    for (let i = 0; i < n; i++) points += cells[i].coverage.coordinates[0].length;

    const ids = new Array<string>(n);
    const kinds = new Uint8Array(n);
    const routeCodes = new Uint32Array(n);
    const routes: Array<{ routeId: string; gatewayId: string }> = [];
    const routeCode = new Map<string, number>();
    const bboxes = new Float64Array(4 * n);
    const ringStart = new Uint32Array(n + 1);
    const xy = new Float64Array(2 * points);
    const tree = new Flatbush(Math.max(1, n));

    let p = 0;
    for (let i = 0; i < n; i++) {
      const cell = cells[i];
      ids[i] = cell.id;
      kinds[i] = KINDS.indexOf(cell.kind);
      const key = `${cell.routeId}\u0000${cell.gatewayId}`;
      let code = routeCode.get(key);
      if (code === undefined) {
        code = routes.length;
        routes.push({ routeId: cell.routeId, gatewayId: cell.gatewayId });
        routeCode.set(key, code);
      }
      routeCodes[i] = code;
      // Coverage is one ring (sector wedge or hexagon); holes, if any, are ignored.
      ringStart[i] = p;
      for (const [x, y] of cell.coverage.coordinates[0]) {
        xy[2 * p] = x;
        xy[2 * p + 1] = y;
        p++;
      }
      const [minX, minY, maxX, maxY] = cell.bbox;
      bboxes.set(cell.bbox, 4 * i);
      tree.add(minX, minY, maxX, maxY);
    }
    ringStart[n] = p;
    if (n === 0) tree.add(0, 0, 0, 0);
    tree.finish();
    return new CellIndex(ids, kinds, routeCodes, routes, bboxes, ringStart, xy, tree);
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
