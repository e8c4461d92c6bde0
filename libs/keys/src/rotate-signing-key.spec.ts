import { generateSigningKey, keyIdHex, LocalKeyEncryption, signEd25519, verifyEd25519 } from '@faro/broadcast-security';
import type { Clock } from '@faro/identity';
import { InMemoryKeyStore } from '@faro/keys/testing';
import { RotateSigningKey } from './rotate-signing-key';
import { signingKeyContext } from './wrap-contexts';

const kek = new LocalKeyEncryption(new Uint8Array(32).fill(1));
const clock: Clock = { now: () => new Date('2026-12-06T10:00:00.000Z') };
const admin = { kind: 'user' as const, id: 'ada', via: { method: 'session' as const, secondFactor: 'totp' as const } };

async function storeWithActiveKey(createdAt: string): Promise<{ store: InMemoryKeyStore; keyId: number }> {
  const store = new InMemoryKeyStore();
  const k = generateSigningKey();
  store.signingKeys.push({ keyId: k.keyId, publicKey: k.publicKey, privateKeyWrapped: await kek.wrap(k.privateKey, signingKeyContext(k.keyId)), status: 'active', createdAt: new Date(createdAt) });
  return { store, keyId: k.keyId };
}

describe('RotateSigningKey', () => {
  it('makes a new active key, keeps the old one as previous and retires the one before', async () => {
    const { store, keyId: original } = await storeWithActiveKey('2026-11-01T00:00:00Z');
    const rotate = new RotateSigningKey(store, kek, clock);
    const first = await rotate.run(admin, 'drill');
    expect(first).toEqual({ kid: expect.stringMatching(/^[0-9a-f]{8}$/), previousKid: keyIdHex(original), retiredKid: null });
    const second = await rotate.run(admin, 'on demand');
    expect(second).toEqual({ kid: expect.any(String), previousKid: first.kid, retiredKid: keyIdHex(original) });
    expect(store.signingKeys.map((k) => [keyIdHex(k.keyId), k.status])).toEqual([
      [keyIdHex(original), 'retired'],
      [first.kid, 'previous'],
      [second.kid, 'active'],
    ]);
  });

  it('stores the new private key wrapped under the KEK for its own key id, and it signs', async () => {
    const store = new InMemoryKeyStore();
    const r = await new RotateSigningKey(store, kek, clock).run(admin, 'drill');
    const [row] = store.signingKeys;
    expect(keyIdHex(row.keyId)).toBe(r.kid);
    const privateKey = await kek.unwrap(row.privateKeyWrapped, `signing-key:${r.kid}`);
    const payload = new TextEncoder().encode('payload');
    expect(verifyEd25519(row.publicKey, payload, signEd25519(privateKey, payload))).toBe(true);
    await expect(kek.unwrap(row.privateKeyWrapped, 'signing-key:00000000')).rejects.toMatchObject({ code: 'security/unwrap-failed' });
  });

  it('audits the rotation with the actor, how they authenticated, the reason and the KEK id, and no key material', async () => {
    const { store, keyId } = await storeWithActiveKey('2026-11-01T00:00:00Z');
    const r = await new RotateSigningKey(store, kek, clock).run(admin, 'drill');
    expect(store.trail).toEqual([
      {
        actor: 'user:ada',
        action: 'key.signing-rotated',
        subjectType: 'key',
        subjectId: r.kid,
        details: { kid: r.kid, previousKid: keyIdHex(keyId), retiredKid: null, reason: 'drill', kekId: kek.kekId, via: { method: 'session', secondFactor: 'totp' } },
      },
    ]);
    expect(JSON.stringify(store.trail)).not.toMatch(/ciphertext|privateKey/);
  });

  it('records a CLI rotation as the CLI with how it authenticated', async () => {
    const store = new InMemoryKeyStore();
    await new RotateSigningKey(store, kek, clock).run({ kind: 'system', id: 'cli', via: { method: 'cli' } }, 'on demand');
    expect(store.trail[0]).toMatchObject({ actor: 'system:cli', details: { via: { method: 'cli' } } });
  });

  it('rotates on schedule an active key older than the maximum age, as the platform', async () => {
    const { store, keyId } = await storeWithActiveKey('2026-11-05T09:59:59Z');
    const r = await new RotateSigningKey(store, kek, clock).runIfDue(31);
    expect(r).toMatchObject({ previousKid: keyIdHex(keyId) });
    expect(store.trail[0]).toEqual(expect.objectContaining({ actor: 'system:keys', details: expect.objectContaining({ reason: 'scheduled: active key older than 31 days' }) }));
    expect(store.trail[0].details).not.toHaveProperty('via');
  });

  it('leaves on schedule an active key younger than the maximum age, and writes nothing', async () => {
    const { store } = await storeWithActiveKey('2026-11-05T10:00:00Z');
    expect(await new RotateSigningKey(store, kek, clock).runIfDue(31)).toBeNull();
    expect(store.signingKeys.map((k) => k.status)).toEqual(['active']);
    expect(store.trail).toEqual([]);
  });

  it('makes no first key on schedule: the signer makes it', async () => {
    const store = new InMemoryKeyStore();
    expect(await new RotateSigningKey(store, kek, clock).runIfDue(30)).toBeNull();
    expect(store.signingKeys).toEqual([]);
  });

  it('changes nothing when the audit entry cannot be written', async () => {
    const { store, keyId } = await storeWithActiveKey('2026-11-01T00:00:00Z');
    const failing = Object.create(store) as InMemoryKeyStore;
    failing.transaction = (work) => store.transaction((tx) => work({ ...tx, audit: async () => { throw new Error('audit down'); } }));
    await expect(new RotateSigningKey(failing, kek, clock).run(admin, 'drill')).rejects.toThrow('audit down');
    expect(store.signingKeys.map((k) => [k.keyId, k.status])).toEqual([[keyId, 'active']]);
  });
});
