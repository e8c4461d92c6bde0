import type { KeyEncryptionPort, WrappedSecret } from './key-encryption-port';
import { LocalKeyEncryption, rewrapThrough } from './local-key-encryption';
import { SecurityError } from './security-error';

// The current KEK and the ones it replaced. New secrets are wrapped under the current KEK only;
// a stored secret is unwrapped by whichever KEK its envelope names, so a KEK can be rotated while
// rows wrapped under the old one are still being rewrapped (see docs/architecture.md).
export class KeyringKeyEncryption implements KeyEncryptionPort {
  readonly #byId: Map<string, KeyEncryptionPort>;

  constructor(
    private readonly current: KeyEncryptionPort,
    previous: readonly KeyEncryptionPort[] = [],
  ) {
    // The current KEK wins when a previous one repeats it (a rollout that lists it twice).
    this.#byId = new Map([...previous, current].map((k) => [k.kekId, k]));
  }

  get kekId(): string {
    return this.current.kekId;
  }

  get kekIds(): string[] {
    return [this.current.kekId, ...[...this.#byId.keys()].filter((id) => id !== this.current.kekId)];
  }

  wrap(secret: Uint8Array, context: string): Promise<WrappedSecret> {
    return this.current.wrap(secret, context);
  }

  async unwrap(wrapped: WrappedSecret, context: string): Promise<Uint8Array> {
    const kek = this.#byId.get(String(wrapped?.kekId));
    if (!kek) {
      throw new SecurityError(
        'security/unwrap-failed',
        `the secret is wrapped under KEK ${String(wrapped?.kekId)}, this keyring holds ${this.kekIds.join(', ')}`,
      );
    }
    return kek.unwrap(wrapped, context);
  }

  needsRewrap(wrapped: WrappedSecret): boolean {
    return wrapped?.kekId !== this.current.kekId;
  }

  // From whichever KEK the envelope names to the current one.
  async rotate(wrapped: WrappedSecret, context: string): Promise<WrappedSecret> {
    return rewrapThrough(this, this.current, wrapped, context);
  }
}

// The keyring a process runs with: FARO_KEK wraps, FARO_KEK_PREVIOUS (comma-separated) only unwraps.
export function keyEncryptionFromConfig(config: { FARO_KEK: string; FARO_KEK_PREVIOUS?: string }): KeyringKeyEncryption {
  const previous = (config.FARO_KEK_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0)
    .map((k) => new LocalKeyEncryption(Buffer.from(k, 'base64')));
  return new KeyringKeyEncryption(new LocalKeyEncryption(Buffer.from(config.FARO_KEK, 'base64')), previous);
}
