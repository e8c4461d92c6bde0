import type { DataSource, QueryRunner } from 'typeorm';
import type { WrappedSecret } from '@faro/broadcast-security';
import type { KeyAuditEntry, KeyStore, KeyTransaction, StoredWrappedSecret, WrappedSecretKind, WrappedSecretOwner } from '@faro/keys';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';
import { affectedRows, returnedRows } from './update-result';

// Serialises signing-key rotations; distinct from the audit lock.
const SIGNING_ROTATION_LOCK = 7243002;

// Every column holding a KEK-wrapped secret: how to read its rows with whose secret each is, and
// which row a secret is. In WRAPPED_SECRET_KINDS order.
const WRAPPED_COLUMNS: Record<WrappedSecretKind, { select: string; owner: (r: any) => WrappedSecretOwner; table: string; column: string; where: (o: any) => [string, unknown[]] }> = {
  signingKeys: {
    select: `SELECT key_id, private_key_wrapped AS wrapped FROM signing_keys WHERE private_key_wrapped->>'kekId' IS DISTINCT FROM $1 ORDER BY key_id`,
    owner: (r) => ({ kind: 'signingKeys', keyId: Number(r.key_id) }),
    table: 'signing_keys',
    column: 'private_key_wrapped',
    where: (o) => ['key_id = $3', [o.keyId]],
  },
  // Gateway key ids are unique across gateways (migrations/1764600000000-gateway-key-rotation.ts).
  gatewayKeys: {
    select: `SELECT gateway_id, key_id, legacy_context, private_key_wrapped AS wrapped FROM simulator_gateway_keys WHERE private_key_wrapped->>'kekId' IS DISTINCT FROM $1 ORDER BY key_id`,
    owner: (r) => ({ kind: 'gatewayKeys', gatewayId: r.gateway_id, kid: r.key_id, legacyContext: !!r.legacy_context }),
    table: 'simulator_gateway_keys',
    column: 'private_key_wrapped',
    where: (o) => ['gateway_id = $3 AND key_id = $4', [o.gatewayId, o.kid]],
  },
  sensorSecrets: {
    select: `SELECT id, sensor_id, secret_wrapped AS wrapped FROM sensor_secrets WHERE secret_wrapped->>'kekId' IS DISTINCT FROM $1 ORDER BY id`,
    owner: (r) => ({ kind: 'sensorSecrets', secretId: r.id, sensorId: r.sensor_id }),
    table: 'sensor_secrets',
    column: 'secret_wrapped',
    where: (o) => ['id = $3', [o.secretId]],
  },
  totpSecrets: {
    select: `SELECT id, totp_secret_wrapped AS wrapped FROM users WHERE totp_secret_wrapped IS NOT NULL AND totp_secret_wrapped->>'kekId' IS DISTINCT FROM $1 ORDER BY id`,
    owner: (r) => ({ kind: 'totpSecrets', userId: r.id }),
    table: 'users',
    column: 'totp_secret_wrapped',
    where: (o) => ['id = $3', [o.userId]],
  },
  groupKeys: {
    select: `SELECT key_id, key_wrapped AS wrapped FROM group_keys WHERE key_wrapped->>'kekId' IS DISTINCT FROM $1 ORDER BY key_id`,
    owner: (r) => ({ kind: 'groupKeys', keyId: Number(r.key_id) }),
    table: 'group_keys',
    column: 'key_wrapped',
    where: (o) => ['key_id = $3', [o.keyId]],
  },
  vapidKeys: {
    select: `SELECT id, private_key_wrapped AS wrapped FROM push_vapid_keys WHERE private_key_wrapped->>'kekId' IS DISTINCT FROM $1 ORDER BY id`,
    owner: (r) => ({ kind: 'vapidKeys', id: Number(r.id) }),
    table: 'push_vapid_keys',
    column: 'private_key_wrapped',
    where: (o) => ['id = $3', [o.id]],
  },
};

class SqlKeyTransaction implements KeyTransaction {
  constructor(private readonly q: QueryRunner) {}

  async lockSigningKeys(): Promise<void> {
    await this.q.query(`SELECT pg_advisory_xact_lock($1)`, [SIGNING_ROTATION_LOCK]);
  }

  async activeSigningKey(): Promise<{ keyId: number; createdAt: Date } | null> {
    const [row] = await this.q.query(`SELECT key_id, created_at FROM signing_keys WHERE status = 'active'`);
    return row ? { keyId: Number(row.key_id), createdAt: new Date(row.created_at) } : null;
  }

