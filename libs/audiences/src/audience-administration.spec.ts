import { generateHandsetKeyPair, LocalKeyEncryption, openGroupKeyBundle, toBase64Url, type HandsetKeyPair } from '@faro/broadcast-security';
import type { Principal } from '@faro/identity';
import type { StoredGroupKey } from '@faro/keys';
import type { AudienceGroup, Handset, StoredBundle } from './audience';
import { AudienceAdministration } from './audience-administration';
import type { AudienceAuditEntry, AudienceStore, AudienceTransaction } from './ports';

// The store's contract in memory; a transaction that throws leaves nothing behind.
class MemoryAudienceStore implements AudienceStore {
  handsets = new Map<string, Handset>();
  groups = new Map<string, AudienceGroup>();
  members = new Map<string, Set<string>>();
  keys: Array<StoredGroupKey & { status: 'active' | 'retired' }> = [];
  bundles: StoredBundle[] = [];
  audit: AudienceAuditEntry[] = [];

  async transaction<T>(work: (tx: AudienceTransaction) => Promise<T>): Promise<T> {
    const saved = {
      handsets: new Map(this.handsets),
      groups: new Map(this.groups),
      members: new Map([...this.members].map(([g, s]) => [g, new Set(s)])),
      keys: this.keys.map((k) => ({ ...k })),
      bundles: [...this.bundles],
      audit: [...this.audit],
    };
    try {
      return await work(this.tx());
    } catch (e) {
      Object.assign(this, saved);
      throw e;
    }
  }

  async groupsWithKeysOlderThan(before: Date): Promise<string[]> {
    return this.keys.filter((k) => k.status === 'active' && k.createdAt < before).map((k) => k.groupId);
  }

  private tx(): AudienceTransaction {
    return {
      insertHandset: async (h) => void this.handsets.set(h.id, h),
      findHandsetForUpdate: async (id) => this.handsets.get(id) ?? null,
      markHandsetRevoked: async (id, at) => void this.handsets.set(id, { ...this.handsets.get(id)!, revokedAt: at }),
      insertGroup: async (g) => void this.groups.set(g.id, g),
      findGroupForUpdate: async (id) => this.groups.get(id) ?? null,
      members: async (groupId) => [...(this.members.get(groupId) ?? [])].map((id) => this.handsets.get(id)!),
      groupsOf: async (handsetId) => [...this.members].filter(([, s]) => s.has(handsetId)).map(([g]) => g),
      addMember: async (groupId, handsetId) => {
        const s = this.members.get(groupId) ?? new Set<string>();
        this.members.set(groupId, s);
        if (s.has(handsetId)) return false;
        s.add(handsetId);
        return true;
      },
      removeMember: async (groupId, handsetId) => this.members.get(groupId)?.delete(handsetId) ?? false,
      activeKey: async (groupId) => this.keys.find((k) => k.groupId === groupId && k.status === 'active') ?? null,
      retireActiveKey: async (groupId) => {
        const k = this.keys.find((x) => x.groupId === groupId && x.status === 'active');
        if (!k) return null;
        k.status = 'retired';
        return k.keyId;
      },
      insertKey: async (k) => {
        if (this.keys.some((x) => x.keyId === k.keyId)) return false;
        this.keys.push({ ...k, status: 'active' });
        return true;
      },
      insertBundles: async (b) => void this.bundles.push(...b),
      audit: async (e) => void this.audit.push(e),
    };
  }
}

const admin = (jurisdictionId: string): Principal => ({ kind: 'user', id: `admin-${jurisdictionId}`, name: 'Admin', roles: ['admin'], jurisdictionId });
const operator: Principal = { kind: 'user', id: 'op', name: 'Op', roles: ['operator'], jurisdictionId: 'IT' };
// IT ⊃ R03 (Lombardia) ⊃ P015 (Milano); R01 (Piemonte) beside it.
const parents: Record<string, string | null> = { IT: null, R03: 'IT', R01: 'IT', P015: 'R03' };
const contains = (parent: string, child: string) => {
  for (let j: string | null = child; j; j = parents[j]) if (j === parent) return true;
  return false;
};

