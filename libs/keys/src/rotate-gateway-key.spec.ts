import { gatewayKeyId, generateGatewayKeyPair, LocalKeyEncryption, openAsGateway, sealForGateway, type KeyEncryptionPort } from '@faro/broadcast-security';
import type { Clock } from '@faro/identity';
import { InMemoryKeyStore } from '@faro/keys/testing';
import { RotateGatewayKey } from './rotate-gateway-key';
import { gatewayKeyContext } from './wrap-contexts';

const kek = new LocalKeyEncryption(new Uint8Array(32).fill(1));
const clock: Clock = { now: () => new Date('2026-12-06T10:00:00.000Z') };
const admin = { kind: 'user' as const, id: 'ada', via: { method: 'api-token' as const, tokenId: 't1', scopes: ['admin'], secondFactor: 'totp' as const } };

async function storeWithGateways(keys: Record<string, string>): Promise<InMemoryKeyStore> {
  const store = new InMemoryKeyStore();
  for (const [gatewayId, createdAt] of Object.entries(keys)) {
    store.gateways.add(gatewayId);
    const pair = await generateGatewayKeyPair();
    const privateKeyWrapped = await kek.wrap(pair.privateKey, gatewayKeyContext({ gatewayId, kid: pair.kid }));
    store.gatewayKeys.push({ gatewayId, kid: pair.kid, publicKey: pair.publicKey, status: 'active', createdAt: new Date(createdAt), privateKeyWrapped });
  }
  return store;
}

const statuses = (store: InMemoryKeyStore, gatewayId: string) => store.gatewayKeys.filter((k) => k.gatewayId === gatewayId).map((k) => [k.kid, k.status, k.privateKeyWrapped ? 'private half' : 'none']);

describe('RotateGatewayKey', () => {
  it("makes the gateway a new active key, keeps the old one as previous, and retires the one before with its private half", async () => {
    const store = await storeWithGateways({ 'sat-1': '2026-09-01T00:00:00Z' });
    const [original] = store.gatewayKeys;
    const rotate = new RotateGatewayKey(store, kek, clock);
    const first = await rotate.run(admin, 'sat-1', 'drill');
    expect(first).toEqual({ gatewayId: 'sat-1', kid: expect.stringMatching(/^[0-9a-f]{16}$/), previousKid: original.kid, retiredKid: null });
    const second = await rotate.run(admin, 'sat-1', 'drill');
    expect(second).toEqual({ gatewayId: 'sat-1', kid: expect.any(String), previousKid: first.kid, retiredKid: original.kid });
    expect(statuses(store, 'sat-1')).toEqual([
      [original.kid, 'retired', 'none'],
      [first.kid, 'previous', 'private half'],
      [second.kid, 'active', 'private half'],
    ]);
  });

  it('gives the new key a kid derived from its public key, and a private half that opens what is sealed to it', async () => {
    const store = await storeWithGateways({ 'sat-1': '2026-09-01T00:00:00Z' });
    const r = await new RotateGatewayKey(store, kek, clock).run(admin, 'sat-1', 'drill');
    const row = store.gatewayKeys.find((k) => k.kid === r.kid)!;
    expect(gatewayKeyId(row.publicKey)).toBe(r.kid);
    const aad = new TextEncoder().encode('aad');
    const sealed = await sealForGateway({ kid: row.kid, publicKey: row.publicKey }, new TextEncoder().encode('pages'), aad);
    const privateKey = await kek.unwrap(row.privateKeyWrapped!, `gateway-key:sat-1:${r.kid}`);
    expect(new TextDecoder().decode(await openAsGateway(privateKey, sealed, aad))).toBe('pages');
  });

  it('audits the rotation with the actor, how they authenticated, the kids, the reason and the KEK id', async () => {
    const store = await storeWithGateways({ 'sat-1': '2026-09-01T00:00:00Z' });
    const r = await new RotateGatewayKey(store, kek, clock).run(admin, 'sat-1', 'drill');
    expect(store.trail).toEqual([
      {
        actor: 'user:ada',
        action: 'key.gateway-rotated',
        subjectType: 'key',
        subjectId: r.kid,
        details: { ...r, reason: 'drill', kekId: kek.kekId, via: admin.via },
      },
    ]);
    expect(JSON.stringify(store.trail)).not.toMatch(/ciphertext|privateKey|"iv"|"tag"/);
  });

  it('refuses an unknown gateway as not found and changes nothing', async () => {
    const store = await storeWithGateways({ 'sat-1': '2026-09-01T00:00:00Z' });
    const before = statuses(store, 'sat-1');
    await expect(new RotateGatewayKey(store, kek, clock).run(admin, 'cbc-nowhere', 'drill')).rejects.toMatchObject({
      name: 'GatewayKeyError',
      code: 'gateway/not-found',
      message: 'No gateway cbc-nowhere',
    });
    expect(store.gatewayKeys).toHaveLength(1);
    expect(statuses(store, 'sat-1')).toEqual(before);
    expect(store.trail).toEqual([]);
  });

  // Found by the HTTP fuzz: POST /api/v1/keys/gateways/%00/rotate reached PostgreSQL, which refuses
  // a NUL byte in text with an error, and the API answered 500.
  it('refuses a gateway id with a NUL byte as not found, before touching the store or the KEK', async () => {
    const untouched = new Proxy({}, { get: () => { throw new Error('touched'); } });
    const rotate = new RotateGatewayKey(untouched as InMemoryKeyStore, untouched as KeyEncryptionPort, clock);
    await expect(rotate.run(admin, 'sat\u0000-1', 'on demand')).rejects.toMatchObject({ code: 'gateway/not-found', message: 'No gateway "sat\\u0000-1"' });
  });

  it('rotates every gateway in turn', async () => {
    const store = await storeWithGateways({ 'sat-2': '2026-12-01T00:00:00Z', 'sat-1': '2026-12-01T00:00:00Z' });
    const rotations = await new RotateGatewayKey(store, kek, clock).runForAll(admin, 'compromise drill');
    expect(rotations.map((r) => r.gatewayId)).toEqual(['sat-1', 'sat-2']);
    expect(store.trail.map((e) => (e.details as { reason: string }).reason)).toEqual(['compromise drill', 'compromise drill']);
  });

  it('rotates on schedule only the gateways whose active key is older than the maximum age, as the platform', async () => {
    const store = await storeWithGateways({ old: '2026-09-06T09:59:59Z', young: '2026-09-06T10:00:00Z' });
    const rotations = await new RotateGatewayKey(store, kek, clock).runIfDue(91);
    expect(rotations.map((r) => r.gatewayId)).toEqual(['old']);
    expect(store.trail).toEqual([expect.objectContaining({ actor: 'system:keys', details: expect.objectContaining({ gatewayId: 'old', reason: 'scheduled: active key older than 91 days' }) })]);
    expect(statuses(store, 'young').map(([, s]) => s)).toEqual(['active']);
  });

  it('skips on schedule a gateway that another worker rotated after it was found due', async () => {
    const store = await storeWithGateways({ old: '2026-01-01T00:00:00Z' });
    const rotate = new RotateGatewayKey(store, kek, clock);
    const due = store.gatewaysWithKeysOlderThan.bind(store);
    store.gatewaysWithKeysOlderThan = async (before) => {
      const ids = await due(before);
      await rotate.run(admin, 'old', 'meanwhile');
      return ids;
    };
    expect(await rotate.runIfDue(90)).toEqual([]);
    expect(store.trail.map((e) => (e.details as { reason: string }).reason)).toEqual(['meanwhile']);
  });
});