  async retirePreviousSigningKey(): Promise<number | null> {
    const [row] = returnedRows<{ key_id: string }>(await this.q.query(`UPDATE signing_keys SET status = 'retired', retired_at = now() WHERE status = 'previous' RETURNING key_id`));
    return row ? Number(row.key_id) : null;
  }

  async demoteActiveSigningKey(): Promise<void> {
    await this.q.query(`UPDATE signing_keys SET status = 'previous' WHERE status = 'active'`);
  }

  async insertActiveSigningKey(k: { keyId: number; publicKey: Uint8Array; privateKeyWrapped: WrappedSecret }): Promise<void> {
    await this.q.query(`INSERT INTO signing_keys (key_id, public_key, private_key_wrapped, status) VALUES ($1, $2, $3, 'active')`, [
      k.keyId,
      Buffer.from(k.publicKey),
      JSON.stringify(k.privateKeyWrapped),
    ]);
  }

  async lockGateway(gatewayId: string): Promise<boolean> {
    const [gateway] = await this.q.query(`SELECT id FROM gateways WHERE id = $1 FOR UPDATE`, [gatewayId]);
    return !!gateway;
  }

  async gatewayKey(gatewayId: string, status: 'active' | 'previous'): Promise<{ kid: string; createdAt: Date } | null> {
    const [row] = await this.q.query(`SELECT key_id, created_at FROM gateway_keys WHERE gateway_id = $1 AND status = $2`, [gatewayId, status]);
    return row ? { kid: row.key_id, createdAt: new Date(row.created_at) } : null;
  }

  async retireGatewayKey(gatewayId: string, kid: string): Promise<void> {
    await this.q.query(`DELETE FROM simulator_gateway_keys WHERE gateway_id = $1 AND key_id = $2`, [gatewayId, kid]);
    await this.q.query(`UPDATE gateway_keys SET status = 'retired', retired_at = now() WHERE gateway_id = $1 AND key_id = $2`, [gatewayId, kid]);
  }

  async demoteActiveGatewayKey(gatewayId: string): Promise<void> {
    await this.q.query(`UPDATE gateway_keys SET status = 'previous' WHERE gateway_id = $1 AND status = 'active'`, [gatewayId]);
  }

  async insertActiveGatewayKey(k: { gatewayId: string; kid: string; publicKey: Uint8Array; privateKeyWrapped: WrappedSecret }): Promise<void> {
    await this.q.query(`INSERT INTO gateway_keys (gateway_id, key_id, public_key, status) VALUES ($1, $2, $3, 'active')`, [k.gatewayId, k.kid, Buffer.from(k.publicKey)]);
    await this.q.query(`INSERT INTO simulator_gateway_keys (gateway_id, key_id, private_key_wrapped) VALUES ($1, $2, $3)`, [k.gatewayId, k.kid, JSON.stringify(k.privateKeyWrapped)]);
  }

  async audit(entry: KeyAuditEntry): Promise<void> {
    await appendAudit(this.q, entry);
  }
}

/** signing_keys, gateways and their keys, and every column holding a KEK-wrapped secret. */
export class SqlKeyStore implements KeyStore {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (tx: KeyTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.ds, (q) => work(new SqlKeyTransaction(q)));
  }

  async gatewayIds(): Promise<string[]> {
    return (await this.ds.query(`SELECT id FROM gateways ORDER BY id`)).map((r: { id: string }) => r.id);
  }

  async gatewaysWithKeysOlderThan(before: Date): Promise<string[]> {
    const rows = await this.ds.query(
      `SELECT g.id FROM gateways g JOIN gateway_keys k ON k.gateway_id = g.id AND k.status = 'active' WHERE k.created_at < $1 ORDER BY g.id`,
      [before],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async secretsNotUnder(kekId: string): Promise<StoredWrappedSecret[]> {
    const secrets: StoredWrappedSecret[] = [];
    for (const c of Object.values(WRAPPED_COLUMNS)) {
      for (const r of await this.ds.query(c.select, [kekId])) secrets.push({ owner: c.owner(r), wrapped: r.wrapped as WrappedSecret });
    }
    return secrets;
  }

  // One statement: the row is replaced only while it holds the value that was rewrapped.
  async replaceWrappedSecret(secret: StoredWrappedSecret, rewrapped: WrappedSecret): Promise<boolean> {
    const c = WRAPPED_COLUMNS[secret.owner.kind];
    const [where, params] = c.where(secret.owner);
    const result = await this.ds.query(`UPDATE ${c.table} SET ${c.column} = $1 WHERE ${c.column} = $2::jsonb AND ${where}`, [
      JSON.stringify(rewrapped),
      JSON.stringify(secret.wrapped),
      ...params,
    ]);
    return affectedRows(result) > 0;
  }
}
