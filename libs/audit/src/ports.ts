import type { WrappedSecret } from '@faro/broadcast-security';
import type { AuditCheckpoint, NewAuditCheckpoint } from './audit-checkpoint';
import type { AuditEntry, AuditHead, ChainedAuditEntry } from './audit-entry';
import type { PendingAuditEntry, SealedAuditEntry } from './seal-audit-entries';

/** The stored audit trail: an append-only chain of entries and the checkpoints signed over it. */
export interface AuditLog {
  /**
   * Stores `entry`, inside the caller's transaction when there is one, without waiting for other
   * appenders. A stored log may keep it pending until its sealer chains it (AuditSealer); an
   * in-memory one chains it at once.
   */
  append(entry: AuditEntry, at?: Date): Promise<void>;
  /** The last entry in the chain (sealed). */
  head(): Promise<AuditHead | null>;
  /** Entries with afterSeq < seq ≤ toSeq, in seq order, at most `limit`, as stored (unchecked). */
  range(afterSeq: number, toSeq: number, limit: number): Promise<ChainedAuditEntry[]>;
  /** Every checkpoint, by seq then id. */
  checkpoints(): Promise<AuditCheckpoint[]>;
  /** The checkpoint with the highest seq (the latest of those). */
  latestCheckpoint(): Promise<AuditCheckpoint | null>;
  /** Stores the checkpoint unless one at or past its seq exists already (then null). */
  addCheckpoint(c: NewAuditCheckpoint): Promise<AuditCheckpoint | null>;
}

/** The key that signs checkpoints (libs/alerts SigningKeys fits). */
export interface CheckpointSigner {
  active(): Promise<{ keyId: number; sign(payload: Uint8Array): Uint8Array }>;
}

/** A signing key as stored: its public half and its private half wrapped under the KEK. */
export interface SigningKeyRecords {
  signingKey(keyId: number): Promise<{ publicKey: Uint8Array; privateKeyWrapped: WrappedSecret } | null>;
}

/** The public key a checkpoint's key id stands for, or why there is none to trust. */
export type CheckpointKeyLookup = (keyId: number) => Promise<{ publicKey: Uint8Array } | { problem: string }>;

/** Where the sealer chains pending entries (one sealer at a time holds the store's lock). */
export interface AuditSealStore {
  /**
   * Under the sealer's lock, the head and at most `limit` pending entries in appending order,
   * stored as `seal` chains them; the number sealed, or 'busy' when another sealer holds the lock.
   */
  sealBatch(limit: number, seal: (head: AuditHead | null, pending: PendingAuditEntry[]) => SealedAuditEntry[]): Promise<number | 'busy'>;
}
