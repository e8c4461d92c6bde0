import type { DataSource } from 'typeorm';
import type { ChainedAuditEntry } from '@faro/audit';
import { entryFromRow } from './audit-log';
import { sealPendingAudit } from './audit-sealing';

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
  subjectType?: string;
  actor?: string;
  action?: string;
  // Only refused actions: auth.refused, auth.login-refused, sensor.webhook-refused, …
  refusedOnly?: boolean;
  // [from, to) on the entry's time.
  from?: Date;
  to?: Date;
  // Chain order (asc, the default) or newest first.
  order?: 'asc' | 'desc';
  /** A cursor: the last seq of the previous page (entries after it in the chosen order). */
  after?: number;
  limit: number;
}

// Subject types whose rows carry a territory, and the SQL that finds it. An entry about one of
// them is visible by that territory alone: who acted does not open another territory's alert.
const SUBJECT_TERRITORY = `CASE l.subject_type
  WHEN 'alert' THEN (SELECT a.jurisdiction_id FROM alerts a WHERE a.id::text = l.subject_id)
  WHEN 'incident' THEN (SELECT i.jurisdiction_id FROM incidents i WHERE i.id::text = l.subject_id)
  WHEN 'user' THEN (SELECT u.jurisdiction_id FROM users u WHERE u.id::text = l.subject_id)
  WHEN 'api-token' THEN (SELECT u.jurisdiction_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id::text = l.subject_id)
  WHEN 'sensor' THEN (SELECT s.jurisdiction_id FROM sensors s WHERE s.id::text = l.subject_id)
  WHEN 'handset' THEN (SELECT h.jurisdiction_id FROM handsets h WHERE h.id = l.subject_id)
  WHEN 'group' THEN (SELECT g.jurisdiction_id FROM audience_groups g WHERE g.id = l.subject_id)
END`;

/**
 * The audit trail as auditors read it: entries of their territory in chain order, and who acted.
 * Each read first seals what is pending, so an auditor sees every entry committed before asking,
 * each with its place in the chain. (Verifying and checkpointing: libs/audit.)
 */
export class SqlAuditTrail {
  constructor(private readonly ds: DataSource) {}

  // An entry is visible to an auditor of jurisdiction J when J is national (no parent); or its
  // subject (alert, incident, user, token, sensor, handset, group) belongs to J or a territory
  // within it; or its subject has no territory on record (a refused request about an id that
  // does not exist) and its acting user belongs to J or within. Platform-wide entries (keys,
  // the KEK) are for national auditors only.
  async entries(filter: AuditEntryFilter): Promise<{ items: AuditEntryView[]; actors: Record<string, AuditActorView>; next: number | null }> {
    await sealPendingAudit(this.ds);
    const desc = filter.order === 'desc';
    const params: unknown[] = [filter.limit, filter.visibleTo];
    const where: string[] = ['l.seq IS NOT NULL'];
    if (filter.after !== undefined) where.push(`l.seq ${desc ? '<' : '>'} $${params.push(filter.after)}`);
    if (filter.subjectId !== undefined) where.push(`l.subject_id = $${params.push(filter.subjectId)}`);
    if (filter.subjectType !== undefined) where.push(`l.subject_type = $${params.push(filter.subjectType)}`);
    if (filter.actor !== undefined) where.push(`l.actor = $${params.push(filter.actor)}`);
    if (filter.action !== undefined) where.push(`l.action = $${params.push(filter.action)}`);
    if (filter.refusedOnly) where.push(`l.action LIKE '%refused'`);
    if (filter.from !== undefined) where.push(`l.at >= $${params.push(filter.from)}`);
    if (filter.to !== undefined) where.push(`l.at < $${params.push(filter.to)}`);
    const rows = await this.ds.query(
      `${SCOPE_CTE}
       SELECT l.seq, l.at, l.actor, l.action, l.subject_type, l.subject_id, l.details, l.prev_hash, l.hash
         FROM audit_log l CROSS JOIN LATERAL (SELECT ${SUBJECT_TERRITORY} AS territory) st
        WHERE ${[...where, VISIBLE].join(' AND ')}
        ORDER BY l.seq ${desc ? 'DESC' : 'ASC'} LIMIT $1`,
      params,
    );
    const items: AuditEntryView[] = rows.map(entryFromRow);
    return { items, actors: await this.actorsOf(items.map((i) => i.actor)), next: items.length === filter.limit ? items[items.length - 1].seq : null };
  }

  // One entry by its sequence number, under the same rule; null when absent or not visible.
  async entry(seq: number, visibleTo: string): Promise<{ item: AuditEntryView; actors: Record<string, AuditActorView> } | null> {
    await sealPendingAudit(this.ds);
    const rows = await this.ds.query(
      `${SCOPE_CTE}
       SELECT l.seq, l.at, l.actor, l.action, l.subject_type, l.subject_id, l.details, l.prev_hash, l.hash
         FROM audit_log l CROSS JOIN LATERAL (SELECT ${SUBJECT_TERRITORY} AS territory) st
        WHERE l.seq = $1 AND ${VISIBLE}`,
      [seq, visibleTo],
    );
    if (rows.length === 0) return null;
    const item = entryFromRow(rows[0]);
    return { item, actors: await this.actorsOf([item.actor]) };
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

// $2 is the auditor's jurisdiction in both queries.
const SCOPE_CTE = `WITH RECURSIVE scope AS (SELECT id, parent_id FROM jurisdictions WHERE id = $2
                     UNION ALL SELECT j.id, j.parent_id FROM jurisdictions j JOIN scope ON j.parent_id = scope.id)`;

const VISIBLE = `(EXISTS (SELECT 1 FROM jurisdictions n WHERE n.id = $2 AND n.parent_id IS NULL)
   OR st.territory IN (SELECT id FROM scope)
   OR (l.subject_type <> 'key' AND st.territory IS NULL
       AND l.actor LIKE 'user:%' AND EXISTS (SELECT 1 FROM users u WHERE 'user:' || u.id::text = l.actor AND u.jurisdiction_id IN (SELECT id FROM scope))))`;
