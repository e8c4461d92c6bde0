export const ROLES = ['operator', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// Who is acting: a user (from a session or an API token), a sensor (from a signed
// webhook) or the platform itself. Reloaded on every request, so a user disabled or
// stripped of a role mid-session is refused on the next call.
export interface Principal {
  kind: 'user' | 'sensor' | 'system';
  id: string;
  name: string;
  roles: readonly Role[];
  jurisdictionId: string;
  // How this request proved who it is; written into the audit entry of every state change.
  via?: AuthenticatedVia;
}

export type AuthenticatedVia =
  | { method: 'session'; secondFactor: 'totp' | 'none' }
  | { method: 'api-token'; tokenId: string; scopes: readonly string[]; secondFactor: 'totp' | 'none' }
  | { method: 'webhook-signature'; secretId?: string }
  | { method: 'cli' };

export function hasRole(p: Pick<Principal, 'roles'>, role: Role): boolean {
  return p.roles.includes(role);
}

// How an actor is written in the audit trail and in drafted_by / approved_by.
export function actorRef(p: Pick<Principal, 'kind' | 'id'>): string {
  return `${p.kind}:${p.id}`;
}

export const SYSTEM_PRINCIPAL: Principal = { kind: 'system', id: 'faro', name: 'Faro', roles: [], jurisdictionId: 'IT' };
