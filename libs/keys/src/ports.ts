import type { WrappedSecret } from '@faro/broadcast-security';
import type { Principal } from '@faro/identity';
import type { WrappedSecretOwner } from './wrap-contexts';

// Who a key use case acts for, as the audit trail records it: the actor (actorRef) and, when the
// principal authenticated (a session, an API token, the CLI), how.
export type KeyActor = Pick<Principal, 'kind' | 'id' | 'via'>;

export interface KeyAuditEntry {
  actor: string;
  action: 'key.signing-rotated' | 'key.gateway-rotated' | 'key.kek-rewrapped';
  subjectType: 'key';
  subjectId: string;
  details: Record<string, unknown>;
}

/** A stored key as a rotation sees it: its id and when it was made (by the database's clock). */
export interface KeyAge {
  createdAt: Date;
}

/**
 * One database transaction over the key tables. Timestamps a row gets (created, retired) are the
 * store's own, as before the rules moved here.
 */
export interface KeyTransaction {
  // Signing keys: one active, one previous, the rest retired (kept: old checkpoints verify).
  /** Serialises signing-key rotations (an admin's and the worker's schedule may meet). */
  lockSigningKeys(): Promise<void>;
  activeSigningKey(): Promise<({ keyId: number } & KeyAge) | null>;
  /** The previous key becomes retired; answers its id, or null when there was none. */
  retirePreviousSigningKey(): Promise<number | null>;
  /** The active key becomes previous. */
  demoteActiveSigningKey(): Promise<void>;
  insertActiveSigningKey(k: { keyId: number; publicKey: Uint8Array; privateKeyWrapped: WrappedSecret }): Promise<void>;

  // Gateway sealing keys, per gateway: one active, one previous, the rest retired.
  /** Locks the gateway's row until the transaction ends; false when there is no such gateway. */
  lockGateway(gatewayId: string): Promise<boolean>;
  gatewayKey(gatewayId: string, status: 'active' | 'previous'): Promise<({ kid: string } & KeyAge) | null>;
  /** Retires the key and deletes the (simulated) gateway's private half of it. */
  retireGatewayKey(gatewayId: string, kid: string): Promise<void>;
  demoteActiveGatewayKey(gatewayId: string): Promise<void>;
  /** The public half for sealing, the private half (wrapped) for the simulated gateway. */
  insertActiveGatewayKey(k: { gatewayId: string; kid: string; publicKey: Uint8Array; privateKeyWrapped: WrappedSecret }): Promise<void>;

  audit(entry: KeyAuditEntry): Promise<void>;
}

/** A KEK-wrapped secret as stored, with whose it is (which names its context). */
export interface StoredWrappedSecret {
  owner: WrappedSecretOwner;
  wrapped: WrappedSecret;
}

export interface KeyStore {
  transaction<T>(work: (tx: KeyTransaction) => Promise<T>): Promise<T>;
  /** Every gateway, by id. */
  gatewayIds(): Promise<string[]>;
  /** Gateways whose active key was made before the given time (the schedule), by id. */
  gatewaysWithKeysOlderThan(before: Date): Promise<string[]>;
  /** Every stored wrapped secret not wrapped under the given KEK, kind by kind (WRAPPED_SECRET_KINDS). */
  secretsNotUnder(kekId: string): Promise<StoredWrappedSecret[]>;
  /**
   * Replaces the secret's wrapped value if it still is `secret.wrapped` (one short statement, so
   * signing and logins go on meanwhile); false when the row changed or went away since it was read.
   */
  replaceWrappedSecret(secret: StoredWrappedSecret, rewrapped: WrappedSecret): Promise<boolean>;
}
