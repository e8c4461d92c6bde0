import type { DataSource } from 'typeorm';
import type { ChainedAuditEntry } from '@faro/audit';
import { entryFromRow } from './audit-log';

export type AuditEntryView = ChainedAuditEntry;

// Who an entry's actor is, as far as an auditor may know: never an email, a hash or a secret.
export interface AuditActorView {
  ref: string;
  kind: string;
  name: string;
  roles: string[];
  jurisdictionId: string | null;
}

export interface AuditEntryFilter {
  // The auditor's jurisdiction: entries about that territory and those within it (see entries()).
  visibleTo: string;
  subjectId?: string;
  /** Entries after this seq (a cursor: the last seq of the previous page). */
  after?: number;
  limit: number;
}

/** The audit trail as auditors read it: entries of their territory in order, and who acted. (Verifying and checkpointing: libs/audit.) */
export class SqlAuditTrail {
  constructor(private readonly ds: DataSource) {}

  // An entry is visible to an auditor of jurisdiction J when J is national (no parent), or its
  // subject (alert, incident, user, token, sensor, handset, group) or its acting user belongs to J
  // or a territory within it. Platform-wide entries (keys, the KEK) are for national auditors only.
  async entries(filter: AuditEntryFilter): Promise<{ items: AuditEntryView[]; actors: Record<string, AuditActorView>; next: number | null }> {
    const params: unknown[] = [filter.after ?? 0, filter.limit, filter.visibleTo];
    const bySubject = filter.subjectId === undefined ? '' : `AND l.subject_id = $${params.push(filter.subjectId)}`;
    const rows = await this.ds.query(
      `WITH RECURSIVE scope AS (SELECT id, parent_id FROM jurisdictions WHERE id = $3
                                UNION ALL SELECT j.id, j.parent_id FROM jurisdictions j JOIN scope ON j.parent_id = scope.id)
       SELECT l.seq, l.at, l.actor, l.action, l.subject_type, l.subject_id, l.details, l.prev_hash, l.hash
         FROM audit_log l
        WHERE l.seq > $1 ${bySubject}
          AND (EXISTS (SELECT 1 FROM jurisdictions n WHERE n.id = $3 AND n.parent_id IS NULL)
               OR (l.subject_type = 'alert' AND EXISTS (SELECT 1 FROM alerts a WHERE a.id::text = l.subject_id AND a.jurisdiction_id IN (SELECT id FROM scope)))
               OR (l.subject_type = 'incident' AND EXISTS (SELECT 1 FROM incidents i WHERE i.id::text = l.subject_id AND i.jurisdiction_id IN (SELECT id FROM scope)))
               OR (l.subject_type = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id::text = l.subject_id AND u.jurisdiction_id IN (SELECT id FROM scope)))
               OR (l.subject_type = 'api-token' AND EXISTS (SELECT 1 FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id::text = l.subject_id AND u.jurisdiction_id IN (SELECT id FROM scope)))
               OR (l.subject_type = 'sensor' AND EXISTS (SELECT 1 FROM sensors s WHERE s.id::text = l.subject_id AND s.jurisdiction_id IN (SELECT id FROM scope)))
               OR (l.subject_type = 'handset' AND EXISTS (SELECT 1 FROM handsets h WHERE h.id = l.subject_id AND h.jurisdiction_id IN (SELECT id FROM scope)))
               OR (l.subject_type = 'group' AND EXISTS (SELECT 1 FROM audience_groups g WHERE g.id = l.subject_id AND g.jurisdiction_id IN (SELECT id FROM scope)))
               OR (l.actor LIKE 'user:%' AND EXISTS (SELECT 1 FROM users u WHERE 'user:' || u.id::text = l.actor AND u.jurisdiction_id IN (SELECT id FROM scope))))
        ORDER BY l.seq LIMIT $2`,
      params,
    );
    const items: AuditEntryView[] = rows.map(entryFromRow);
    return { items, actors: await this.actorsOf(items.map((i) => i.actor)), next: items.length === filter.limit ? items[items.length - 1].seq : null };
  }

  // Names, roles and territory of the users and sensors acting in a page of entries.
  private async actorsOf(refs: string[]): Promise<Record<string, AuditActorView>> {
    const ids = (prefix: string) => [...new Set(refs.filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length)))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const actors: Record<string, AuditActorView> = {};
    const userIds = ids('user:');
    if (userIds.length > 0) {
      for (const u of await this.ds.query(`SELECT id, display_name, roles, jurisdiction_id FROM users WHERE id = ANY($1::uuid[])`, [userIds])) {
        actors[`user:${u.id}`] = { ref: `user:${u.id}`, kind: 'user', name: u.display_name, roles: u.roles, jurisdictionId: u.jurisdiction_id };
      }
    }
    const sensorIds = ids('sensor:');
    if (sensorIds.length > 0) {
      for (const s of await this.ds.query(`SELECT id, name, jurisdiction_id FROM sensors WHERE id = ANY($1::uuid[])`, [sensorIds])) {
        actors[`sensor:${s.id}`] = { ref: `sensor:${s.id}`, kind: 'sensor', name: s.name, roles: [], jurisdictionId: s.jurisdiction_id };
      }
    }
    for (const ref of new Set(refs)) {
      if (!actors[ref] && ref.startsWith('system:')) actors[ref] = { ref, kind: 'system', name: `Faro (${ref.slice(7)})`, roles: [], jurisdictionId: null };
    }
    return actors;
  }
}
