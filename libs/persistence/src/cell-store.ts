import type { DataSource } from 'typeorm';
import type { CellRecord, IndexableCell } from '@faro/targeting';
import { copyRows } from './copy-rows';
import { inTransaction } from './in-transaction';

export interface InventoryVersion {
  version: string;
  terrestrial: number;
  satellite: number;
}

const box = (b: [number, number, number, number]) => `(${b[2]},${b[3]}),(${b[0]},${b[1]})`;

export class SqlCellStore {
  constructor(private readonly ds: DataSource) {}

  async inventoryVersion(): Promise<InventoryVersion | null> {
    const [r] = await this.ds.query(`SELECT version, terrestrial, satellite FROM cell_inventory WHERE id = 1`);
    return r ?? null;
  }

  // Replaces the whole inventory in one transaction, with COPY.
  async replaceInventory(cells: CellRecord[], version: string): Promise<void> {
    await inTransaction(this.ds, async (q) => {
      await q.query(`DELETE FROM cells`);
      const client = await q.connect();
      await copyRows(
        client,
        'cells',
        ['id', 'kind', 'operator', 'mcc', 'mnc', 'rat', 'route_id', 'gateway_id', 'site_lon', 'site_lat', 'azimuth_deg', 'radius_m', 'municipality_code', 'bbox', 'coverage'],
        (function* () {
          for (const c of cells) {
            yield [c.id, c.kind, c.operator, c.mcc, c.mnc, c.rat, c.routeId, c.gatewayId, c.site[0], c.site[1], c.azimuthDeg, Math.round(c.radiusM), c.municipalityCode, box(c.bbox), JSON.stringify(c.coverage)];
          }
        })(),
      );
      const terrestrial = cells.filter((c) => c.kind === 'terrestrial').length;
      await q.query(
        `INSERT INTO cell_inventory (id, version, terrestrial, satellite) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET version = $1, terrestrial = $2, satellite = $3, generated_at = now()`,
        [version, terrestrial, cells.length - terrestrial],
      );
    });
  }

  // What the in-memory index holds of each cell (IndexableCell), in pages small enough that each
  // is garbage before the next: a million cells load in a flat, bounded heap.
  async *indexableCells(pageSize = 5000): AsyncGenerator<IndexableCell[]> {
    let after = '';
    for (;;) {
      const rows = await this.ds.query(
        `SELECT id, kind, route_id, gateway_id,
                (bbox[1])[0] AS min_lon, (bbox[1])[1] AS min_lat, (bbox[0])[0] AS max_lon, (bbox[0])[1] AS max_lat, coverage::text AS coverage
           FROM cells WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r: Record<string, any>) => ({
        id: r.id,
        kind: r.kind,
        routeId: r.route_id,
        gatewayId: r.gateway_id,
        coverage: JSON.parse(r.coverage),
        bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
      }));
      after = rows[rows.length - 1].id;
    }
  }

  async inBbox(b: [number, number, number, number], limit: number): Promise<{ cells: CellRecord[]; truncated: boolean }> {
    const rows = await this.ds.query(
      `SELECT id, kind, operator, mcc, mnc, rat, route_id, gateway_id, site_lon, site_lat, azimuth_deg, radius_m, municipality_code,
              (bbox[1])[0] AS min_lon, (bbox[1])[1] AS min_lat, (bbox[0])[0] AS max_lon, (bbox[0])[1] AS max_lat, coverage::text AS coverage
         FROM cells WHERE bbox && $1::box ORDER BY id LIMIT $2`,
      [box(b), limit + 1],
    );
    return { cells: rows.slice(0, limit).map(cellFromRow), truncated: rows.length > limit };
  }
}

function cellFromRow(r: Record<string, any>): CellRecord {
  return {
    id: r.id,
    kind: r.kind,
    operator: r.operator,
    mcc: r.mcc,
    mnc: r.mnc,
    rat: r.rat,
    routeId: r.route_id,
    gatewayId: r.gateway_id,
    site: [r.site_lon, r.site_lat],
    azimuthDeg: r.azimuth_deg,
    radiusM: r.radius_m,
    municipalityCode: r.municipality_code,
    coverage: JSON.parse(r.coverage),
    bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
  };
}
