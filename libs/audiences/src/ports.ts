import type { GroupKeyTransaction, StoredGroupKey } from '@faro/keys';
import type { AudienceGroup, Handset, StoredBundle } from './audience';

export interface AudienceAuditEntry {
  actor: string;
  action: string;
  subjectType: 'group' | 'handset';
  subjectId: string;
  details: Record<string, unknown>;
}

// One database transaction. findGroupForUpdate locks the group row: membership changes and key
// rotations of one group are serialised, so a rotation never misses a member added meanwhile.
// Its group-key rows are libs/keys' GroupKeyTransaction: a group's key is issued there.
export interface AudienceTransaction extends GroupKeyTransaction {
  insertHandset(h: Handset): Promise<void>;
  findHandsetForUpdate(id: string): Promise<Handset | null>;
  markHandsetRevoked(id: string, at: Date): Promise<void>;
  insertGroup(g: AudienceGroup): Promise<void>;
  findGroupForUpdate(id: string): Promise<AudienceGroup | null>;
  // Current members, revoked handsets included until they are removed.
  members(groupId: string): Promise<Handset[]>;
  groupsOf(handsetId: string): Promise<string[]>;
  addMember(groupId: string, handsetId: string, actor: string, at: Date): Promise<boolean>;
  removeMember(groupId: string, handsetId: string): Promise<boolean>;
  activeKey(groupId: string): Promise<StoredGroupKey | null>;
  insertBundles(bundles: StoredBundle[]): Promise<void>;
  audit(entry: AudienceAuditEntry): Promise<void>;
}

export interface AudienceStore {
  transaction<T>(work: (tx: AudienceTransaction) => Promise<T>): Promise<T>;
  // Groups whose active key was created before the given time (the rotation schedule).
  groupsWithKeysOlderThan(before: Date): Promise<string[]>;
}

// Whether childId is parentId or lies within it (IT ⊃ region ⊃ province).
export type JurisdictionContains = (parentId: string, childId: string) => boolean;
