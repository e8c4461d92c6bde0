import { ConstellationError } from './constellation-error';
import type { ElementSet } from './element-sets';

const DAY_MS = 86_400_000;

// The epoch of a TLE (line 1, columns 19–32: two-digit year, then day of the year with its
// fraction; years 57–99 are 19xx, per the NORAD convention).
export function epochOf(set: ElementSet): Date {
  const yy = Number(set.line1.slice(18, 20));
  const dayOfYear = Number(set.line1.slice(20, 32));
  if (!Number.isFinite(yy) || !Number.isFinite(dayOfYear)) {
    throw new ConstellationError('constellation/bad-element-set', `${set.name}: line 1 has no readable epoch`);
  }
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  return new Date(Date.UTC(year, 0, 1) + (dayOfYear - 1) * DAY_MS);
}

/**
 * Which sky a broadcast is planned on. SGP4 is good for days around an element set's epoch; the
 * stored snapshot (data/satellites) is months old and nothing is fetched at run time, so a plan
 * for "now" propagated from it would place satellites far from where they are (372 of the 642
 * Direct-to-Cell satellites have even decayed in SGP4 by December 2026). So: a broadcast that
 * starts within maxAgeDays of the newest epoch is planned on its own time; a later (or earlier)
 * one on the snapshot's sky, the same time of day (UTC) on the newest epoch's day. The figures
 * are then those of a representative sky, not of the real satellites at that moment: the
 * choice is explicit in every stored plan (its sky time), and goes away with fresh element sets.
 */
export class SnapshotSky {
  readonly newestEpoch: Date;

  constructor(
    sets: readonly ElementSet[],
    private readonly maxAgeDays = 7,
  ) {
    if (sets.length === 0) throw new ConstellationError('constellation/bad-element-set', 'no element sets to plan on');
    if (!(maxAgeDays >= 0)) throw new ConstellationError('constellation/bad-option', `a maximum element-set age of ${maxAgeDays} days is negative`);
    this.newestEpoch = new Date(Math.max(...sets.map((s) => epochOf(s).getTime())));
  }

  /** How far the sky a broadcast starting at `start` is looked at lies from `start` (ms). */
  offsetMs = (start: Date): number => {
    const t = start.getTime();
    if (Math.abs(t - this.newestEpoch.getTime()) <= this.maxAgeDays * DAY_MS) return 0;
    const epochDay = Math.floor(this.newestEpoch.getTime() / DAY_MS) * DAY_MS;
    return epochDay + (((t % DAY_MS) + DAY_MS) % DAY_MS) - t;
  };
}
