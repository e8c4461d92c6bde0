import type { DataSource } from 'typeorm';
import { keyIdHex, type KeyEncryptionPort, type WrappedSecret } from '@faro/broadcast-security';
import { appendAudit } from './audit-log';
import { gatewayKeyWrapContext } from './gateway-keys';
import { inTransaction } from './in-transaction';
import { VAPID_KEY_CONTEXT } from './vapid-keys';

// Every column holding a KEK-wrapped secret, with the context each row's secret is bound to.
const WRAPPED_COLUMNS = [
  { name: 'signingKeys', table: 'signing_keys', key: 'key_id', column: 'private_key_wrapped', context: (r: any) => `signing-key:${keyIdHex(Number(r.key_id))}` },
  // Gateway key ids are unique across gateways (migrations/1764600000000-gateway-key-rotation.ts).
  { name: 'gatewayKeys', table: 'simulator_gateway_keys', key: 'key_id', column: 'private_key_wrapped', context: (r: any) => gatewayKeyWrapContext(r) },
  { name: 'sensorSecrets', table: 'sensor_secrets', key: 'id', column: 'secret_wrapped', context: (r: any) => `sensor-secret:${r.sensor_id}` },
  { name: 'totpSecrets', table: 'users', key: 'id', column: 'totp_secret_wrapped', context: (r: any) => `totp:${r.id}` },
  { name: 'groupKeys', table: 'group_keys', key: 'key_id', column: 'key_wrapped', context: (r: any) => `group-key:${Number(r.key_id)}` },
  { name: 'vapidKeys', table: 'push_vapid_keys', key: 'id', column: 'private_key_wrapped', context: () => VAPID_KEY_CONTEXT },
] as const;

export type RewrapCounts = Record<(typeof WRAPPED_COLUMNS)[number]['name'], number>;

// Wraps every stored secret that is not under the keyring's current KEK again, one row per short
// transaction (row-locked, re-checked), so signing and logins go on meanwhile. The keyring must
// hold the KEK each row was wrapped under. Idempotent: a second run rewraps nothing.
export async function rewrapAllSecrets(ds: DataSource, kek: KeyEncryptionPort, actor = 'system:keys'): Promise<{ kekId: string; rewrapped: RewrapCounts }> {
  const rewrapped = Object.fromEntries(WRAPPED_COLUMNS.map((c) => [c.name, 0])) as RewrapCounts;
  const from = new Set<string>();
  for (const c of WRAPPED_COLUMNS) {
    const stale = await ds.query(`SELECT ${c.key} AS k FROM ${c.table} WHERE ${c.column} IS NOT NULL AND ${c.column}->>'kekId' IS DISTINCT FROM $1`, [kek.kekId]);
    for (const { k } of stale) {
      await inTransaction(ds, async (q) => {
        const [row] = await q.query(`SELECT * FROM ${c.table} WHERE ${c.key} = $1 FOR UPDATE`, [k]);
        const wrapped = row?.[c.column] as WrappedSecret | null;
        if (!wrapped || !kek.needsRewrap(wrapped)) return;
        const rotated = await kek.rotate(wrapped, c.context(row));
        await q.query(`UPDATE ${c.table} SET ${c.column} = $2 WHERE ${c.key} = $1`, [k, JSON.stringify(rotated)]);
        from.add(wrapped.kekId);
        rewrapped[c.name] += 1;
      });
    }
  }
  // Counts and KEK ids (fingerprints) only: never key material.
  await inTransaction(ds, (q) =>
    appendAudit(q, { actor, action: 'key.kek-rewrapped', subjectType: 'key', subjectId: kek.kekId, details: { kekId: kek.kekId, fromKekIds: [...from].sort(), rewrapped } }),
  );
  return { kekId: kek.kekId, rewrapped };
}
