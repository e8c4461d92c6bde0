import type { DataSource } from 'typeorm';
import { PackedCellIds } from '@faro/uplink';

// The operators' CBCs the inventory routes terrestrial cells to ('cbc-<operator>'), each with its
// route and the cells its peers serve.
export async function terrestrialCbcs(ds: DataSource): Promise<Array<{ id: string; routeId: string; cellIds: string[] }>> {
  const rows = await ds.query(
    `SELECT gateway_id, min(route_id) AS route_id, array_agg(id ORDER BY id) AS cell_ids FROM cells WHERE kind = 'terrestrial' GROUP BY gateway_id ORDER BY gateway_id`,
  );
  return rows.map((r: any) => ({ id: r.gateway_id, routeId: r.route_id, cellIds: r.cell_ids }));
}

// The same CBCs as the worker's ECBE route holds them: each one's cells packed (PackedCellIds),
// read as one string per CBC, so that the worker never holds a string per cell.
export async function terrestrialCbcCells(ds: DataSource): Promise<Array<{ id: string; routeId: string; cells: PackedCellIds }>> {
  const rows = await ds.query(
    `SELECT gateway_id, min(route_id) AS route_id, string_agg(id, ',') AS cell_ids FROM cells WHERE kind = 'terrestrial' GROUP BY gateway_id ORDER BY gateway_id`,
  );
  return rows.map((r: any) => ({ id: r.gateway_id, routeId: r.route_id, cells: PackedCellIds.fromJoined(r.cell_ids) }));
}
