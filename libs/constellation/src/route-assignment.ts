import type { ServiceSnapshot } from './service-geometry';

// How a cell's broadcast reaches the sky at one instant: the satellite whose beam covers the
// cell, and the gateway whose feeder link reaches that satellite.
export interface Route {
  satelliteId: string;
  gatewayId: string;
  elevationDeg: number;
}

export type NoRouteReason =
  // No satellite above the cell's elevation mask.
  | 'no-satellite-in-view'
  // Satellites above the cell, but none of them within reach of a gateway.
  | 'no-gateway-in-view'
  // Satellites with a gateway above the cell, all of them serving their full beam capacity.
  | 'beam-capacity';

export interface RouteAssignment {
  routes: Map<string, Route>;
  unrouted: Map<string, NoRouteReason>;
}

/**
 * The route of every cell at one instant. A cell keeps the satellite (and gateway) it had while
 * that one still serves it, so that hand-overs happen only when a satellite sets or its gateway
 * does; otherwise it takes the highest satellite that has a gateway and room in its beams.
 * Cells with the fewest choices are served first, so that capacity goes where it is scarcest.
 * Deterministic: ties break on the cell id.
 */
export function assignRoutes(
  snapshot: ServiceSnapshot,
  cellIds: readonly string[],
  previous: ReadonlyMap<string, Route>,
  beamCapacity: number,
): RouteAssignment {
  const routes = new Map<string, Route>();
  const unrouted = new Map<string, NoRouteReason>();
  const load = new Map<string, number>();
  const options = cellIds.map((cellId) => {
    const inView = snapshot.satellitesOf.get(cellId) ?? [];
    const routable = inView.filter((s) => snapshot.gatewaysOf.has(s.satelliteId)).sort(highestFirst);
    return { cellId, inView, routable };
  });
  options.sort((a, b) => a.routable.length - b.routable.length || (a.cellId < b.cellId ? -1 : a.cellId > b.cellId ? 1 : 0));

  for (const { cellId, inView, routable } of options) {
    if (inView.length === 0) {
      unrouted.set(cellId, 'no-satellite-in-view');
      continue;
    }
    if (routable.length === 0) {
      unrouted.set(cellId, 'no-gateway-in-view');
      continue;
    }
    const before = previous.get(cellId);
    const ordered = before ? [...routable.filter((s) => s.satelliteId === before.satelliteId), ...routable.filter((s) => s.satelliteId !== before.satelliteId)] : routable;
    const chosen = ordered.find((s) => (load.get(s.satelliteId) ?? 0) < beamCapacity);
    if (!chosen) {
      unrouted.set(cellId, 'beam-capacity');
      continue;
    }
    load.set(chosen.satelliteId, (load.get(chosen.satelliteId) ?? 0) + 1);
    const gateways = snapshot.gatewaysOf.get(chosen.satelliteId)!;
    const gateway = (before && before.satelliteId === chosen.satelliteId && gateways.find((g) => g.gatewayId === before.gatewayId)) || [...gateways].sort(highestFirst)[0];
    routes.set(cellId, { satelliteId: chosen.satelliteId, gatewayId: gateway.gatewayId, elevationDeg: chosen.elevationDeg });
  }
  return { routes, unrouted };
}

function highestFirst<T extends { elevationDeg: number }>(a: T, b: T): number {
  return b.elevationDeg - a.elevationDeg;
}
