// How fast a set of cells went on air: the times at which 50 %, 95 % and 100 % of the targeted
// cells were on air, and the cumulative curve the PDF draws.

export const MILESTONES = [50, 95, 100] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface DeliveryProgress {
  targeted: number;
  onAir: number;
  firstOnAirAt: string | null;
  /** When `ceil(p % × targeted)` cells were on air; null when never reached. */
  reached: Record<`p${Milestone}`, string | null>;
  /** Cumulative cells on air at each moment a cell came on air, in time order. */
  curve: Array<{ at: string; cells: number }>;
}

export function deliveryProgress(targeted: number, onAirTimes: ReadonlyArray<string | null>): DeliveryProgress {
  const times = onAirTimes.filter((t): t is string => t !== null).sort((a, b) => Date.parse(a) - Date.parse(b));
  const curve: Array<{ at: string; cells: number }> = [];
  times.forEach((at, i) => {
    if (curve.length > 0 && curve[curve.length - 1].at === at) curve[curve.length - 1].cells = i + 1;
    else curve.push({ at, cells: i + 1 });
  });
  const when = (p: number) => {
    if (targeted === 0) return null;
    // The smallest count of cells that is at least p % of the targeted ones.
    const need = Math.ceil((p * targeted) / 100);
    return need <= times.length ? times[need - 1] : null;
  };
  return {
    targeted,
    onAir: times.length,
    firstOnAirAt: times[0] ?? null,
    reached: { p50: when(50), p95: when(95), p100: when(100) },
    curve,
  };
}

export function millisBetween(from: string | null, to: string | null): number | null {
  return from === null || to === null ? null : Date.parse(to) - Date.parse(from);
}
