import { Flatbush, type AreaGeometry, type BBox, type LonLat, geometryPolygons, ringBBox } from '@faro/targeting';

/** The owner of an outline edge beyond Italy's land border: a neighbouring state. */
export const ABROAD = -1;

// Where the land border meets the sea. Neither neighbour's territory is in the data, so the
// national outline between these two points (through the Alps) is taken as land border and the
// rest of it as coast: Ponte San Ludovico (Ventimiglia / Menton) and Lazzaretto (Muggia / Ankaran).
const FRENCH_BORDER_AT_SEA: LonLat = [7.5296, 43.7843];
const SLOVENIAN_BORDER_AT_SEA: LonLat = [13.7199, 45.5997];
// A part of the outline this close to the land border is an exclave (Campione d'Italia, 0.8 km
// from the Swiss border); the nearest island, Gallinara, is 41 km away.
const EXCLAVE_KM = 5;

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON = 111.32;

export interface NearestEdge {
  km: number;
  /** Index of the owning area as given to the constructor, or ABROAD. */
  owner: number;
}

/**
 * The outline of the country as edges, each owned by the area (province) whose boundary it is,
 * or by ABROAD where it is a land border; for "which coast is nearest to this point at sea".
 * The areas must tile the country and share vertices with each other and with the outline, as
 * the ISTAT layers do (all are dissolved from the same simplified comuni): an edge that belongs
 * to one area only is on the outline.
 */
export class Coastline {
  private readonly x1: Float64Array;
  private readonly y1: Float64Array;
  private readonly x2: Float64Array;
  private readonly y2: Float64Array;
  private readonly owners: Int32Array;
  private readonly index: Flatbush;

