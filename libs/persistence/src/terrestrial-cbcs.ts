import type { DataSource } from 'typeorm';
import { PackedCellIds } from '@faro/uplink';

// The operators' CBCs the inventory routes terrestrial cells to ('cbc-<operator>'), each with its
// route and the cells its peers serve, aggregated by `cells` (an SQL aggregate over cells.id).
async function cbcRows<T>(ds: DataSource, cells: string): Promise<Array<{ gateway_id: string; route_id: string; cell_ids: T }>> {
  return ds.query(`SELECT gateway_id, min(route_id) AS route_id, ${cells} AS cell_ids FROM cells WHERE kind = 'terrestrial' GROUP BY gateway_id ORDER BY gateway_id`);
}

// As the simulated CBCs use them: every cell id, in order.
export async function terrestrialCbcs(ds: DataSource): Promise<Array<{ id: string; routeId: string; cellIds: string[] }>> {
  return (await cbcRows<string[]>(ds, 'array_agg(id ORDER BY id)')).map((r) => ({ id: r.gateway_id, routeId: r.route_id, cellIds: r.cell_ids }));
}

// As the worker's ECBE route holds them: each one's cells packed (PackedCellIds), read as one
// string per CBC, so that the worker never holds a string per cell.
export async function terrestrialCbcCells(ds: DataSource): Promise<Array<{ id: string; routeId: string; cells: PackedCellIds }>> {
  return (await cbcRows<string>(ds, "string_agg(id, ',')")).map((r) => ({ id: r.gateway_id, routeId: r.route_id, cells: PackedCellIds.fromJoined(r.cell_ids) }));
}
