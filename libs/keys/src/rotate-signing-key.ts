import { generateSigningKey, keyIdHex, type KeyEncryptionPort } from '@faro/broadcast-security';
import type { Clock } from '@faro/identity';
import { dueBefore, scheduledReason } from './key-age';
import { PLATFORM_KEY_ACTOR, keyAuditEntry } from './key-audit';
import type { KeyActor, KeyStore } from './ports';
import { signingKeyContext } from './wrap-contexts';

export interface SigningKeyRotation {
  kid: string;
  previousKid: string | null;
  retiredKid: string | null;
}

// Active → previous, previous → retired, a new key → active, in one transaction: signers read
// the active key on every broadcast, so the new key signs from the commit on, and the JWKS
// (active + previous) still verifies what the old key signed until the next rotation.
export class RotateSigningKey {
  constructor(
    private readonly store: KeyStore,
    private readonly kek: KeyEncryptionPort,
    private readonly clock: Clock,
  ) {}

  async run(by: KeyActor, reason: string): Promise<SigningKeyRotation> {
    return (await this.rotate(by, reason, null))!;
  }

  // The schedule: only an active key older than maxAgeDays; null when it is younger, or when there
  // is none yet (the signer makes the first).
  async runIfDue(maxAgeDays: number): Promise<SigningKeyRotation | null> {
    return this.rotate(PLATFORM_KEY_ACTOR, scheduledReason(maxAgeDays), dueBefore(this.clock, maxAgeDays));
  }

  private async rotate(by: KeyActor, reason: string, onlyIfCreatedBefore: Date | null): Promise<SigningKeyRotation | null> {
    const next = generateSigningKey();
    const wrapped = await this.kek.wrap(next.privateKey, signingKeyContext(next.keyId));
    next.privateKey.fill(0);
    return this.store.transaction(async (tx) => {
      await tx.lockSigningKeys();
      // Read under the lock: two rotations due at once make one new key, not two.
      const active = await tx.activeSigningKey();
      if (onlyIfCreatedBefore && (!active || active.createdAt >= onlyIfCreatedBefore)) return null;
      const retired = await tx.retirePreviousSigningKey();
      await tx.demoteActiveSigningKey();
      await tx.insertActiveSigningKey({ keyId: next.keyId, publicKey: next.publicKey, privateKeyWrapped: wrapped });
      const rotation: SigningKeyRotation = {
        kid: keyIdHex(next.keyId),
        previousKid: active ? keyIdHex(active.keyId) : null,
        retiredKid: retired !== null ? keyIdHex(retired) : null,
      };
      await tx.audit(keyAuditEntry(by, 'key.signing-rotated', rotation.kid, { ...rotation, reason, kekId: wrapped.kekId }));
      return rotation;
    });
  }
}
