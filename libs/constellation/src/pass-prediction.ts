import { type Constellation, type LookAngle, lookAngleFrom, observerOf } from './constellation';
import { ConstellationError } from './constellation-error';
import type { GroundPoint } from './ground-point';
import type { TimeWindow } from './time-window';
import { checkWindow } from './time-window';

export interface Pass {
  satelliteId: string;
  /** Acquisition of signal: the elevation rises through the mask (null: already above at the window's start). */
  aos: Date | null;
  /** Loss of signal: the elevation falls through the mask (null: still above at the window's end). */
  los: Date | null;
  culmination: Date;
  maxElevationDeg: number;
  aosAzimuthDeg: number | null;
  losAzimuthDeg: number | null;
}

export interface PassOptions {
  elevationMaskDeg?: number;
  /** Sampling step; a pass shorter than it may be missed (LEO passes above 10° last minutes). */
  stepSeconds?: number;
  /** AOS, LOS and culmination are refined to within this. */
  precisionSeconds?: number;
}

/**
 * The passes of one satellite over one place in a window: the elevation (satellite.js look
 * angles) is sampled every step, each crossing of the mask is refined by bisection, and the
 * culmination by a ternary search between the samples around the highest one.
 */
export function predictPasses(
  constellation: Constellation,
  satelliteId: string,
  site: GroundPoint,
  window: TimeWindow,
  opts: PassOptions = {},
): Pass[] {
  checkWindow(window);
  const mask = opts.elevationMaskDeg ?? 0;
  const stepMs = (opts.stepSeconds ?? 10) * 1000;
  const precisionMs = (opts.precisionSeconds ?? 0.5) * 1000;
  if (!(stepMs > 0) || !(precisionMs > 0)) {
    throw new ConstellationError('constellation/bad-option', 'the step and the precision must be positive');
  }
  const observer = observerOf(site);
  const look = (ms: number): LookAngle | null => {
    const ecf = constellation.positionAt(satelliteId, new Date(ms));
    return ecf ? lookAngleFrom(observer, ecf) : null;
  };
  const above = (ms: number) => (look(ms)?.elevationDeg ?? -90) >= mask;
  // The instant, within precision, where above() changes between a and b.
  const crossing = (a: number, b: number) => {
    const aAbove = above(a);
    while (b - a > precisionMs) {
      const mid = (a + b) / 2;
      if (above(mid) === aAbove) a = mid;
      else b = mid;
    }
    return Math.round(b);
  };

  const start = window.start.getTime();
  const end = window.end.getTime();
  const passes: Pass[] = [];
  let open = null as { aos: number | null; best: number; bestElevation: number } | null;
  let previous = start;
  for (let t = start; ; t = Math.min(t + stepMs, end)) {
    const elevation = look(t)?.elevationDeg ?? -90;
    if (elevation >= mask) {
      if (!open) open = { aos: t === start ? null : crossing(previous, t), best: t, bestElevation: elevation };
      else if (elevation > open.bestElevation) {
        open.best = t;
        open.bestElevation = elevation;
      }
    } else if (open) {
      passes.push(closePass(open, crossing(previous, t)));
      open = null;
    }
    previous = t;
    if (t >= end) break;
  }
  if (open) passes.push(closePass(open, null));
  return passes;

  function closePass(p: { aos: number | null; best: number }, los: number | null): Pass {
    // The elevation is unimodal over a LEO pass: narrow the culmination between the samples
    // either side of the highest one.
    let a = Math.max(start, p.best - stepMs);
    let b = Math.min(end, p.best + stepMs);
    const elevationAt = (ms: number) => look(ms)?.elevationDeg ?? -90;
    while (b - a > precisionMs) {
      const m1 = a + (b - a) / 3;
      const m2 = b - (b - a) / 3;
      if (elevationAt(m1) < elevationAt(m2)) a = m1;
      else b = m2;
    }
    const culmination = Math.round((a + b) / 2);
    return {
      satelliteId,
      aos: p.aos === null ? null : new Date(p.aos),
      los: los === null ? null : new Date(los),
      culmination: new Date(culmination),
      maxElevationDeg: elevationAt(culmination),
      aosAzimuthDeg: p.aos === null ? null : look(p.aos)!.azimuthDeg,
      losAzimuthDeg: los === null ? null : look(los)!.azimuthDeg,
    };
  }
}
