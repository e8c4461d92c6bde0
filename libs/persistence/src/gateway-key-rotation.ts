import type { DataSource } from 'typeorm';
import { generateGatewayKeyPair, type KeyEncryptionPort } from '@faro/broadcast-security';
import { appendAudit } from './audit-log';
import { GatewayKeyError } from './gateway-key-error';
import { gatewayKeyWrapContext } from './gateway-keys';
import { inTransaction } from './in-transaction';

export interface GatewayKeyRotation {
  gatewayId: string;
  kid: string;
  previousKid: string | null;
  retiredKid: string | null;
}

// For one gateway, in one transaction under the gateway's row lock: active → previous, previous →
// retired (its private half deleted: nothing sealed to it is opened again), a new pair → active.
// The sealer reads the active key per seal, so broadcasts are sealed to the new key from the
// commit; the simulated gateway still opens what was sealed to the previous key, so batches in
// flight go out. The simulated gateway's new pair is made here (a real gateway would make it in
// its HSM and register the public half).
// With onlyIfCreatedBefore it rotates only an active key older than that (the schedule), and
// returns null when the active key is younger or there is none (ensureSimulatedGateways makes it).
export async function rotateGatewayKey(
  ds: DataSource,
  kek: KeyEncryptionPort,
  gatewayId: string,
  reason: string,
  opts: { actor?: string; onlyIfCreatedBefore?: Date } = {},
): Promise<GatewayKeyRotation | null> {
  // The id comes from a URL path; PostgreSQL refuses a NUL byte in text with an error (a 500 the
  // HTTP fuzz found), where no gateway can have one.
  if (gatewayId.includes('\u0000')) throw new GatewayKeyError('gateway/not-found', `No gateway ${JSON.stringify(gatewayId)}`);
  const next = await generateGatewayKeyPair();
  const wrapped = await kek.wrap(next.privateKey, gatewayKeyWrapContext({ gateway_id: gatewayId, key_id: next.kid }));
  next.privateKey.fill(0);
  return inTransaction(ds, async (q) => {
    const [gateway] = await q.query(`SELECT id FROM gateways WHERE id = $1 FOR UPDATE`, [gatewayId]);
    if (!gateway) throw new GatewayKeyError('gateway/not-found', `No gateway ${gatewayId}`);
    const [active] = await q.query(`SELECT key_id, created_at FROM gateway_keys WHERE gateway_id = $1 AND status = 'active'`, [gatewayId]);
    if (opts.onlyIfCreatedBefore && (!active || new Date(active.created_at) >= opts.onlyIfCreatedBefore)) return null;
    const [previous] = await q.query(`SELECT key_id FROM gateway_keys WHERE gateway_id = $1 AND status = 'previous'`, [gatewayId]);
    if (previous) {
      await q.query(`DELETE FROM simulator_gateway_keys WHERE gateway_id = $1 AND key_id = $2`, [gatewayId, previous.key_id]);
      await q.query(`UPDATE gateway_keys SET status = 'retired', retired_at = now() WHERE gateway_id = $1 AND key_id = $2`, [gatewayId, previous.key_id]);
    }
    await q.query(`UPDATE gateway_keys SET status = 'previous' WHERE gateway_id = $1 AND status = 'active'`, [gatewayId]);
    await q.query(`INSERT INTO gateway_keys (gateway_id, key_id, public_key, status) VALUES ($1, $2, $3, 'active')`, [gatewayId, next.kid, Buffer.from(next.publicKey)]);
    await q.query(`INSERT INTO simulator_gateway_keys (gateway_id, key_id, private_key_wrapped) VALUES ($1, $2, $3)`, [gatewayId, next.kid, JSON.stringify(wrapped)]);
    const rotation: GatewayKeyRotation = {
      gatewayId,
      kid: next.kid,
      previousKid: active?.key_id ?? null,
      retiredKid: previous?.key_id ?? null,
    };
    // Key ids and the KEK id only: never key material.
    await appendAudit(q, {
      actor: opts.actor ?? 'system:keys',
      action: 'key.gateway-rotated',
      subjectType: 'key',
      subjectId: rotation.kid,
      details: { ...rotation, reason, kekId: wrapped.kekId },
    });
    return rotation;
  });
}

// Every gateway in turn, each in its own transaction (a failure leaves the others rotated). With
// onlyIfCreatedBefore, the schedule: only gateways whose active key is older are rotated.
export async function rotateGatewayKeys(
  ds: DataSource,
  kek: KeyEncryptionPort,
  reason: string,
  opts: { actor?: string; onlyIfCreatedBefore?: Date } = {},
): Promise<GatewayKeyRotation[]> {
  const due: Array<{ id: string }> = opts.onlyIfCreatedBefore
    ? await ds.query(
        `SELECT g.id FROM gateways g JOIN gateway_keys k ON k.gateway_id = g.id AND k.status = 'active' WHERE k.created_at < $1 ORDER BY g.id`,
        [opts.onlyIfCreatedBefore],
      )
    : await ds.query(`SELECT id FROM gateways ORDER BY id`);
  const rotations: GatewayKeyRotation[] = [];
  for (const { id } of due) {
    const r = await rotateGatewayKey(ds, kek, id, reason, opts);
    if (r) rotations.push(r);
  }
  return rotations;
}