describe('AudienceAdministration', () => {
  let store: MemoryAudienceStore;
  let admin3: AudienceAdministration;
  const kek = new LocalKeyEncryption(new Uint8Array(32).fill(7));
  const clock = { now: () => new Date('2026-11-25T09:00:00Z') };
  const phones = new Map<string, HandsetKeyPair>();

  beforeEach(() => {
    store = new MemoryAudienceStore();
    admin3 = new AudienceAdministration(store, kek, contains, clock);
  });

  async function register(id: string, jurisdictionId = 'R03') {
    const pair = await generateHandsetKeyPair();
    phones.set(id, pair);
    return admin3.registerHandset(admin('R03'), { id, label: `phone ${id}`, publicKey: toBase64Url(pair.publicKey), jurisdictionId });
  }

  async function keyOf(handsetId: string, keyId: number): Promise<Buffer | null> {
    const b = store.bundles.find((x) => x.handsetId === handsetId && x.keyId === keyId);
    return b ? Buffer.from(await openGroupKeyBundle(b.bundle, phones.get(handsetId)!.privateKey)) : null;
  }

  it('creates a group with a wrapped first key and seals the current key to each member added', async () => {
    const { keyId } = await admin3.createGroup(admin('R03'), { id: 'vvf-lombardia', name: 'Vigili del fuoco, Lombardia' });
    await register('h1');
    await register('h2');
    await admin3.addMember(admin('R03'), 'vvf-lombardia', 'h1');
    await admin3.addMember(admin('R03'), 'vvf-lombardia', 'h2');
    const k1 = await keyOf('h1', keyId);
    const stored = store.keys.find((k) => k.keyId === keyId)!;
    expect(k1).not.toBeNull();
    expect(k1).toEqual(Buffer.from(await kek.unwrap(stored.wrapped, `group-key:${keyId}`)));
    expect(await keyOf('h2', keyId)).toEqual(k1);
    // Only the wrapped form is stored.
    expect(JSON.stringify(stored.wrapped)).not.toContain(k1!.toString('base64'));
    expect(store.audit.map((e) => e.action)).toEqual([
      'group.created', 'group.key-rotated', 'handset.registered', 'handset.registered', 'group.member-added', 'group.member-added',
    ]);
  });

  it('rotates the key when a member is removed: the new key is sealed to the others only', async () => {
    const { keyId: first } = await admin3.createGroup(admin('R03'), { id: 'g1', name: 'G1' });
    for (const h of ['h1', 'h2', 'h3']) {
      await register(h);
      await admin3.addMember(admin('R03'), 'g1', h);
    }
    const r = await admin3.removeMember(admin('R03'), 'g1', 'h2', 'left the service');
    expect(r).toMatchObject({ groupId: 'g1', previousKeyId: first, bundles: 2 });
    expect(r.keyId).not.toBe(first);
    expect(await keyOf('h2', r.keyId)).toBeNull();
    expect(await keyOf('h1', r.keyId)).toEqual(await keyOf('h3', r.keyId));
    expect(await keyOf('h1', r.keyId)).not.toEqual(await keyOf('h1', first));
    expect(store.keys.filter((k) => k.groupId === 'g1').map((k) => [k.keyId, k.status])).toEqual([[first, 'retired'], [r.keyId, 'active']]);
    expect(store.audit.at(-1)).toMatchObject({ action: 'group.key-rotated', details: { keyId: r.keyId, previousKeyId: first, reason: 'member removed: h2', members: ['h1', 'h3'] } });
  });

  it('revokes a handset out of every group, rotating each, and refuses it as a member afterwards', async () => {
    await admin3.createGroup(admin('R03'), { id: 'g1', name: 'G1' });
    await admin3.createGroup(admin('IT'), { id: 'g2', name: 'G2', jurisdictionId: 'IT' });
    await register('h1');
    await register('h2');
    await admin3.addMember(admin('R03'), 'g1', 'h1');
    await admin3.addMember(admin('IT'), 'g2', 'h1');
    await admin3.addMember(admin('R03'), 'g1', 'h2');
    const rotations = await admin3.revokeHandset(admin('R03'), 'h1', 'lost');
    expect(rotations.map((r) => [r.groupId, r.bundles])).toEqual([['g1', 1], ['g2', 0]]);
    await expect(admin3.addMember(admin('R03'), 'g1', 'h1')).rejects.toMatchObject({ code: 'audience/handset-revoked' });
  });

  it('keeps administrators within their jurisdiction and refuses non-admins', async () => {
    await expect(admin3.createGroup(admin('R01'), { id: 'g1', name: 'G1', jurisdictionId: 'R03' })).rejects.toMatchObject({ code: 'audience/forbidden' });
    await admin3.createGroup(admin('R03'), { id: 'g1', name: 'G1' });
    await register('h1', 'P015');
    await expect(admin3.addMember(admin('R01'), 'g1', 'h1')).rejects.toMatchObject({ code: 'audience/forbidden' });
    await expect(admin3.rotateGroupKey(admin('P015'), 'g1', 'x')).rejects.toMatchObject({ code: 'audience/forbidden' });
    await expect(admin3.createGroup(operator, { id: 'g9', name: 'G9' })).rejects.toMatchObject({ code: 'audience/forbidden' });
    // A province admin's handset may join the region's group only through a region admin.
    await expect(admin3.addMember(admin('R03'), 'g1', 'h1')).resolves.toHaveProperty('keyId');
  });

  it.each([
    [{ id: 'Bad Id', label: 'x', publicKey: 'AAAA' }, '/id'],
    [{ id: 'h9', label: ' ', publicKey: toBase64Url(new Uint8Array(32)) }, '/label'],
    [{ id: 'h9', label: 'x', publicKey: toBase64Url(new Uint8Array(31)) }, '/publicKey'],
    [{ id: 'h9', label: 'x', publicKey: 'not base64url!' }, '/publicKey'],
  ])('refuses a handset with a bad field (%j)', async (input, pointer) => {
    await expect(admin3.registerHandset(admin('IT'), input)).rejects.toMatchObject({ code: 'audience/invalid-input', pointer });
  });

  it('refuses duplicates and unknowns with their own codes, leaving nothing behind', async () => {
    await admin3.createGroup(admin('IT'), { id: 'g1', name: 'G1' });
    await expect(admin3.createGroup(admin('IT'), { id: 'g1', name: 'again' })).rejects.toMatchObject({ code: 'audience/conflict' });
    await expect(admin3.createGroup(admin('IT'), { id: 'public', name: 'x' })).rejects.toMatchObject({ code: 'audience/invalid-input' });
    await register('h1');
    await admin3.addMember(admin('IT'), 'g1', 'h1');
    await expect(admin3.addMember(admin('IT'), 'g1', 'h1')).rejects.toMatchObject({ code: 'audience/conflict' });
    await expect(admin3.addMember(admin('IT'), 'nope', 'h1')).rejects.toMatchObject({ code: 'audience/unknown-group' });
    await expect(admin3.addMember(admin('IT'), 'g1', 'nope')).rejects.toMatchObject({ code: 'audience/unknown-handset' });
    await expect(admin3.removeMember(admin('IT'), 'g1', 'h2')).rejects.toMatchObject({ code: 'audience/unknown-handset' });
    expect(store.keys.filter((k) => k.groupId === 'g1')).toHaveLength(1);
    expect(store.bundles).toHaveLength(1);
  });

  // Found by the HTTP fuzz: DELETE /api/v1/groups/%00/members/… reached PostgreSQL, which refused the NUL byte with a 500.
  it('refuses ids no group or handset could have as unknown, without looking them up', async () => {
    const transaction = jest.spyOn(store, 'transaction');
    for (const id of ['\u0000', 'G1', '', 'a'.repeat(64), '../g1']) {
      await expect(admin3.removeMember(admin('IT'), id, 'h1')).rejects.toMatchObject({ code: 'audience/unknown-group' });
      await expect(admin3.removeMember(admin('IT'), 'g1', id)).rejects.toMatchObject({ code: 'audience/unknown-handset' });
      await expect(admin3.addMember(admin('IT'), id, 'h1')).rejects.toMatchObject({ code: 'audience/unknown-group' });
      await expect(admin3.addMember(admin('IT'), 'g1', id)).rejects.toMatchObject({ code: 'audience/unknown-handset' });
      await expect(admin3.revokeHandset(admin('IT'), id, 'lost')).rejects.toMatchObject({ code: 'audience/unknown-handset' });
      await expect(admin3.rotateGroupKey(admin('IT'), id, 'on demand')).rejects.toMatchObject({ code: 'audience/unknown-group' });
    }
    expect(transaction).not.toHaveBeenCalled();
  });

  it('rotates on schedule only the groups whose key is older than the maximum age', async () => {
    await admin3.createGroup(admin('IT'), { id: 'old', name: 'Old' });
    const later = new AudienceAdministration(store, kek, contains, { now: () => new Date('2027-01-10T09:00:00Z') });
    await later.createGroup(admin('IT'), { id: 'new', name: 'New' });
    const rotations = await later.rotateDueGroupKeys({ kind: 'system', id: 'keys', name: 'keys', roles: [], jurisdictionId: 'IT' }, 30);
    expect(rotations.map((r) => r.groupId)).toEqual(['old']);
    expect(store.audit.at(-1)).toMatchObject({ actor: 'system:keys', details: { reason: 'scheduled: active key older than 30 days' } });
    expect(await later.rotateDueGroupKeys({ kind: 'system', id: 'keys', name: 'keys', roles: [], jurisdictionId: 'IT' }, 30)).toEqual([]);
  });
});
