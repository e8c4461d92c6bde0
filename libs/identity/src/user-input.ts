import { IdentityError } from './identity-error';
import { ROLES, type Role } from './principal';

// Deliberately loose (RFC 5321 allows far more than any regex says): something@domain.tld,
// no spaces, at most 254 characters (RFC 5321 §4.5.3.1.3 path limit less the brackets).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !EMAIL.test(e)) throw new IdentityError('auth/invalid-user', `${JSON.stringify(email)} is not an email address`, '/email');
  return e;
}

export function normalizeRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0) throw new IdentityError('auth/invalid-user', 'A user has at least one role', '/roles');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new IdentityError('auth/invalid-user', `Unknown role ${unknown.join(', ')}: roles are ${ROLES.join(', ')}`, '/roles');
  return ROLES.filter((r) => roles.includes(r));
}

export function normalizeDisplayName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 200) throw new IdentityError('auth/invalid-user', 'A display name has 1 to 200 characters', '/displayName');
  return n;
}
