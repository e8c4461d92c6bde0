import { Flatbush } from './flatbush';
import type { LonLat } from './geometry';

/**
 * Whether two non-adjacent edges of a closed ring meet (crossing or touching), as turf's `kinks`
 * decides it but without comparing every edge with every other: turf's pairwise loop made a
 * 16,000-point polygon cost 1.5 s and a 32,000-point one 5.6 s. Each edge is compared only with
 * the edges whose bbox meets its own (a flatbush), which for a drawn outline is a handful.
 */
export function ringCrossesItself(ring: LonLat[]): boolean {
  const edges = ring.length - 1;
  if (edges < 3) return false;
  const index = new Flatbush(edges);
  for (let i = 0; i < edges; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[i + 1];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  const closed = ring[0][0] === ring[edges][0] && ring[0][1] === ring[edges][1];
  for (let i = 0; i < edges; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[i + 1];
    const near = index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    for (const k of near) {
      // Each pair once; neighbours share a vertex by construction, as do the first and last edges of a closed ring.
      if (k <= i || k === i + 1 || (closed && i === 0 && k === edges - 1)) continue;
      const [cx, cy] = ring[k];
      const [dx, dy] = ring[k + 1];
      if (edgesMeet(ax, ay, bx, by, cx, cy, dx, dy)) return true;
    }
  }
  return false;
}

// turf kinks' test: the lines meet at one point within both segments (parallel edges never count).
function edgesMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const denominator = (dy - cy) * (bx - ax) - (dx - cx) * (by - ay);
  if (denominator === 0) return false;
  const sy = ay - cy;
  const sx = ax - cx;
  const a = ((dx - cx) * sy - (dy - cy) * sx) / denominator;
  const b = ((bx - ax) * sy - (by - ay) * sx) / denominator;
  return a >= 0 && a <= 1 && b >= 0 && b <= 1;
}
