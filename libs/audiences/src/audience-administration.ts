import { fromBase64Url, sealGroupKeyBundle, type KeyEncryptionPort } from '@faro/broadcast-security';
import { actorRef, hasRole, type Clock, type Principal } from '@faro/identity';
import { groupKeyContext, issueGroupKey } from '@faro/keys';
import { AUDIENCE_ID_PATTERN, type AudienceGroup, type Handset } from './audience';
import { AudienceError } from './audience-error';
import type { AudienceStore, AudienceTransaction, JurisdictionContains } from './ports';

export interface RegisterHandsetInput {
  id: string;
  label: string;
  // Raw 32-octet X25519 public key, base64url (RFC 4648 §5, unpadded).
  publicKey: string;
  jurisdictionId?: string;
}

export interface CreateGroupInput {
  id: string;
  name: string;
  jurisdictionId?: string;
}

export interface GroupKeyRotation {
  groupId: string;
  keyId: number;
  previousKeyId: number | null;
  // Handsets a bundle of the new key was sealed to.
  bundles: number;
}

// Handsets, groups, membership and group keys (issue 4). An administrator acts within their
// jurisdiction only: on groups and handsets registered there or below. Removing a member (or
// revoking a handset) rotates the group key at once and seals the new key to the remaining
// members only, so the removed handset cannot read the next group message.
export class AudienceAdministration {
  constructor(
    private readonly store: AudienceStore,
    private readonly kek: KeyEncryptionPort,
    private readonly contains: JurisdictionContains,
    private readonly clock: Clock,
  ) {}

  async registerHandset(p: Principal, input: RegisterHandsetInput): Promise<Handset> {
    assertAdmin(p);
    const id = checkId(input.id, 'handset');
    const label = checkName(input.label, 'label');
    const publicKey = fromBase64Url(input.publicKey);
    if (!publicKey || publicKey.length !== 32) {
      throw new AudienceError('audience/invalid-input', 'publicKey must be a raw 32-octet X25519 key in base64url', '/publicKey');
    }
    const jurisdictionId = input.jurisdictionId ?? p.jurisdictionId;
    this.assertWithin(p, jurisdictionId, `handset ${id}`);
    const handset: Handset = { id, label, publicKey, jurisdictionId, registeredBy: actorRef(p), registeredAt: this.clock.now(), revokedAt: null };
    return this.store.transaction(async (tx) => {
      if (await tx.findHandsetForUpdate(id)) throw new AudienceError('audience/conflict', `handset ${id} is already registered`, '/id');
      await tx.insertHandset(handset);
      await tx.audit({
        actor: actorRef(p),
        action: 'handset.registered',
        subjectType: 'handset',
        subjectId: id,
        details: { label, jurisdictionId, publicKey: input.publicKey },
      });
      return handset;
    });
  }

  // A new group has its first key at once, with no bundles until members are added.
  async createGroup(p: Principal, input: CreateGroupInput): Promise<{ group: AudienceGroup; keyId: number }> {
    assertAdmin(p);
    const id = checkId(input.id, 'group');
    if (id === 'public') throw new AudienceError('audience/invalid-input', '"public" names the public audience, not a group', '/id');
    const name = checkName(input.name, 'name');
    const jurisdictionId = input.jurisdictionId ?? p.jurisdictionId;
    this.assertWithin(p, jurisdictionId, `group ${id}`);
    const group: AudienceGroup = { id, name, jurisdictionId, createdBy: actorRef(p), createdAt: this.clock.now() };
    return this.store.transaction(async (tx) => {
      if (await tx.findGroupForUpdate(id)) throw new AudienceError('audience/conflict', `group ${id} already exists`, '/id');
      await tx.insertGroup(group);
      await tx.audit({ actor: actorRef(p), action: 'group.created', subjectType: 'group', subjectId: id, details: { name, jurisdictionId } });
      const rotation = await this.issueKey(tx, group, actorRef(p), 'group created');
      return { group, keyId: rotation.keyId };
    });
  }

