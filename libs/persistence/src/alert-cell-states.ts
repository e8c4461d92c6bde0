import type { DataSource } from 'typeorm';
import { inTransaction } from './in-transaction';

// A cell's delivery state on the Alert detail map, over every message (language) it carries:
// failed if any delivery failed or was rejected, else queued while any waits, else killed once
// every one was taken off the air, else on air.
export const CELL_STATES = ['queued', 'on-air', 'failed', 'killed'] as const;
export type CellState = (typeof CELL_STATES)[number];

// Every cell an alert's fan-out targeted, as parallel integer columns: a national alert's
// ~200,000 cells are a few MB of JSON and one typed-array pass for the console's canvas, where
// one GeoJSON polygon per coverage area would be ~50 MB and 200,000 map objects.
export interface AlertCellStates {
  alertId: string;
  count: number;
  // Site longitude and latitude in 1e-4 degrees (~10 m), coverage radius in metres, and the
  // index of the cell's state in `states`.
  lon: number[];
  lat: number[];
  radiusM: number[];
  state: number[];
  states: readonly CellState[];
}

export class SqlAlertCellStates {
  constructor(private readonly ds: DataSource) {}

  async cellStates(alertId: string): Promise<AlertCellStates> {
    // One aggregate node: its four array_aggs see the same rows in the same order, so the columns
    // stay parallel without four sorts (a national alert's are 200,000 rows each). The per-cell
    // grouping fits in memory with a larger work_mem, and JIT costs more than it saves here.
    const [r] = await inTransaction(this.ds, async (q) => {
      await q.query(`SET LOCAL work_mem = '64MB'`);
      await q.query(`SET LOCAL jit = off`);
      return q.query(
        `SELECT coalesce(array_agg(round(c.site_lon * 10000)::int), '{}') AS lon,
                coalesce(array_agg(round(c.site_lat * 10000)::int), '{}') AS lat,
                coalesce(array_agg(round(c.radius_m)::int), '{}') AS radius,
                coalesce(array_agg(s.state), '{}') AS state
           FROM (SELECT cell_id,
                        CASE WHEN bool_or(status IN ('failed', 'rejected')) THEN 2
                             WHEN bool_or(status = 'queued') THEN 0
                             WHEN bool_and(status = 'killed') THEN 3
                             ELSE 1 END AS state
                   FROM deliveries WHERE alert_id = $1 GROUP BY cell_id) s
           JOIN cells c ON c.id = s.cell_id`,
        [alertId],
      );
    });
    return { alertId, count: r.lon.length, lon: r.lon, lat: r.lat, radiusM: r.radius, state: r.state, states: CELL_STATES };
  }
}
