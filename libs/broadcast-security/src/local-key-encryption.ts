import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { fromBase64Url, toBase64Url } from './base64url';
import type { KeyEncryptionPort, WrappedSecret } from './key-encryption-port';
import { SecurityError } from './security-error';

const KEK_LENGTH = 32;
// NIST SP 800-38D §8.2: 96-bit IVs, random; at 2^32 wraps per KEK the collision bound still holds.
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

// AES-256-GCM under a KEK held in process memory: for development, tests and the embedded start.
export class LocalKeyEncryption implements KeyEncryptionPort {
  readonly kekId: string;
  readonly #kek: Buffer;

  constructor(kek: Uint8Array, kekId?: string) {
    if (kek.length !== KEK_LENGTH) {
      throw new SecurityError('security/invalid-key', `a local KEK is 32 bytes, got ${kek.length}`);
    }
    if (kekId !== undefined && kekId.length === 0) {
      throw new SecurityError('security/invalid-key', 'a KEK id must not be empty');
    }
    this.#kek = Buffer.from(kek);
    this.kekId = kekId ?? defaultKekId(this.#kek);
  }

  async wrap(secret: Uint8Array, context: string): Promise<WrappedSecret> {
    assertContext(context);
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.#kek, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    return {
      kekId: this.kekId,
      alg: 'A256GCM',
      iv: toBase64Url(iv),
      ciphertext: toBase64Url(ciphertext),
      tag: toBase64Url(cipher.getAuthTag()),
    };
  }

  needsRewrap(wrapped: WrappedSecret): boolean {
    return wrapped?.kekId !== this.kekId;
  }

  // One KEK: a fresh IV under the same key.
  async rotate(wrapped: WrappedSecret, context: string): Promise<WrappedSecret> {
    return rewrapThrough(this, this, wrapped, context);
  }

  async unwrap(wrapped: WrappedSecret, context: string): Promise<Uint8Array> {
    assertContext(context);
    if (wrapped?.kekId !== this.kekId) {
      throw new SecurityError(
        'security/unwrap-failed',
        `the secret is wrapped under KEK ${String(wrapped?.kekId)}, this port holds ${this.kekId}`,
      );
    }
    const iv = fromBase64Url(wrapped.iv);
    const ciphertext = fromBase64Url(wrapped.ciphertext);
    const tag = fromBase64Url(wrapped.tag);
    if (wrapped.alg !== 'A256GCM' || iv?.length !== IV_LENGTH || tag?.length !== TAG_LENGTH || !ciphertext) {
      throw new SecurityError('security/unwrap-failed', 'the wrapped secret is malformed');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#kek, iv, { authTagLength: TAG_LENGTH });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
    } catch (cause) {
      throw new SecurityError(
        'security/unwrap-failed',
        `the wrapped secret does not authenticate under KEK ${this.kekId} for context '${context}'`,
        { cause },
      );
    }
  }
}

// A stable name for a KEK that reveals nothing usable about it: a domain-separated hash of a
// 256-bit random key. Two processes given the same KEK agree on the id without configuring one.
function defaultKekId(kek: Buffer): string {
  const digest = createHash('sha256').update('faro/kek-id/v1\0').update(kek).digest('hex');
  return `local-${digest.slice(0, 16)}`;
}

function assertContext(context: string): void {
  if (typeof context !== 'string' || context.length === 0) {
    throw new SecurityError('security/invalid-input', 'a wrap context must name what the secret is for');
  }
}

// Unwraps with `from`, wraps with `to`, and clears the plaintext in between.
export async function rewrapThrough(from: Pick<KeyEncryptionPort, 'unwrap'>, to: Pick<KeyEncryptionPort, 'wrap'>, wrapped: WrappedSecret, context: string): Promise<WrappedSecret> {
  const secret = await from.unwrap(wrapped, context);
  try {
    return await to.wrap(secret, context);
  } finally {
    secret.fill(0);
  }
}
