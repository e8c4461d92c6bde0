import { partsDigest, type SealedBroadcast } from '@faro/broadcast-security';

/**
 * The envelopes a simulated gateway has opened, by the seal's bytes and the AAD it expected. A
 * broadcast's batches reach a gateway under one seal (Faro seals once per key and broadcast), and
 * opening it again would tell the gateway nothing new: only a seal that opened is kept, and the
 * caller still checks, on every submission, that the key it names is one the gateway has not
 * retired. Bounded; the least recently used goes first.
 */
export class OpenedSeals {
  private readonly kept = new Map<string, Uint8Array>();

  constructor(private readonly capacity = 256) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`an opened-seal memory of ${capacity} entries`);
  }

  async open(gatewayId: string, sealed: SealedBroadcast, expectedAad: Uint8Array, open: () => Promise<Uint8Array>): Promise<Uint8Array> {
    // A seal whose parts are not all text is malformed: opening it fails, and it is never kept.
    if (![sealed?.suite, sealed?.kid, sealed?.enc, sealed?.ciphertext, sealed?.aad].every((part) => typeof part === 'string')) return open();
    const id = partsDigest([gatewayId, sealed.suite, sealed.kid, sealed.enc, sealed.ciphertext, sealed.aad, expectedAad]);
    const known = this.kept.get(id);
    if (known) {
      this.kept.delete(id);
      this.kept.set(id, known);
      return known.slice();
    }
    const plaintext = await open();
    this.kept.set(id, plaintext.slice());
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    return plaintext;
  }

  get size(): number {
    return this.kept.size;
  }
}
