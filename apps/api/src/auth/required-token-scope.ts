import type { Role, TokenScope } from '@faro/identity';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// What an API token must hold for a route: what the route declares, else admin for a route only
// administrators may use, read for a safe method, write for the rest.
export function requiredTokenScope(method: string, roles: readonly Role[] | undefined, declared: TokenScope | undefined): TokenScope {
  if (declared) return declared;
  if (roles && roles.length > 0 && roles.every((r) => r === 'admin')) return 'admin';
  return SAFE_METHODS.has(method.toUpperCase()) ? 'read' : 'write';
}
