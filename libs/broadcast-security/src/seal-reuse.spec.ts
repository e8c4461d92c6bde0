import { broadcastAad } from './broadcast-aad';
import { generateGatewayKeyPair, openAsGateway, sealForGateway, type GatewayKeyPair, type GatewayPublicKey, type SealedBroadcast } from './gateway-seal';
import { SealReuse } from './seal-reuse';

describe('SealReuse (one seal per gateway key and broadcast)', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const aad = broadcastAad({ alertId: 'it-2026-0001', messageIdentifier: 0x1112, serialNumber: 0x3001 });
  let gateway: GatewayKeyPair;
  let seals: number;
  const counted = (key: GatewayPublicKey, plaintext: Uint8Array, a: Uint8Array): Promise<SealedBroadcast> => {
    seals++;
    return sealForGateway(key, plaintext, a);
  };

  beforeAll(async () => {
    gateway = await generateGatewayKeyPair();
  });
  beforeEach(() => {
    seals = 0;
  });

  it('gives every batch of a broadcast the same seal, which the gateway opens to the envelope', async () => {
    const reuse = new SealReuse(8, counted);
    const first = await reuse.sealFor(gateway, text('{"pages":["a"]}'), aad);
    const again = await reuse.sealFor(gateway, text('{"pages":["a"]}'), aad);
    expect(again).toEqual(first);
    expect(seals).toBe(1);
    expect(new TextDecoder().decode(await openAsGateway(gateway.privateKey, again, aad))).toBe('{"pages":["a"]}');
    // A copy each time: a caller changing its seal does not change the next batch's.
    (again as { kid: string }).kid = 'changed';
    expect((await reuse.sealFor(gateway, text('{"pages":["a"]}'), aad)).kid).toBe(gateway.kid);
  });

  it('seals anew for another envelope, another AAD, or another key of the gateway (a rotation)', async () => {
    const reuse = new SealReuse(8, counted);
    const first = await reuse.sealFor(gateway, text('{"pages":["a"]}'), aad);
    const otherText = await reuse.sealFor(gateway, text('{"pages":["b"]}'), aad);
    const otherAad = broadcastAad({ alertId: 'it-2026-0001', messageIdentifier: 0x1112, serialNumber: 0x3011 });
    const underOtherAad = await reuse.sealFor(gateway, text('{"pages":["a"]}'), otherAad);
    const rotated = await generateGatewayKeyPair();
    const underNewKey = await reuse.sealFor(rotated, text('{"pages":["a"]}'), aad);
    expect(seals).toBe(4);
    expect(new Set([first, otherText, underOtherAad, underNewKey].map((s) => s.enc)).size).toBe(4);
    expect(underNewKey.kid).toBe(rotated.kid);
    await expect(openAsGateway(gateway.privateKey, underNewKey, aad)).rejects.toMatchObject({ code: 'security/open-failed' });
    expect(new TextDecoder().decode(await openAsGateway(rotated.privateKey, underNewKey, aad))).toBe('{"pages":["a"]}');
    // The same public key named by another kid is another entry: the seal names the kid it was made for.
    const renamed = await reuse.sealFor({ kid: 'another-kid', publicKey: gateway.publicKey }, text('{"pages":["a"]}'), aad);
    expect(renamed.kid).toBe('another-kid');
    expect(seals).toBe(5);
  });

  it('does not confuse parts that run into each other (text and AAD are told apart by length)', async () => {
    const reuse = new SealReuse(8, counted);
    await reuse.sealFor(gateway, text('ab'), text('c'));
    await reuse.sealFor(gateway, text('a'), text('bc'));
    expect(seals).toBe(2);
  });

  it('seals once for batches that start together', async () => {
    const reuse = new SealReuse(8, counted);
    const all = await Promise.all(Array.from({ length: 16 }, () => reuse.sealFor(gateway, text('{"pages":["a"]}'), aad)));
    expect(seals).toBe(1);
    expect(new Set(all.map((s) => s.ciphertext)).size).toBe(1);
  });

  it('forgets a seal that failed, so the next batch tries again', async () => {
    let fail = true;
    const reuse = new SealReuse(8, async (key, plaintext, a) => {
      seals++;
      if (fail) throw new Error('no randomness');
      return sealForGateway(key, plaintext, a);
    });
    await expect(reuse.sealFor(gateway, text('x'), aad)).rejects.toThrow('no randomness');
    expect(reuse.size).toBe(0);
    fail = false;
    expect((await reuse.sealFor(gateway, text('x'), aad)).kid).toBe(gateway.kid);
    expect(seals).toBe(2);
  });

  it('keeps at most its capacity, the least recently used going first', async () => {
    const reuse = new SealReuse(2, counted);
    await reuse.sealFor(gateway, text('1'), aad);
    await reuse.sealFor(gateway, text('2'), aad);
    await reuse.sealFor(gateway, text('1'), aad); // used again: '2' is now the oldest
    await reuse.sealFor(gateway, text('3'), aad);
    expect(reuse.size).toBe(2);
    expect(seals).toBe(3);
    await reuse.sealFor(gateway, text('1'), aad);
    expect(seals).toBe(3);
    await reuse.sealFor(gateway, text('2'), aad);
    expect(seals).toBe(4);
    expect(() => new SealReuse(0)).toThrow(RangeError);
  });
});
