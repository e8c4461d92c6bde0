import { generateGroupKey, type KeyEncryptionPort, type WrappedSecret } from '@faro/broadcast-security';
import { groupKeyContext } from './wrap-contexts';

export interface StoredGroupKey {
  keyId: number;
  groupId: string;
  wrapped: WrappedSecret;
  createdAt: Date;
  reason: string;
}

// The group-key rows of a transaction that already holds the group's lock: a group's key changes
// with its membership (libs/audiences), so the audiences' transaction implements this.
export interface GroupKeyTransaction {
  /** The active key becomes retired; answers its id, or null when there was none. */
  retireActiveKey(groupId: string, at: Date): Promise<number | null>;
  /** False when the id is taken (ids are random; the caller draws another). */
  insertKey(k: StoredGroupKey): Promise<boolean>;
}

export interface IssuedGroupKey {
  keyId: number;
  previousKeyId: number | null;
  /** The new content key, for sealing bundles to the members; the caller zeroes it. */
  key: Uint8Array;
}

// At most this many tries to draw an unused random 32-bit key id; a clash is ~1 in 4 × 10^9.
const KEY_ID_ATTEMPTS = 5;

// A group's rotation: the active key retires, a new random key (id unique across groups) is
// wrapped under the KEK bound to its id and becomes active.
export async function issueGroupKey(tx: GroupKeyTransaction, kek: KeyEncryptionPort, groupId: string, at: Date, reason: string): Promise<IssuedGroupKey> {
  const previousKeyId = await tx.retireActiveKey(groupId, at);
  for (let attempt = 0; attempt < KEY_ID_ATTEMPTS; attempt++) {
    const { key, keyId } = generateGroupKey();
    const wrapped = await kek.wrap(key, groupKeyContext(keyId));
    if (await tx.insertKey({ keyId, groupId, wrapped, createdAt: at, reason })) return { keyId, previousKeyId, key };
    key.fill(0);
  }
  throw new Error(`no free group key id after ${KEY_ID_ATTEMPTS} random draws`);
}
