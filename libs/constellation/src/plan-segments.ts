import type { BroadcastPlan } from './broadcast-scheduler';
import type { NoRouteReason } from './route-assignment';

// One stretch of a cell's broadcast plan: consecutive repetitions carried by the same satellite
// through the same gateway (a hand-over starts the next one), or consecutive repetitions missed
// for the same reason. A national plan is cells × repetitions transmissions; stored as
// stretches it is cells × (hand-overs + 1) rows.
export type PlanSegment =
  | { cellId: string; kind: 'route'; satelliteId: string; gatewayId: string; from: Date; until: Date; repetitions: number }
  | { cellId: string; kind: 'missed'; reason: NoRouteReason; from: Date; until: Date; repetitions: number };

/** The plan's stretches, per cell in plan order, each in time order; `until` is the last repetition's time. */
export function planSegments(plan: BroadcastPlan): PlanSegment[] {
  const out: PlanSegment[] = [];
  for (const cell of plan.cells) {
    const events = [
      ...cell.transmissions.map((x) => ({ at: x.at, key: `r ${x.satelliteId} ${x.gatewayId}`, make: (from: Date, until: Date, n: number): PlanSegment => ({ cellId: cell.cellId, kind: 'route', satelliteId: x.satelliteId, gatewayId: x.gatewayId, from, until, repetitions: n }) })),
      ...cell.missed.map((m) => ({ at: m.at, key: `m ${m.reason}`, make: (from: Date, until: Date, n: number): PlanSegment => ({ cellId: cell.cellId, kind: 'missed', reason: m.reason, from, until, repetitions: n }) })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    let i = 0;
    while (i < events.length) {
      let j = i;
      while (j + 1 < events.length && events[j + 1].key === events[i].key) j++;
      out.push(events[i].make(events[i].at, events[j].at, j - i + 1));
      i = j + 1;
    }
  }
  return out;
}
