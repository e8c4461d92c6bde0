import { actorRef } from '@faro/identity';
import type { KeyActor, KeyAuditEntry } from './ports';

// The platform acting on its own keys: the worker's schedule, a rotation no one asked for.
export const PLATFORM_KEY_ACTOR: KeyActor = { kind: 'system', id: 'keys' };

// Key ids, reasons, counts and KEK ids only, never key material; with how the actor authenticated,
// as every alert state change records it.
export function keyAuditEntry(by: KeyActor, action: KeyAuditEntry['action'], subjectId: string, details: Record<string, unknown>): KeyAuditEntry {
  return { actor: actorRef(by), action, subjectType: 'key', subjectId, details: { ...details, ...(by.via ? { via: by.via } : {}) } };
}
