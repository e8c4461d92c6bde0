import { IdentityError } from './identity-error';

// What an API token may do (docs/architecture.md, "What a token may do"). Tokens are for machines
// and scripts: read and write (drafting, editing, submitting) by default. Releasing or approving an
// alert and administering users, keys, sensors and audiences are privileged: a token gets them only
// when made with a proven second factor (a TOTP session, or the CLI given a current code), and they
// work only while its user still has that second factor.
export const TOKEN_SCOPES = ['read', 'write', 'release', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const DEFAULT_TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];
const PRIVILEGED: ReadonlySet<TokenScope> = new Set(['release', 'admin']);

export function isPrivilegedScope(scope: TokenScope): boolean {
  return PRIVILEGED.has(scope);
}

export type SecondFactorProof = 'none' | 'totp';

// The scopes a new token gets, refused when a privileged one is asked for without the proof.
export function grantedScopes(requested: readonly TokenScope[] | undefined, proof: SecondFactorProof): TokenScope[] {
  const scopes = [...new Set(requested ?? DEFAULT_TOKEN_SCOPES)];
  if (scopes.length === 0) throw new IdentityError('auth/invalid-request', 'A token needs at least one scope', '/scopes');
  const privileged = scopes.filter(isPrivilegedScope);
  if (privileged.length > 0 && proof !== 'totp') {
    throw new IdentityError(
      'auth/second-factor-required',
      `A token with the ${privileged.join(' and ')} scope is made only with a proven second factor: from a session signed in with TOTP, or on the CLI with --totp <current code>`,
      '/scopes',
    );
  }
  return scopes;
}
