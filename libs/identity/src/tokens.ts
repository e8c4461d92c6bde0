import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Session ids, CSRF tokens and API tokens: 256 random bits, base64url. Only their SHA-256
// is stored, so a database read does not hand out working credentials.
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// The CSRF token of a session, derived from its secret id: the server can hand it out again
// (GET /auth/me after a page reload) without storing it, and nobody who lacks the httpOnly
// session cookie can compute it.
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('faro/csrf/v1').digest('base64url');
}

// Constant-time comparison of a presented token with a stored SHA-256 hex.
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

// A random password for an account created without one: 24 base64url characters (144 bits).
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
