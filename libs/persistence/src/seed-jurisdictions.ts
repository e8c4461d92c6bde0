import type { DataSource } from 'typeorm';
import { type BoundaryCatalog } from '@faro/targeting';
import { jurisdictionCatalog } from '@faro/jurisdictions';
import { inTransaction } from './in-transaction';

/**
 * Writes Italy's regions and provinces (jurisdictionCatalog) into `jurisdictions`, parents first;
 * a row whose name or parent changed is updated, none is deleted (users and alerts refer to them).
 * Idempotent: returns how many rows were added or changed.
 */
export async function seedJurisdictions(ds: DataSource, catalog: BoundaryCatalog): Promise<number> {
  const list = jurisdictionCatalog(catalog).list();
  return inTransaction(ds, async (q) => {
    let changed = 0;
    for (const j of list) {
      const rows = await q.query(
        `INSERT INTO jurisdictions (id, name, level, parent_id, geocode_scheme, geocode) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id,
           geocode_scheme = EXCLUDED.geocode_scheme, geocode = EXCLUDED.geocode
         WHERE (jurisdictions.name, jurisdictions.level, jurisdictions.parent_id, jurisdictions.geocode_scheme, jurisdictions.geocode)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.level, EXCLUDED.parent_id, EXCLUDED.geocode_scheme, EXCLUDED.geocode)
         RETURNING id`,
        [j.id, j.name, j.level, j.parentId, j.geocode?.scheme ?? null, j.geocode?.code ?? null],
      );
      changed += rows.length;
    }
    return changed;
  });
}

export interface JurisdictionRow {
  id: string;
  level: string;
  parentId: string | null;
  name: string;
}

// Every jurisdiction, the nation first, then regions, then provinces.
export async function listJurisdictions(ds: DataSource): Promise<JurisdictionRow[]> {
  const rows: Array<{ id: string; level: string; parent_id: string | null; name: string }> = await ds.query(
    `SELECT id, level, parent_id, name FROM jurisdictions
      ORDER BY CASE level WHEN 'national' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, id`,
  );
  return rows.map((r) => ({ id: r.id, level: r.level, parentId: r.parent_id, name: r.name }));
}
