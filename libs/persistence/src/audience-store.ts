import type { DataSource, QueryRunner } from 'typeorm';
import {
  AudienceError,
  type AudienceAuditEntry,
  type AudienceGroup,
  type AudienceStore,
  type AudienceTransaction,
  type Handset,
  type JurisdictionContains,
  type StoredBundle,
} from '@faro/audiences';
import { groupKeyContext, type StoredGroupKey } from '@faro/keys';
import { AlertError, type AudienceDirectory, type GroupContentKey, type GroupKeys } from '@faro/alerts';
import type { GroupKeyBundle, KeyEncryptionPort } from '@faro/broadcast-security';
import type { Principal } from '@faro/identity';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';
import { returnedRows } from './update-result';

function handsetFromRow(r: Record<string, any>): Handset {
  return {
    id: r.id,
    label: r.label,
    publicKey: new Uint8Array(r.public_key),
    jurisdictionId: r.jurisdiction_id,
    registeredBy: r.registered_by,
    registeredAt: new Date(r.registered_at),
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  };
}

function groupFromRow(r: Record<string, any>): AudienceGroup {
  return { id: r.id, name: r.name, jurisdictionId: r.jurisdiction_id, createdBy: r.created_by, createdAt: new Date(r.created_at) };
}


class SqlAudienceTransaction implements AudienceTransaction {
  constructor(private readonly q: QueryRunner) {}

  async insertHandset(h: Handset): Promise<void> {
    await this.q.query(
      `INSERT INTO handsets (id, label, public_key, jurisdiction_id, registered_by, registered_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [h.id, h.label, Buffer.from(h.publicKey), h.jurisdictionId, h.registeredBy, h.registeredAt],
    ).catch((e) => rethrowUnknownJurisdiction(e, h.jurisdictionId));
  }

  async findHandsetForUpdate(id: string): Promise<Handset | null> {
    const [r] = await this.q.query(`SELECT * FROM handsets WHERE id = $1 FOR UPDATE`, [id]);
    return r ? handsetFromRow(r) : null;
  }

  async markHandsetRevoked(id: string, at: Date): Promise<void> {
    await this.q.query(`UPDATE handsets SET revoked_at = $2 WHERE id = $1`, [id, at]);
  }

  async insertGroup(g: AudienceGroup): Promise<void> {
    await this.q.query(`INSERT INTO audience_groups (id, name, jurisdiction_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      g.id,
      g.name,
      g.jurisdictionId,
      g.createdBy,
      g.createdAt,
    ]).catch((e) => rethrowUnknownJurisdiction(e, g.jurisdictionId));
  }

  async findGroupForUpdate(id: string): Promise<AudienceGroup | null> {
    const [r] = await this.q.query(`SELECT * FROM audience_groups WHERE id = $1 FOR UPDATE`, [id]);
    return r ? groupFromRow(r) : null;
  }

  async members(groupId: string): Promise<Handset[]> {
    const rows = await this.q.query(
      `SELECT h.* FROM group_members m JOIN handsets h ON h.id = m.handset_id WHERE m.group_id = $1 ORDER BY h.id`,
      [groupId],
    );
    return rows.map(handsetFromRow);
  }

  async groupsOf(handsetId: string): Promise<string[]> {
    const rows = await this.q.query(`SELECT group_id FROM group_members WHERE handset_id = $1 ORDER BY group_id`, [handsetId]);
    return rows.map((r: any) => r.group_id);
  }

  async addMember(groupId: string, handsetId: string, actor: string, at: Date): Promise<boolean> {
    const rows = await this.q.query(
      `INSERT INTO group_members (group_id, handset_id, added_by, added_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (group_id, handset_id) DO NOTHING RETURNING handset_id`,
      [groupId, handsetId, actor, at],
    );
    return rows.length === 1;
  }

  async removeMember(groupId: string, handsetId: string): Promise<boolean> {
    const result = await this.q.query(`DELETE FROM group_members WHERE group_id = $1 AND handset_id = $2 RETURNING handset_id`, [groupId, handsetId]);
    return returnedRows(result).length === 1;
  }

  async activeKey(groupId: string): Promise<StoredGroupKey | null> {
    const [r] = await this.q.query(`SELECT * FROM group_keys WHERE group_id = $1 AND status = 'active'`, [groupId]);
    return r ? { keyId: Number(r.key_id), groupId: r.group_id, wrapped: r.key_wrapped, createdAt: new Date(r.created_at), reason: r.reason } : null;
  }

  async retireActiveKey(groupId: string, at: Date): Promise<number | null> {
    const result = await this.q.query(
      `UPDATE group_keys SET status = 'retired', retired_at = $2 WHERE group_id = $1 AND status = 'active' RETURNING key_id`,
      [groupId, at],
    );
    const [r] = returnedRows(result);
    return r ? Number(r.key_id) : null;
  }

  async insertKey(k: StoredGroupKey): Promise<boolean> {
    const rows = await this.q.query(
      `INSERT INTO group_keys (key_id, group_id, key_wrapped, status, created_at, reason) VALUES ($1, $2, $3, 'active', $4, $5)
       ON CONFLICT (key_id) DO NOTHING RETURNING key_id`,
      [k.keyId, k.groupId, JSON.stringify(k.wrapped), k.createdAt, k.reason],
    );
    return rows.length === 1;
  }

  async insertBundles(bundles: StoredBundle[]): Promise<void> {
    for (const b of bundles) {
      await this.q.query(`INSERT INTO group_key_bundles (key_id, handset_id, bundle) VALUES ($1, $2, $3)`, [b.keyId, b.handsetId, JSON.stringify(b.bundle)]);
    }
  }

