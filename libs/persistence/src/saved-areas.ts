import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

// An area as POST /api/v1/incidents takes it (type polygon, circle or geocode), kept as given.
export type SavedAreaShape = Record<string, unknown> & { type: 'polygon' | 'circle' | 'geocode' };

export interface SavedAreaView {
  id: string;
  name: string;
  areas: SavedAreaShape[];
  createdAt: string;
}

// Each operator's saved areas: only their owner lists or deletes them.
export class SqlSavedAreas {
  constructor(private readonly ds: DataSource) {}

  async save(userId: string, name: string, areas: SavedAreaShape[]): Promise<SavedAreaView> {
    const [row] = await this.ds.query(`INSERT INTO saved_areas (id, user_id, name, areas) VALUES ($1, $2, $3, $4) RETURNING id, name, areas, created_at`, [randomUUID(), userId, name, JSON.stringify(areas)]);
    return view(row);
  }

  async listFor(userId: string): Promise<SavedAreaView[]> {
    const rows = await this.ds.query(`SELECT id, name, areas, created_at FROM saved_areas WHERE user_id = $1 ORDER BY created_at DESC, id`, [userId]);
    return rows.map(view);
  }

  // false when the caller has no saved area of that id (another operator's included).
  async remove(userId: string, id: string): Promise<boolean> {
    const [rows] = await this.ds.query(`DELETE FROM saved_areas WHERE id = $1 AND user_id = $2 RETURNING id`, [id, userId]);
    return rows.length > 0;
  }
}

function view(r: any): SavedAreaView {
  return { id: r.id, name: r.name, areas: r.areas, createdAt: new Date(r.created_at).toISOString() };
}
