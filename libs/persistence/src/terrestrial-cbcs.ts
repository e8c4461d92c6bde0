import type { DataSource } from 'typeorm';

// The operators' CBCs the inventory routes terrestrial cells to ('cbc-<operator>'), each with its
// route and the cells its peers serve.
export async function terrestrialCbcs(ds: DataSource): Promise<Array<{ id: string; routeId: string; cellIds: string[] }>> {
  const rows = await ds.query(
    `SELECT gateway_id, min(route_id) AS route_id, array_agg(id ORDER BY id) AS cell_ids FROM cells WHERE kind = 'terrestrial' GROUP BY gateway_id ORDER BY gateway_id`,
  );
  return rows.map((r: any) => ({ id: r.gateway_id, routeId: r.route_id, cellIds: r.cell_ids }));
}