  // The new member gets a bundle of the current key: it reads from now on (and whatever is still
  // on air under that key).
  async addMember(p: Principal, groupId: string, handsetId: string): Promise<{ keyId: number }> {
    assertAdmin(p);
    assertMayNameHandset(handsetId);
    assertMayNameGroup(groupId);
    return this.store.transaction(async (tx) => {
      // Handset row before group row, as revokeHandset locks them: no deadlock between the two.
      const handset = await this.handsetInScope(tx, p, handsetId);
      const group = await this.groupInScope(tx, p, groupId);
      if (handset.revokedAt) throw new AudienceError('audience/handset-revoked', `handset ${handsetId} was revoked and cannot join a group`);
      const now = this.clock.now();
      if (!(await tx.addMember(group.id, handset.id, actorRef(p), now))) {
        throw new AudienceError('audience/conflict', `handset ${handsetId} is already a member of ${groupId}`);
      }
      const active = await tx.activeKey(group.id);
      if (!active) throw new Error(`group ${group.id} has no active key`);
      const key = await this.kek.unwrap(active.wrapped, groupKeyContext(active.keyId));
      try {
        const bundle = await sealGroupKeyBundle({ handsetId: handset.id, handsetPublicKey: handset.publicKey, groupId: group.id, keyId: active.keyId, key, issuedAt: now });
        await tx.insertBundles([{ keyId: active.keyId, handsetId: handset.id, bundle }]);
      } finally {
        key.fill(0);
      }
      await tx.audit({ actor: actorRef(p), action: 'group.member-added', subjectType: 'group', subjectId: group.id, details: { handsetId, keyId: active.keyId } });
      return { keyId: active.keyId };
    });
  }

  async removeMember(p: Principal, groupId: string, handsetId: string, reason?: string): Promise<GroupKeyRotation> {
    assertAdmin(p);
    assertMayNameGroup(groupId);
    assertMayNameHandset(handsetId);
    return this.store.transaction(async (tx) => {
      const group = await this.groupInScope(tx, p, groupId);
      if (!(await tx.removeMember(group.id, handsetId))) {
        throw new AudienceError('audience/unknown-handset', `handset ${handsetId} is not a member of ${groupId}`);
      }
      await tx.audit({ actor: actorRef(p), action: 'group.member-removed', subjectType: 'group', subjectId: group.id, details: { handsetId, reason: reason ?? null } });
      return this.issueKey(tx, group, actorRef(p), `member removed: ${handsetId}`);
    });
  }

  // A lost or compromised handset: out of every group, each of which gets a new key.
  async revokeHandset(p: Principal, handsetId: string, reason: string): Promise<GroupKeyRotation[]> {
    assertAdmin(p);
    assertMayNameHandset(handsetId);
    return this.store.transaction(async (tx) => {
      const handset = await this.handsetInScope(tx, p, handsetId);
      if (handset.revokedAt) throw new AudienceError('audience/handset-revoked', `handset ${handsetId} is already revoked`);
      await tx.markHandsetRevoked(handset.id, this.clock.now());
      await tx.audit({ actor: actorRef(p), action: 'handset.revoked', subjectType: 'handset', subjectId: handset.id, details: { reason } });
      const rotations: GroupKeyRotation[] = [];
      // Groups in sorted order, so two revocations lock group rows in the same order.
      for (const groupId of (await tx.groupsOf(handset.id)).sort()) {
        const group = await tx.findGroupForUpdate(groupId);
        if (!group) continue;
        await tx.removeMember(group.id, handset.id);
        await tx.audit({ actor: actorRef(p), action: 'group.member-removed', subjectType: 'group', subjectId: group.id, details: { handsetId, reason: `handset revoked: ${reason}` } });
        rotations.push(await this.issueKey(tx, group, actorRef(p), `member revoked: ${handsetId}`));
      }
      return rotations;
    });
  }

  async rotateGroupKey(p: Principal, groupId: string, reason: string): Promise<GroupKeyRotation> {
    if (p.kind !== 'system') assertAdmin(p);
    assertMayNameGroup(groupId);
    return this.store.transaction(async (tx) => {
      const group = p.kind === 'system' ? await this.group(tx, groupId) : await this.groupInScope(tx, p, groupId);
      return this.issueKey(tx, group, actorRef(p), reason);
    });
  }

  // The schedule: every group whose active key is older than maxAgeDays.
  async rotateDueGroupKeys(actor: Principal, maxAgeDays: number): Promise<GroupKeyRotation[]> {
    const before = new Date(this.clock.now().getTime() - maxAgeDays * 86_400_000);
    const rotations: GroupKeyRotation[] = [];
    for (const groupId of await this.store.groupsWithKeysOlderThan(before)) {
      const r = await this.store.transaction(async (tx) => {
        const group = await this.group(tx, groupId);
        // Re-checked under the group's lock: another worker may have rotated it meanwhile.
        const active = await tx.activeKey(group.id);
        if (active && active.createdAt >= before) return null;
        return this.issueKey(tx, group, actorRef(actor), `scheduled: active key older than ${maxAgeDays} days`);
      });
      if (r) rotations.push(r);
    }
    return rotations;
  }

