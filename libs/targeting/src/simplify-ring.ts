import type { LonLat } from './geometry';

// A closed ring cut down to at most `budget` positions (the closing one included) by
// Douglas–Peucker, with the smallest tolerance that fits: a saved area must fit what a broadcast
// can carry (the Warning Area Coordinates hold at most MAX_POLYGON_VERTICES per polygon).
// Distances are in degrees with longitude scaled by cos(latitude), which is close enough to
// metres at Italy's latitudes for choosing which vertices matter.
export function simplifyRing(ring: LonLat[], budget: number): LonLat[] {
  if (budget < 4) throw new RangeError('a ring needs at least 4 positions');
  const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring : [...ring, ring[0]];
  if (closed.length <= budget) return closed;
  const k = Math.cos((closed.reduce((s, p) => s + p[1], 0) / closed.length) * (Math.PI / 180));
  const rank = importance(closed.map(([x, y]) => [x * k, y] as const));
  // The budget's most important positions, in ring order: Douglas–Peucker at the tolerance that keeps exactly that many.
  const kept = [...rank.keys()].sort((a, b) => rank[b] - rank[a]).slice(0, budget).sort((a, b) => a - b);
  return kept.map((i) => closed[i]);
}

// Each position's Douglas–Peucker importance: the largest tolerance at which it is still kept
// (never more than its parent's, so the kept sets nest). One pass, iterative: a 10,000-point
// ring must not overflow the stack. The ring's ends (one point) and its farthest vertex from
// them are always kept, so any budget of 4 or more is a polygon.
function importance(pts: ReadonlyArray<readonly [number, number]>): Float64Array {
  const n = pts.length;
  const rank = new Float64Array(n);
  let far = 1;
  pts.forEach(([x, y], i) => {
    if (Math.hypot(x - pts[0][0], y - pts[0][1]) > Math.hypot(pts[far][0] - pts[0][0], pts[far][1] - pts[0][1])) far = i;
  });
  rank[0] = rank[n - 1] = rank[far] = Infinity;
  const stack: Array<[number, number, number]> = [[0, far, Infinity], [far, n - 1, Infinity]];
  while (stack.length) {
    const [a, b, parent] = stack.pop()!;
    let worst = -1;
    let index = -1;
    for (let i = a + 1; i < b; i++) {
      const d = distanceToSegment(pts[i], pts[a], pts[b]);
      if (d > worst) (worst = d), (index = i);
    }
    if (index === -1) continue;
    rank[index] = Math.min(worst, parent);
    stack.push([a, index, rank[index]], [index, b, rank[index]]);
  }
  return rank;
}

function distanceToSegment(p: readonly [number, number], a: readonly [number, number], b: readonly [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}
