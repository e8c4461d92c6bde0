import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import type { DataSource } from 'typeorm';
import type { AreaSpec, FenceShape, TargetingResult } from '@faro/targeting';

// What cellsFor and summarize need of a targeting result (not the sorted list of every cell
// again, nor the uncovered geometry), and the geofence a release sends (simplifying a national
// area's outline to fit the Warning Area Coordinates takes 0.1 s).
export type TargetedCells = Omit<TargetingResult, 'cellIds' | 'uncovered'> & { geofence: FenceShape[] };

// Targeting is a pure function of the areas and the inventory: the same areas over the same
// inventory version give the same cells. The key is the areas as canonical JSON (a spec read back
// from jsonb has its keys in another order), hashed.
export function areasKey(areas: AreaSpec[]): string {
  return createHash('sha256').update(stringify(areas)).digest('base64url');
}

// Keeps no more than this many days of results: a draft released later is targeted again.
const KEEP_DAYS = 2;

// The targeting results the API's drafting threads computed, for the worker's release to read
// instead of targeting again (migration 1765730000000). A cache: a miss, or a row it cannot read,
// means the caller targets.
export class SqlTargetingCache {
  constructor(private readonly ds: DataSource) {}

  async get(key: string, inventoryVersion: string): Promise<TargetedCells | null> {
    const [r] = await this.ds.query(`SELECT result::text AS result FROM targeting_results WHERE areas_key = $1 AND inventory_version = $2`, [key, inventoryVersion]);
    if (!r) return null;
    const cells = JSON.parse(r.result) as Partial<TargetedCells>;
    // A row written before the geofence was kept: a miss.
    return Array.isArray(cells.geofence) && cells.byRoute ? (cells as TargetedCells) : null;
  }

  async put(key: string, inventoryVersion: string, cells: TargetedCells): Promise<void> {
    await this.ds.query(
      `INSERT INTO targeting_results (areas_key, inventory_version, result) VALUES ($1, $2, $3::json)
       ON CONFLICT (areas_key, inventory_version) DO UPDATE SET created_at = now()`,
      [key, inventoryVersion, JSON.stringify(cells)],
    );
    await this.ds.query(`DELETE FROM targeting_results WHERE created_at < now() - make_interval(days => $1)`, [KEEP_DAYS]);
  }
}
