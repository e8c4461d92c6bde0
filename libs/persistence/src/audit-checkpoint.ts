import type { DataSource } from 'typeorm';
import type { SigningKeys } from '@faro/alerts';
import { walkAuditChain } from './audit-chain-walk';
import { AuditTrailError } from './audit-trail-error';

export interface AuditCheckpoint {
  id: number;
  seq: number;
  headHash: string;
  keyId: number;
  /** Ed25519 over auditCheckpointPayload(seq, headHash), hex. */
  signature: string;
  createdAt: string;
}

// A context string first, so a checkpoint signature can never pass for another signature made
// with the same key: a broadcast signs 13 + 82·n bytes that begin with a message identifier
// (libs/cell-broadcast signedPayload); this is 65 bytes that begin with the context.
const CONTEXT = Buffer.from('faro-audit-checkpoint/v1\0', 'ascii');
const HASH = /^[0-9a-f]{64}$/;

/** The bytes a checkpoint signs: context ‖ seq (8 bytes, big-endian) ‖ head hash (32 bytes). */
export function auditCheckpointPayload(seq: number, headHash: string): Uint8Array {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`a checkpoint seq is a positive integer, got ${seq}`);
  if (!HASH.test(headHash)) throw new RangeError('a checkpoint head hash is 64 lowercase hex digits');
  const out = Buffer.alloc(CONTEXT.length + 8 + 32);
  CONTEXT.copy(out, 0);
  out.writeBigUInt64BE(BigInt(seq), CONTEXT.length);
  Buffer.from(headHash, 'hex').copy(out, CONTEXT.length + 8);
  return new Uint8Array(out);
}

export const CHECKPOINT_COLUMNS = `id, seq, head_hash, key_id, signature, created_at`;

export function checkpointFromRow(r: any): AuditCheckpoint {
  return {
    id: Number(r.id),
    seq: Number(r.seq),
    headHash: String(r.head_hash),
    keyId: Number(r.key_id),
    signature: String(r.signature),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * Signs the head of the audit chain with the active signing key, after checking that every entry
 * since the previous checkpoint still chains onto it: a checkpoint never vouches for an entry
 * that was not verified. Returns null when the chain is empty or no entry was added since the
 * last checkpoint. No lock is needed: committed entries are contiguous and never change, so the
 * head read here stays what it was; two checkpointers racing at worst sign the same head twice.
 */
export async function writeAuditCheckpoint(ds: DataSource, signer: Pick<SigningKeys, 'active'>): Promise<AuditCheckpoint | null> {
  const [head] = await ds.query(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
  if (!head) return null;
  const headSeq = Number(head.seq);
  const [last] = await ds.query(`SELECT seq, head_hash FROM audit_checkpoints ORDER BY seq DESC, id DESC LIMIT 1`);
  if (last && Number(last.seq) >= headSeq) return null;

  const walk = await walkAuditChain(ds, {
    fromSeq: last ? Number(last.seq) : 0,
    fromHash: last ? String(last.head_hash) : undefined,
    toSeq: headSeq,
  });
  if (walk.firstBad) {
    throw new AuditTrailError('audit/chain-broken', `Not checkpointing: entry ${walk.firstBad.seq} does not chain (${walk.firstBad.reason})`);
  }
  if (walk.headSeq !== headSeq || walk.headHash !== head.hash) {
    throw new AuditTrailError('audit/chain-broken', `Not checkpointing: entry ${headSeq} does not chain onto the entries before it`);
  }

  const key = await signer.active();
  const signature = Buffer.from(key.sign(auditCheckpointPayload(headSeq, walk.headHash))).toString('hex');
  const [row] = await ds.query(
    `INSERT INTO audit_checkpoints (seq, head_hash, key_id, signature)
     SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE seq >= $1)
     RETURNING ${CHECKPOINT_COLUMNS}`,
    [headSeq, walk.headHash, key.keyId, signature],
  );
  return row ? checkpointFromRow(row) : null;
}
