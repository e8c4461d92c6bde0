// Planar predicates on lon/lat treated as x/y. Alert areas and cells span at most a few hundred
// km, where the difference between straight lines in degrees and geodesics is far below the
// ~100 m simplification of the boundaries.

/** How a shape relates to an area: no common point, some common point, or wholly inside. */
export const OUTSIDE = 0;
export const PARTIAL = 1;
export const INSIDE = 2;
export type Relation = typeof OUTSIDE | typeof PARTIAL | typeof INSIDE;

/**
 * A ring as a flat coordinate array [x0, y0, x1, y1, …] with points from..to-1; the ring is
 * closed (the last point repeats the first).
 */
export interface FlatRing {
  xy: ArrayLike<number>;
  from: number;
  to: number;
}

export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return (
    Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by)
  );
}

/** Closed segments ab and cd share at least one point (touching counts). */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (d2 === 0 && onSegment(cx, cy, dx, dy, bx, by)) ||
    (d3 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (d4 === 0 && onSegment(ax, ay, bx, by, dx, dy))
  );
}

/** ab and cd cross at a single point interior to both (shared vertices and overlaps do not count). */
export function segmentsCrossProperly(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Even-odd point in a single flat ring. */
export function ringContains({ xy, from, to }: FlatRing, x: number, y: number): boolean {
  let inside = false;
  for (let i = from, j = to - 1; i < to; j = i++) {
    const xi = xy[2 * i];
    const yi = xy[2 * i + 1];
    const xj = xy[2 * j];
    const yj = xy[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Relation of ring a to ring b (simple rings without holes): OUTSIDE when they share no point,
 * INSIDE when a lies within b, PARTIAL otherwise (crossing, touching, or b within a).
 */
export function relateRings(a: FlatRing, b: FlatRing): Relation {
  for (let i = a.from; i < a.to - 1; i++) {
    const ax = a.xy[2 * i];
    const ay = a.xy[2 * i + 1];
    const bx = a.xy[2 * i + 2];
    const by = a.xy[2 * i + 3];
    for (let j = b.from; j < b.to - 1; j++) {
      if (segmentsIntersect(ax, ay, bx, by, b.xy[2 * j], b.xy[2 * j + 1], b.xy[2 * j + 2], b.xy[2 * j + 3])) {
        return PARTIAL;
      }
    }
  }
  if (ringContains(b, a.xy[2 * a.from], a.xy[2 * a.from + 1])) return INSIDE;
  if (ringContains(a, b.xy[2 * b.from], b.xy[2 * b.from + 1])) return PARTIAL;
  return OUTSIDE;
}

export function flattenRing(ring: number[][]): FlatRing {
  const xy = new Float64Array(ring.length * 2);
  ring.forEach(([x, y], i) => {
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
  });
  return { xy, from: 0, to: ring.length };
}

/** Planar area of a flat ring in km², with longitude scaled by the cosine of its mean latitude. */
export function ringAreaKm2({ xy, from, to }: FlatRing): number {
  let sum = 0;
  let latSum = 0;
  for (let i = from; i < to - 1; i++) {
    sum += xy[2 * i] * xy[2 * i + 3] - xy[2 * i + 2] * xy[2 * i + 1];
    latSum += xy[2 * i + 1];
  }
  const meanLat = latSum / Math.max(1, to - 1 - from);
  return (Math.abs(sum) / 2) * 111.32 * 110.574 * Math.cos((meanLat * Math.PI) / 180);
}
