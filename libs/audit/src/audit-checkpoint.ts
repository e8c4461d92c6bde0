import { keyIdHex, verifyEd25519 } from '@faro/broadcast-security';

export interface AuditCheckpoint {
  id: number;
  seq: number;
  headHash: string;
  keyId: number;
  /** Ed25519 over auditCheckpointPayload(seq, headHash), hex. */
  signature: string;
  createdAt: string;
}

export type NewAuditCheckpoint = Pick<AuditCheckpoint, 'seq' | 'headHash' | 'keyId' | 'signature'>;

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

/** Whether `publicKey` signed this checkpoint's seq and head hash; anything malformed is false. */
export function verifyCheckpointSignature(c: Pick<AuditCheckpoint, 'seq' | 'headHash' | 'signature'>, publicKey: Uint8Array): boolean {
  let payload: Uint8Array;
  try {
    payload = auditCheckpointPayload(c.seq, c.headHash);
  } catch {
    return false;
  }
  if (!/^([0-9a-f]{2})*$/i.test(c.signature)) return false;
  try {
    return verifyEd25519(publicKey, payload, Buffer.from(c.signature, 'hex'));
  } catch {
    // A public key that is no Ed25519 key vouches for nothing.
    return false;
  }
}

/** A key id as the JWKS names it (kid, 8 hex digits); anything out of range as it is. */
export function checkpointKid(keyId: number): string {
  return Number.isSafeInteger(keyId) && keyId >= 1 && keyId <= 0xffffffff ? keyIdHex(keyId) : String(keyId);
}