  // A new key (libs/keys issueGroupKey: the active one retires, the new one is wrapped under the
  // KEK), and a bundle of it sealed to every current member that is not revoked.
  private async issueKey(tx: AudienceTransaction, group: AudienceGroup, actor: string, reason: string): Promise<GroupKeyRotation> {
    const now = this.clock.now();
    const { key, keyId, previousKeyId } = await issueGroupKey(tx, this.kek, group.id, now, reason);
    try {
      const members = (await tx.members(group.id)).filter((h) => !h.revokedAt);
      const bundles = [];
      for (const h of members) {
        bundles.push({ keyId, handsetId: h.id, bundle: await sealGroupKeyBundle({ handsetId: h.id, handsetPublicKey: h.publicKey, groupId: group.id, keyId, key, issuedAt: now }) });
      }
      await tx.insertBundles(bundles);
      await tx.audit({
        actor,
        action: 'group.key-rotated',
        subjectType: 'group',
        subjectId: group.id,
        details: { keyId, previousKeyId, reason, members: members.map((h) => h.id).sort(), kekId: this.kek.kekId },
      });
      return { groupId: group.id, keyId, previousKeyId, bundles: bundles.length };
    } finally {
      key.fill(0);
    }
  }


  private async group(tx: AudienceTransaction, groupId: string): Promise<AudienceGroup> {
    const group = await tx.findGroupForUpdate(groupId);
    if (!group) throw new AudienceError('audience/unknown-group', `no group ${groupId}`);
    return group;
  }

  private async groupInScope(tx: AudienceTransaction, p: Principal, groupId: string): Promise<AudienceGroup> {
    const group = await this.group(tx, groupId);
    this.assertWithin(p, group.jurisdictionId, `group ${groupId}`);
    return group;
  }

  private async handsetInScope(tx: AudienceTransaction, p: Principal, handsetId: string): Promise<Handset> {
    const handset = await tx.findHandsetForUpdate(handsetId);
    if (!handset) throw new AudienceError('audience/unknown-handset', `no handset ${handsetId}`);
    this.assertWithin(p, handset.jurisdictionId, `handset ${handsetId}`);
    return handset;
  }

  private assertWithin(p: Principal, jurisdictionId: string, what: string): void {
    if (p.kind === 'system') return;
    if (!this.contains(p.jurisdictionId, jurisdictionId)) {
      throw new AudienceError('audience/forbidden', `${what} is in jurisdiction ${jurisdictionId}, outside ${p.jurisdictionId}`);
    }
  }
}

function assertAdmin(p: Principal): void {
  if (p.kind === 'system') return;
  if (p.kind !== 'user' || !hasRole(p, 'admin')) throw new AudienceError('audience/forbidden', 'managing handsets and groups needs the admin role');
}

function checkId(v: unknown, what: string): string {
  if (typeof v !== 'string' || !AUDIENCE_ID_PATTERN.test(v)) {
    throw new AudienceError('audience/invalid-input', `a ${what} id is 2–63 lower-case letters, digits and hyphens, starting with a letter or digit`, '/id');
  }
  return v;
}

function checkName(v: unknown, field: string): string {
  const s = typeof v === 'string' ? v.trim() : '';
  if (s.length < 1 || s.length > 200) throw new AudienceError('audience/invalid-input', `${field} must be 1 to 200 characters`, `/${field}`);
  return s;
}

// Ids come from URL paths. One the tables' CHECK would refuse names no row, so it is not looked
// up: PostgreSQL answers some such text (a NUL byte) with an error, not with nothing (a 500 the
// HTTP fuzz found, test/http-fuzz.int-spec.ts).
function assertMayNameGroup(groupId: string): void {
  if (!AUDIENCE_ID_PATTERN.test(groupId)) throw new AudienceError('audience/unknown-group', `no group ${JSON.stringify(groupId)}`);
}

function assertMayNameHandset(handsetId: string): void {
  if (!AUDIENCE_ID_PATTERN.test(handsetId)) throw new AudienceError('audience/unknown-handset', `no handset ${JSON.stringify(handsetId)}`);
}
