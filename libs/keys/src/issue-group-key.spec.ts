import { LocalKeyEncryption } from '@faro/broadcast-security';
import { issueGroupKey, type GroupKeyTransaction, type StoredGroupKey } from './issue-group-key';

const kek = new LocalKeyEncryption(new Uint8Array(32).fill(1));
const at = new Date('2026-12-06T10:00:00.000Z');

class GroupKeys implements GroupKeyTransaction {
  rows: Array<StoredGroupKey & { status: 'active' | 'retired' }> = [];
  takenIds = new Set<number>();
  async retireActiveKey(groupId: string): Promise<number | null> {
    const active = this.rows.find((k) => k.groupId === groupId && k.status === 'active');
    if (!active) return null;
    active.status = 'retired';
    return active.keyId;
  }
  async insertKey(k: StoredGroupKey): Promise<boolean> {
    if (this.takenIds.has(k.keyId) || this.rows.some((r) => r.keyId === k.keyId)) return false;
    this.rows.push({ ...k, status: 'active' });
    return true;
  }
}

describe('issueGroupKey', () => {
  it("retires the group's active key and stores a new one wrapped under the KEK bound to its id", async () => {
    const keys = new GroupKeys();
    const first = await issueGroupKey(keys, kek, 'responders', at, 'group created');
    const second = await issueGroupKey(keys, kek, 'responders', at, 'member removed: h1');
    expect(first.previousKeyId).toBeNull();
    expect(second.previousKeyId).toBe(first.keyId);
    expect(keys.rows.map((k) => [k.keyId, k.status, k.reason])).toEqual([
      [first.keyId, 'retired', 'group created'],
      [second.keyId, 'active', 'member removed: h1'],
    ]);
    expect(await kek.unwrap(keys.rows[1].wrapped, `group-key:${second.keyId}`)).toEqual(second.key);
    expect(second.key).toHaveLength(32);
  });

  it('draws another id when the one drawn is taken', async () => {
    const keys = new GroupKeys();
    let refusals = 0;
    const insert = keys.insertKey.bind(keys);
    keys.insertKey = async (k) => (refusals++ < 2 ? false : insert(k));
    const issued = await issueGroupKey(keys, kek, 'responders', at, 'group created');
    expect(refusals).toBe(3);
    expect(keys.rows.map((k) => k.keyId)).toEqual([issued.keyId]);
  });

  it('gives up after five ids that are all taken', async () => {
    const keys = new GroupKeys();
    keys.insertKey = async () => false;
    await expect(issueGroupKey(keys, kek, 'responders', at, 'group created')).rejects.toThrow('no free group key id after 5 random draws');
  });
});
