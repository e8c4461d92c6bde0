import type { ConstellationSky } from '@faro/constellation';
import { satelliteCells } from './satellite-grid';

/**
 * For a simulated satellite gateway: through which satellite it put each of its cells on air at a
 * moment (ConstellationSky.servingSatellites over the cells' centres, which their ids give).
 * An id that names no satellite cell is served by none.
 */
export function satelliteLookup(sky: Pick<ConstellationSky, 'servingSatellites'>): (gatewayId: string, cellIds: string[], at: Date) => Map<string, string | null> {
  return (gatewayId, cellIds, at) => {
    const served = sky.servingSatellites(satelliteCells(cellIds), gatewayId, at);
    return new Map(cellIds.map((id) => [id, served.get(id) ?? null]));
  };
}
