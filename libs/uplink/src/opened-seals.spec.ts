import type { SealedBroadcast } from '@faro/broadcast-security';
import { OpenedSeals } from './opened-seals';

describe('OpenedSeals (what a simulated gateway has opened)', () => {
  const seal = (over: Partial<SealedBroadcast> = {}): SealedBroadcast => ({ suite: 'X25519-HKDF-SHA256-AES256GCM', kid: 'k1', enc: 'e1', ciphertext: 'c1', aad: 'a1', ...over });
  const aad = new Uint8Array([1, 2, 3]);
  let opens: number;
  const opener = (text: string) => async () => (opens++, new TextEncoder().encode(text));

  beforeEach(() => {
    opens = 0;
  });

  it('opens a seal once, however many submissions carry it, and hands out copies', async () => {
    const memory = new OpenedSeals(8);
    const first = await memory.open('sat-nord', seal(), aad, opener('envelope'));
    first.fill(0);
    const again = await memory.open('sat-nord', seal(), aad, opener('not asked'));
    expect(new TextDecoder().decode(again)).toBe('envelope');
    expect(opens).toBe(1);
  });

  it('opens again for another gateway, another part of the seal, or another expected AAD', async () => {
    const memory = new OpenedSeals(16);
    await memory.open('sat-nord', seal(), aad, opener('x'));
    await memory.open('sat-sud', seal(), aad, opener('x'));
    for (const part of ['suite', 'kid', 'enc', 'ciphertext', 'aad'] as const) await memory.open('sat-nord', seal({ [part]: 'other' }), aad, opener('x'));
    await memory.open('sat-nord', seal(), new Uint8Array([1, 2, 4]), opener('x'));
    // Parts told apart by length: bytes moved from one to the next are another seal.
    await memory.open('sat-nord', seal({ enc: 'e1c', ciphertext: '1' }), aad, opener('x'));
    expect(opens).toBe(9);
  });

  it('keeps nothing of a seal that did not open, nor of a malformed one', async () => {
    const memory = new OpenedSeals(8);
    const refused = async (): Promise<Uint8Array> => {
      opens++;
      throw new Error('does not open');
    };
    await expect(memory.open('sat-nord', seal(), aad, refused)).rejects.toThrow('does not open');
    await expect(memory.open('sat-nord', seal(), aad, refused)).rejects.toThrow('does not open');
    await memory.open('sat-nord', seal({ enc: ['e1'] as never }), aad, opener('x'));
    await memory.open('sat-nord', seal({ enc: ['e1'] as never }), aad, opener('x'));
    expect(opens).toBe(4);
    expect(memory.size).toBe(0);
  });

  it('keeps at most its capacity, the least recently used going first', async () => {
    const memory = new OpenedSeals(2);
    await memory.open('g', seal({ enc: '1' }), aad, opener('1'));
    await memory.open('g', seal({ enc: '2' }), aad, opener('2'));
    await memory.open('g', seal({ enc: '1' }), aad, opener('1'));
    await memory.open('g', seal({ enc: '3' }), aad, opener('3'));
    expect([memory.size, opens]).toEqual([2, 3]);
    await memory.open('g', seal({ enc: '1' }), aad, opener('1'));
    expect(opens).toBe(3);
    await memory.open('g', seal({ enc: '2' }), aad, opener('2'));
    expect(opens).toBe(4);
    expect(() => new OpenedSeals(0)).toThrow(RangeError);
  });
});
