import type { KeyEncryptionPort, WrappedSecret } from '@faro/broadcast-security';
import { keyAuditEntry } from './key-audit';
import { KekRewrapError } from './key-error';
import type { KeyActor, KeyStore, StoredWrappedSecret } from './ports';
import { WRAPPED_SECRET_KINDS, wrapContextOf, type WrappedSecretKind } from './wrap-contexts';

export type RewrapCounts = Record<WrappedSecretKind, number>;

export interface KekRewrap {
  kekId: string;
  rewrapped: RewrapCounts;
}

// Wraps every stored secret that is not under the keyring's current KEK again (step 2 of a KEK
// rotation, docs/architecture.md "Key rotation"). Every secret is wrapped again first, through the
// port's rotate (a KMS's ReEncrypt: the secret is never handed out), and only when all of them were
// is any stored: a keyring missing a KEK, or a secret that does not authenticate, fails the run
// with nothing changed. Each row is then replaced on its own, if it is still what was read, so
// signing and logins go on meanwhile. Rerunnable: a second run rewraps nothing.
export class RewrapSecrets {
  constructor(
    private readonly store: KeyStore,
    private readonly kek: KeyEncryptionPort,
  ) {}

  async run(by: KeyActor): Promise<KekRewrap> {
    const stale = (await this.store.secretsNotUnder(this.kek.kekId)).filter((s) => this.kek.needsRewrap(s.wrapped));
    const rotated: Array<[StoredWrappedSecret, WrappedSecret]> = [];
    for (const secret of stale) {
      try {
        rotated.push([secret, await this.kek.rotate(secret.wrapped, wrapContextOf(secret.owner))]);
      } catch (e) {
        throw new KekRewrapError('key/rewrap-failed', e instanceof Error ? e.message : String(e), { cause: e });
      }
    }
    const rewrapped = Object.fromEntries(WRAPPED_SECRET_KINDS.map((k) => [k, 0])) as RewrapCounts;
    const from = new Set<string>();
    for (const [secret, next] of rotated) {
      if (!(await this.store.replaceWrappedSecret(secret, next))) continue;
      from.add(secret.wrapped.kekId);
      rewrapped[secret.owner.kind] += 1;
    }
    // Counts and KEK ids (fingerprints) only: never key material.
    await this.store.transaction((tx) =>
      tx.audit(keyAuditEntry(by, 'key.kek-rewrapped', this.kek.kekId, { kekId: this.kek.kekId, fromKekIds: [...from].sort(), rewrapped })),
    );
    return { kekId: this.kek.kekId, rewrapped };
  }
}