  constructor(areas: AreaGeometry[], country: AreaGeometry) {
    const uses = new Map<string, { owner: number; a: number[]; b: number[]; count: number }>();
    areas.forEach((geometry, owner) => {
      for (const polygon of geometryPolygons(geometry)) {
        for (const ring of polygon) {
          for (let i = 0; i + 1 < ring.length; i++) {
            const key = edgeKey(ring[i], ring[i + 1]);
            const seen = uses.get(key);
            if (seen) seen.count++;
            else uses.set(key, { owner, a: ring[i], b: ring[i + 1], count: 1 });
          }
        }
      }
    });
    const landBorder = landBorderEdges(country);
    const outline = [...uses.entries()].filter(([, u]) => u.count === 1);
    const n = outline.length;
    this.x1 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    this.x2 = new Float64Array(n);
    this.y2 = new Float64Array(n);
    this.owners = new Int32Array(n);
    this.index = new Flatbush(Math.max(1, n));
    outline.forEach(([key, { owner, a, b }], e) => {
      this.x1[e] = a[0];
      this.y1[e] = a[1];
      this.x2[e] = b[0];
      this.y2[e] = b[1];
      this.owners[e] = landBorder.has(key) ? ABROAD : owner;
      this.index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    });
    if (n === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  get edgeCount(): number {
    return this.owners.length;
  }

  /** How many outline edges are land border. */
  get landBorderEdgeCount(): number {
    return this.owners.reduce((sum, o) => sum + (o === ABROAD ? 1 : 0), 0);
  }

  /**
   * The outline edge nearest to (x, y) within maxKm, or null. Where two edges are equally near
   * (the point faces the vertex they share) a land border wins: the sea in front of the point
   * where the border reaches the coast lies beyond the end of the Italian coast, so it is the
   * neighbour's. Between two coasts the one whose line runs nearer wins, which splits the sea in
   * front of a headland along the bisector.
   */
  nearest(x: number, y: number, maxKm: number): NearestEdge | null {
    const kx = KM_PER_DEGREE_LON * Math.cos((y * Math.PI) / 180);
    // Widening boxes: an edge nearer than d meets the box of half-size d, so the best edge found
    // in a box is final once it is no farther than the box reaches.
    for (let reach = Math.min(FIRST_REACH_KM, maxKm); ; reach = Math.min(reach * 2, maxKm)) {
      let best: NearestEdge | null = null;
      let bestLine = Infinity;
      for (const e of this.near(x, y, reach)) {
        const [d, line] = this.distance(e, x, y, kx);
        if (d > reach) continue;
        const owner = this.owners[e];
        if (!best || d < best.km - TIE_KM || (d <= best.km + TIE_KM && tieGoesTo(owner, line, best.owner, bestLine))) {
          best = { km: d, owner };
          bestLine = line;
        }
      }
      if (best || reach >= maxKm) return best;
    }
  }

  /**
   * The distance from (x, y) to the nearest edge owned as `ours` says, and to the nearest other
   * edge (land border included), each Infinity when none lies within maxKm. The other distance
   * is sought only as far as `ours + beyond`: an other edge farther than that is also Infinity.
   */
  distances(
    x: number,
    y: number,
    maxKm: number,
    ours: (owner: number) => boolean,
    beyond = Infinity,
  ): { ours: number; others: number } {
    const kx = KM_PER_DEGREE_LON * Math.cos((y * Math.PI) / 180);
    let mine = Infinity;
    let others = Infinity;
    for (let reach = Math.min(FIRST_REACH_KM, maxKm); ; reach = Math.min(maxKm, Math.max(reach * 2, mine + beyond))) {
      mine = Infinity;
      others = Infinity;
      for (const e of this.near(x, y, reach)) {
        const [d] = this.distance(e, x, y, kx);
        if (d > reach) continue;
        if (ours(this.owners[e])) {
          if (d < mine) mine = d;
        } else if (d < others) {
          others = d;
        }
      }
      if (reach >= maxKm || (mine < Infinity && (others < Infinity || reach >= mine + beyond))) return { ours: mine, others };
    }
  }

  private near(x: number, y: number, km: number): number[] {
    if (this.owners.length === 0) return [];
    const dLat = km / KM_PER_DEGREE_LAT;
    // The widest span in longitude is at the box's poleward edge.
    const poleward = Math.min(89, Math.abs(y) + dLat);
    const dLon = km / (KM_PER_DEGREE_LON * Math.cos((poleward * Math.PI) / 180));
    return this.index.search(x - dLon, y - dLat, x + dLon, y + dLat);
  }

  // Distance in km to the segment and to its supporting line, on a plane tangent at the point
  // (at 22 km the error of this projection is far below the ~100 m of the boundaries).
  private distance(e: number, x: number, y: number, kx: number): [number, number] {
    const ax = (this.x1[e] - x) * kx;
    const ay = (this.y1[e] - y) * KM_PER_DEGREE_LAT;
    const bx = (this.x2[e] - x) * kx;
    const by = (this.y2[e] - y) * KM_PER_DEGREE_LAT;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) {
      const d = Math.hypot(ax, ay);
      return [d, d];
    }
    const t = -(ax * dx + ay * dy) / len2;
    const clamped = t < 0 ? 0 : t > 1 ? 1 : t;
    const segment = Math.hypot(ax + clamped * dx, ay + clamped * dy);
    const line = Math.abs(ax * dy - ay * dx) / Math.sqrt(len2);
    return [segment, line];
  }
}

const TIE_KM = 1e-9;
// Most points asked about are near a coast: look there first.
const FIRST_REACH_KM = 2;

function tieGoesTo(owner: number, line: number, bestOwner: number, bestLine: number): boolean {
  if (owner === ABROAD || bestOwner === ABROAD) return owner === ABROAD && bestOwner !== ABROAD;
  return line < bestLine - TIE_KM;
}

function edgeKey(a: number[], b: number[]): string {
  const p = `${a[0]},${a[1]}`;
  const q = `${b[0]},${b[1]}`;
  return p < q ? `${p}|${q}` : `${q}|${p}`;
}

// The land border, as edge keys: the run of the mainland outline through the Alps between the two
// points where the border reaches the sea, every hole (San Marino, Vatican City, the extraterritorial
// area near Castel Gandolfo) and every exclave.
function landBorderEdges(country: AreaGeometry): Set<string> {
  const keys = new Set<string>();
  const polygons = geometryPolygons(country);
  const french = nearestVertex(polygons, FRENCH_BORDER_AT_SEA);
  const slovenian = nearestVertex(polygons, SLOVENIAN_BORDER_AT_SEA);
  const run: number[][] = [];
  if (french && slovenian && french.part === slovenian.part) {
    const ring = polygons[french.part][0];
    const n = ring.length - 1;
    const forward = (from: number, to: number) => {
      const out: number[][] = [];
      for (let i = from; ; i = (i + 1) % n) {
        out.push(ring[i]);
        if (i === to) return out;
      }
    };
    const one = forward(slovenian.vertex, french.vertex);
    const other = forward(french.vertex, slovenian.vertex);
    const maxLat = (points: number[][]) => points.reduce((m, p) => Math.max(m, p[1]), -Infinity);
    run.push(...(maxLat(one) >= maxLat(other) ? one : other));
  }
  for (let i = 0; i + 1 < run.length; i++) keys.add(edgeKey(run[i], run[i + 1]));

  const runBox = ringBBox(run);
  polygons.forEach((polygon, part) => {
    const exclave =
      run.length > 0 &&
      part !== french?.part &&
      boxesWithinKm(ringBBox(polygon[0]), runBox, EXCLAVE_KM) &&
      polygon[0].some((p) => nearestKm(run, p) < EXCLAVE_KM);
    polygon.forEach((ring, r) => {
      if (r === 0 && !exclave) return;
      for (let i = 0; i + 1 < ring.length; i++) keys.add(edgeKey(ring[i], ring[i + 1]));
    });
  });
  return keys;
}

function nearestVertex(polygons: number[][][][], [x, y]: LonLat): { part: number; vertex: number } | null {
  let best: { part: number; vertex: number } | null = null;
  let bestD = Infinity;
  for (let part = 0; part < polygons.length; part++) {
    const ring = polygons[part][0];
    // The last vertex repeats the first.
    for (let vertex = 0; vertex + 1 < ring.length; vertex++) {
      const d = (ring[vertex][0] - x) ** 2 + (ring[vertex][1] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = { part, vertex };
      }
    }
  }
  return best;
}

function boxesWithinKm(a: BBox, b: BBox, km: number): boolean {
  const dLat = km / KM_PER_DEGREE_LAT;
  const dLon = km / (KM_PER_DEGREE_LON * Math.cos((Math.max(Math.abs(a[1]), Math.abs(a[3])) * Math.PI) / 180));
  return a[0] - dLon <= b[2] && b[0] <= a[2] + dLon && a[1] - dLat <= b[3] && b[1] <= a[3] + dLat;
}

function nearestKm(points: number[][], [x, y]: number[]): number {
  const kx = KM_PER_DEGREE_LON * Math.cos((y * Math.PI) / 180);
  let best = Infinity;
  for (const p of points) {
    const dy = (p[1] - y) * KM_PER_DEGREE_LAT;
    if (Math.abs(dy) >= best) continue;
    const d = Math.hypot((p[0] - x) * kx, dy);
    if (d < best) best = d;
  }
  return best;
}
