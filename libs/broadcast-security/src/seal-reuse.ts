import { type GatewayPublicKey, type SealedBroadcast, sealForGateway } from './gateway-seal';
import { partsDigest } from './parts-digest';

type Seal = (key: GatewayPublicKey, plaintext: Uint8Array, aad: Uint8Array) => Promise<SealedBroadcast>;

/**
 * One seal per gateway key and broadcast, however many batches carry it. A national alert's
 * hundreds of batches to one gateway carry the same envelope under the same AAD (the cells travel
 * beside the seal, not in it), so each HPKE seal after the first bought nothing: the gateway
 * learns no more from one ciphertext sent twice than from two of the same text. Keyed by the
 * public key itself (and the kid it is named by), so a rotation seals anew at once.
 */
export class SealReuse {
  // Insertion order is use order (a hit moves its entry to the end): the first is the oldest.
  private readonly kept = new Map<string, Promise<SealedBroadcast>>();

  constructor(
    private readonly capacity = 256,
    private readonly seal: Seal = sealForGateway,
  ) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`a seal cache of ${capacity} entries`);
  }

  async sealFor(key: GatewayPublicKey, plaintext: Uint8Array, aad: Uint8Array): Promise<SealedBroadcast> {
    const id = partsDigest([key.kid, key.publicKey, plaintext, aad]);
    let sealed = this.kept.get(id);
    if (sealed) {
      this.kept.delete(id);
    } else {
      // Kept while it is being made, so the batches that start together seal once; a seal that
      // fails is forgotten, and the next batch tries again.
      sealed = this.seal(key, plaintext, aad);
      sealed.catch(() => this.kept.get(id) === sealed && this.kept.delete(id));
    }
    this.kept.set(id, sealed);
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    return { ...(await sealed) };
  }

  get size(): number {
    return this.kept.size;
  }
}
