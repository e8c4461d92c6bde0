import type { WrappedSecret } from '@faro/broadcast-security';
import type { AuditCheckpoint, NewAuditCheckpoint } from './audit-checkpoint';
import type { AuditEntry, AuditHead, ChainedAuditEntry } from './audit-entry';

/** The stored audit trail: an append-only chain of entries and the checkpoints signed over it. */
export interface AuditLog {
  /**
   * Chains `entry` onto the head (chainAuditEntry) and stores it, inside the caller's transaction:
   * appenders are serialised until it commits, so each entry chains onto the true previous one.
   */
  append(entry: AuditEntry, at?: Date): Promise<void>;
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
