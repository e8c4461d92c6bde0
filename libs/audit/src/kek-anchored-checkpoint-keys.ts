import { ed25519PublicKeyOf, type KeyEncryptionPort } from '@faro/broadcast-security';
import { signingKeyContext } from '@faro/keys';
import { checkpointKid } from './audit-checkpoint';
import type { CheckpointKeyLookup, SigningKeyRecords } from './ports';

/**
 * Public keys for checkpoints, trusted through the key-encryption key rather than the database:
 * the private key is unwrapped (the wrap is authenticated and bound to its key id) and its public
 * half derived, so whoever can write to PostgreSQL but does not hold the KEK can neither swap in a
 * key of their own nor re-sign a rewritten chain. The stored public key must agree with it.
 */
export function kekAnchoredCheckpointKeys(records: SigningKeyRecords, kek: KeyEncryptionPort): CheckpointKeyLookup {
  return async (keyId) => {
    const kid = checkpointKid(keyId);
    const record = await records.signingKey(keyId);
    if (!record) return { problem: `it names signing key ${kid}, which does not exist` };
    let privateKey: Uint8Array;
    try {
      privateKey = await kek.unwrap(record.privateKeyWrapped, signingKeyContext(keyId));
    } catch {
      return { problem: `signing key ${kid} does not open with this key-encryption key` };
    }
    let publicKey: Uint8Array;
    try {
      publicKey = ed25519PublicKeyOf(privateKey);
    } catch {
      return { problem: `signing key ${kid} is not an Ed25519 key` };
    } finally {
      privateKey.fill(0);
    }
    if (!Buffer.from(record.publicKey).equals(Buffer.from(publicKey))) {
      return { problem: `the stored public key of signing key ${kid} is not the one its private key derives` };
    }
    return { publicKey };
  };
}