  async audit(entry: AudienceAuditEntry): Promise<void> {
    await appendAudit(this.q, entry);
  }
}

function rethrowUnknownJurisdiction(e: unknown, jurisdictionId: string): never {
  if ((e as { code?: string }).code === '23503') {
    throw new AudienceError('audience/invalid-input', `no jurisdiction ${jurisdictionId}`, '/jurisdictionId');
  }
  throw e;
}

export class SqlAudienceStore implements AudienceStore {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (tx: AudienceTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.ds, (q) => work(new SqlAudienceTransaction(q)));
  }

  async groupsWithKeysOlderThan(before: Date): Promise<string[]> {
    const rows = await this.ds.query(`SELECT group_id FROM group_keys WHERE status = 'active' AND created_at < $1 ORDER BY group_id`, [before]);
    return rows.map((r: any) => r.group_id);
  }
}

// The fan-out's view: the group's active key, unwrapped for one composition.
export class SqlGroupKeys implements GroupKeys {
  constructor(
    private readonly ds: DataSource,
    private readonly kek: KeyEncryptionPort,
  ) {}

  async active(groupId: string): Promise<GroupContentKey> {
    const [r] = await this.ds.query(`SELECT key_id, key_wrapped FROM group_keys WHERE group_id = $1 AND status = 'active'`, [groupId]);
    if (!r) throw new Error(`group ${groupId} has no active key`);
    const keyId = Number(r.key_id);
    return { groupId, keyId, key: await this.kek.unwrap(r.key_wrapped, groupKeyContext(keyId)) };
  }
}

// Drafting for a group: it must exist and lie within the drafter's jurisdiction.
export class SqlAudienceDirectory implements AudienceDirectory {
  constructor(
    private readonly ds: DataSource,
    private readonly contains: JurisdictionContains,
  ) {}

  async assertMayAddress(groupId: string, principal: Principal): Promise<void> {
    const [r] = await this.ds.query(`SELECT jurisdiction_id FROM audience_groups WHERE id = $1`, [groupId]);
    if (!r) throw new AlertError('alert/unknown-audience', `no restricted-audience group ${groupId}`, '/audience');
    if (!this.contains(principal.jurisdictionId, r.jurisdiction_id)) {
      throw new AlertError('alert/forbidden', `group ${groupId} belongs to jurisdiction ${r.jurisdiction_id}, outside ${principal.jurisdictionId}`, '/audience');
    }
  }
}

export interface GroupView {
  id: string;
  name: string;
  jurisdictionId: string;
  createdBy: string;
  createdAt: string;
  activeKeyId: number | null;
  activeKeySince: string | null;
  members: string[];
}

export interface HandsetView {
  id: string;
  label: string;
  publicKey: string;
  jurisdictionId: string;
  registeredBy: string;
  registeredAt: string;
  revokedAt: string | null;
  groups: string[];
}

// Read models for the admin API and the CLI, scoped to a jurisdiction's subtree by the caller.
export class SqlAudienceViews {
  constructor(private readonly ds: DataSource) {}

  async groups(): Promise<GroupView[]> {
    const rows = await this.ds.query(
      `SELECT g.*, k.key_id, k.created_at AS key_since,
              coalesce(array_agg(m.handset_id ORDER BY m.handset_id) FILTER (WHERE m.handset_id IS NOT NULL), '{}') AS members
         FROM audience_groups g
         LEFT JOIN group_keys k ON k.group_id = g.id AND k.status = 'active'
         LEFT JOIN group_members m ON m.group_id = g.id
        GROUP BY g.id, k.key_id, k.created_at ORDER BY g.id`,
    );
    return rows.map((r: any) => ({
      id: r.id,
      name: r.name,
      jurisdictionId: r.jurisdiction_id,
      createdBy: r.created_by,
      createdAt: new Date(r.created_at).toISOString(),
      activeKeyId: r.key_id === null ? null : Number(r.key_id),
      activeKeySince: r.key_since ? new Date(r.key_since).toISOString() : null,
      members: r.members,
    }));
  }

  async handsets(): Promise<HandsetView[]> {
    const rows = await this.ds.query(
      `SELECT h.*, coalesce(array_agg(m.group_id ORDER BY m.group_id) FILTER (WHERE m.group_id IS NOT NULL), '{}') AS groups
         FROM handsets h LEFT JOIN group_members m ON m.handset_id = h.id GROUP BY h.id ORDER BY h.id`,
    );
    return rows.map((r: any) => ({
      id: r.id,
      label: r.label,
      publicKey: Buffer.from(r.public_key).toString('base64url'),
      jurisdictionId: r.jurisdiction_id,
      registeredBy: r.registered_by,
      registeredAt: new Date(r.registered_at).toISOString(),
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      groups: r.groups,
    }));
  }

  // What a handset is provisioned with: the bundle of each active key of the groups it is a
  // member of now. Bundles are sealed to the handset, so they are not secret in transit.
  async bundlesFor(handsetId: string): Promise<GroupKeyBundle[] | null> {
    const [h] = await this.ds.query(`SELECT revoked_at FROM handsets WHERE id = $1`, [handsetId]);
    if (!h) return null;
    const rows = await this.ds.query(
      `SELECT b.bundle FROM group_key_bundles b
         JOIN group_keys k ON k.key_id = b.key_id AND k.status = 'active'
         JOIN group_members m ON m.group_id = k.group_id AND m.handset_id = b.handset_id
        WHERE b.handset_id = $1 ORDER BY k.group_id`,
      [handsetId],
    );
    return rows.map((r: any) => r.bundle);
  }
}
