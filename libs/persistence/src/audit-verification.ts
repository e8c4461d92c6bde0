import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { keyIdHex, type KeyEncryptionPort, type WrappedSecret } from '@faro/broadcast-security';
import { type AuditCheckpoint, auditCheckpointPayload, CHECKPOINT_COLUMNS, checkpointFromRow } from './audit-checkpoint';
import { type Queryable, walkAuditChain } from './audit-chain-walk';

export interface AuditTrailReport {
  intact: boolean;
  /** Entries that chain correctly (all of them when intact). */
  entries: number;
  /** Hash of the last entry that chains correctly. */
  headHash: string;
  /** The earliest entry proven wrong, and how. */
  firstBad?: { seq: number; reason: string };
  checkpoints: { verified: number; latest: AuditCheckpointView | null };
}

// A checkpoint as auditors read it: the key id in the JWKS's hex (kid), not a number.
export type AuditCheckpointView = Omit<AuditCheckpoint, 'keyId'> & { keyId: string };

/** The public key a checkpoint's key id stands for, or why there is none to trust. */
export type CheckpointKeyLookup = (keyId: number) => Promise<{ publicKey: Uint8Array } | { problem: string }>;

/**
 * Public keys for checkpoints, trusted through the key-encryption key rather than the database:
 * the private key is unwrapped (the wrap is authenticated and bound to its key id) and its public
 * half derived, so whoever can write to PostgreSQL but does not hold the KEK can neither swap in a
 * key of their own nor re-sign a rewritten chain. The stored public key must agree with it.
 */
export function kekAnchoredCheckpointKeys(q: Queryable, kek: KeyEncryptionPort): CheckpointKeyLookup {
  const found = new Map<number, Promise<{ publicKey: Uint8Array } | { problem: string }>>();
  const lookup = async (keyId: number): Promise<{ publicKey: Uint8Array } | { problem: string }> => {
    const [row] = await q.query(`SELECT public_key, private_key_wrapped FROM signing_keys WHERE key_id = $1`, [keyId]);
    const kid = kidOf(keyId);
    if (!row) return { problem: `it names signing key ${kid}, which does not exist` };
    let privateKey: Uint8Array;
    try {
      // The wrap context SqlSigningKeys uses (signing-key-store.ts).
      privateKey = await kek.unwrap(row.private_key_wrapped as WrappedSecret, `signing-key:${kid}`);
    } catch {
      return { problem: `signing key ${kid} does not open with this key-encryption key` };
    }
    const der = Buffer.from(privateKey);
    privateKey.fill(0);
    const jwk = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
    der.fill(0);
    const publicKey = new Uint8Array(Buffer.from(String(jwk.x), 'base64url'));
    if (!Buffer.from(row.public_key).equals(Buffer.from(publicKey))) {
      return { problem: `the stored public key of signing key ${kid} is not the one its private key derives` };
    }
    return { publicKey };
  };
  return (keyId) => {
    let result = found.get(keyId);
    if (!result) found.set(keyId, (result = lookup(keyId)));
    return result;
  };
}

const kidOf = (keyId: number) => (Number.isSafeInteger(keyId) && keyId >= 1 && keyId <= 0xffffffff ? keyIdHex(keyId) : String(keyId));

export function verifyCheckpointSignature(c: Pick<AuditCheckpoint, 'seq' | 'headHash' | 'signature'>, publicKey: Uint8Array): boolean {
  let payload: Uint8Array;
  try {
    payload = auditCheckpointPayload(c.seq, c.headHash);
  } catch {
    return false;
  }
  const signature = Buffer.from(c.signature, 'hex');
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  // RFC 8410 §4: SubjectPublicKeyInfo of an Ed25519 key = this prefix ‖ the raw 32-byte key.
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
  return verify(null, payload, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature);
}

/**
 * The whole audit trail checked: every entry chains onto the one before (verifyAuditChain), and
 * every signed checkpoint still holds — its signature verifies under a KEK-anchored key, and the
 * chain still has entry `seq` with exactly the signed hash. An entry edited in place breaks the
 * chain; a chain rewritten and rehashed from some entry on no longer matches the checkpoints
 * after it; a chain cut short no longer reaches them. Only what was appended after the latest
 * checkpoint can go unnoticed, so checkpoints are written every few minutes.
 */
export async function verifyAuditTrail(q: Queryable, keyFor: CheckpointKeyLookup): Promise<AuditTrailReport> {
  const checkpoints = (await q.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq, id`)).map(checkpointFromRow);
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashAt = new Map<number, string>();
  const walk = await walkAuditChain(q, { seen: (seq, hash) => wanted.has(seq) && hashAt.set(seq, hash) });

  const problems: Array<{ seq: number; reason: string }> = [];
  if (walk.firstBad) problems.push(walk.firstBad);
  let verified = 0;
  let lastConfirmed = 0;
  for (const c of checkpoints) {
    const which = `checkpoint ${c.id} (entry ${c.seq}, ${c.createdAt})`;
    const key = await keyFor(c.keyId);
    if ('problem' in key) {
      problems.push({ seq: c.seq, reason: `${which} cannot be trusted: ${key.problem}` });
      continue;
    }
    if (!verifyCheckpointSignature(c, key.publicKey)) {
      problems.push({ seq: c.seq, reason: `${which} has a signature that does not verify` });
      continue;
    }
    // Past a broken entry the chain proves nothing either way: the break is the finding.
    if (walk.firstBad && c.seq >= walk.firstBad.seq) continue;
    const hash = hashAt.get(c.seq);
    if (hash === undefined) {
      problems.push({ seq: c.seq, reason: `${which} vouches for entry ${c.seq}, but the chain ends at entry ${walk.headSeq}: entries were removed` });
    } else if (hash !== c.headHash) {
      problems.push({
        seq: c.seq,
        reason: `entry ${c.seq} is not the one ${which} signed: the chain was rewritten after entry ${lastConfirmed}, the last one a checkpoint confirms`,
      });
    } else {
      verified++;
      lastConfirmed = Math.max(lastConfirmed, c.seq);
    }
  }

  const latest = checkpoints.reduce<AuditCheckpoint | null>((l, c) => (!l || c.seq > l.seq || (c.seq === l.seq && c.id > l.id) ? c : l), null);
  const report: AuditTrailReport = {
    intact: problems.length === 0,
    entries: walk.entries,
    headHash: walk.headHash,
    checkpoints: { verified, latest: latest && { ...latest, keyId: kidOf(latest.keyId) } },
  };
  if (problems.length > 0) report.firstBad = problems.reduce((a, b) => (b.seq < a.seq ? b : a));
  return report;
}
