import type { DataSource } from 'typeorm';
import { generateSigningKey, keyIdHex, type KeyEncryptionPort } from '@faro/broadcast-security';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';
import { returnedRows } from './update-result';

// Serialises rotations (an admin's and the worker's schedule may meet); distinct from the audit lock.
const ROTATION_LOCK = 7243002;

export interface SigningKeyRotation {
  kid: string;
  previousKid: string | null;
  retiredKid: string | null;
}

// Active → previous, previous → retired, a new key → active, in one transaction: signers read
// the active row on every broadcast, so the new key signs from the commit on, and the JWKS
// (active + previous) still verifies what the old key signed until the next rotation.
// With onlyIfCreatedBefore it rotates only an active key older than that (the schedule), and
// returns null when the active key is younger (or there is none yet: SqlSigningKeys.ensureActive makes it).
export async function rotateSigningKey(
  ds: DataSource,
  kek: KeyEncryptionPort,
  reason: string,
  opts: { actor?: string; onlyIfCreatedBefore?: Date } = {},
): Promise<SigningKeyRotation | null> {
  const next = generateSigningKey();
  const wrapped = await kek.wrap(next.privateKey, `signing-key:${keyIdHex(next.keyId)}`);
  return inTransaction(ds, async (q) => {
    await q.query(`SELECT pg_advisory_xact_lock($1)`, [ROTATION_LOCK]);
    const [active] = await q.query(`SELECT key_id, created_at FROM signing_keys WHERE status = 'active'`);
    if (opts.onlyIfCreatedBefore && (!active || new Date(active.created_at) >= opts.onlyIfCreatedBefore)) return null;
    const retired = await q.query(`UPDATE signing_keys SET status = 'retired', retired_at = now() WHERE status = 'previous' RETURNING key_id`);
    await q.query(`UPDATE signing_keys SET status = 'previous' WHERE status = 'active'`);
    await q.query(`INSERT INTO signing_keys (key_id, public_key, private_key_wrapped, status) VALUES ($1, $2, $3, 'active')`, [
      next.keyId,
      Buffer.from(next.publicKey),
      JSON.stringify(wrapped),
    ]);
    const rotation: SigningKeyRotation = {
      kid: keyIdHex(next.keyId),
      previousKid: active ? keyIdHex(Number(active.key_id)) : null,
      retiredKid: retiredKid(retired),
    };
    await appendAudit(q, {
      actor: opts.actor ?? 'system:keys',
      action: 'key.signing-rotated',
      subjectType: 'key',
      subjectId: rotation.kid,
      details: { ...rotation, reason, kekId: wrapped.kekId },
    });
    return rotation;
  });
}

function retiredKid(result: unknown): string | null {
  const rows = returnedRows<{ key_id?: string }>(result);
  const row = rows?.[0] as { key_id?: string } | undefined;
  return row?.key_id !== undefined ? keyIdHex(Number(row.key_id)) : null;
}

export interface SigningKeySummary {
  kid: string;
  status: 'active' | 'previous' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
}

// The signing keys' public metadata, newest first: the active and previous keys (the JWKS) and
// the last few retired ones, for an administrator to see what a rotation did.
export async function listSigningKeys(ds: DataSource, retiredShown = 5): Promise<SigningKeySummary[]> {
  const rows = await ds.query(
    `(SELECT key_id, status, created_at, retired_at FROM signing_keys WHERE status <> 'retired')
     UNION ALL
     (SELECT key_id, status, created_at, retired_at FROM signing_keys WHERE status = 'retired' ORDER BY retired_at DESC NULLS LAST LIMIT $1)
     ORDER BY created_at DESC`,
    [retiredShown],
  );
  return rows.map((r: any) => ({ kid: keyIdHex(Number(r.key_id)), status: r.status, createdAt: r.created_at, retiredAt: r.retired_at ?? null }));
}
