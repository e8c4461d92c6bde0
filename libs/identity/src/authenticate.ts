import { IdentityError } from './identity-error';
import type { Principal } from './principal';
import type { ApiTokenStore, Clock, SessionStore, UserAccount } from './ports';
import { awaitsSecondFactor, principalOf } from './second-factor';
import { slidSessionExpiry } from './session-lifetime';
import { isPrivilegedScope, type SecondFactorProof, type TokenScope } from './token-scopes';
import { hashToken, tokenMatchesHash } from './tokens';

export type Authentication =
  | { method: 'session'; principal: Principal; user: UserAccount; sessionTokenHash: string; csrfTokenHash: string; awaitsSecondFactor: boolean }
  | { method: 'api-token'; principal: Principal; user: UserAccount; tokenId: string; scopes: readonly TokenScope[]; secondFactor: SecondFactorProof };

// Who is calling, from a session id or an API token, with the user read afresh each time:
// a user disabled or stripped of a role is refused on their next request.
export class Authenticate {
  constructor(
    private readonly sessions: SessionStore,
    private readonly tokens: ApiTokenStore,
    private readonly clock: Clock,
  ) {}

  async bySession(sessionToken: string): Promise<Authentication> {
    const now = this.clock.now();
    const tokenHash = hashToken(sessionToken);
    const found = await this.sessions.findActive(tokenHash, now);
    if (!found) throw new IdentityError('auth/unauthenticated', 'The session has ended: log in again');
    assertEnabled(found.user);
    const next = slidSessionExpiry(found.session, now);
    if (next) await this.sessions.extend(tokenHash, next);
    return {
      method: 'session',
      principal: { ...principalOf(found.user), via: { method: 'session', secondFactor: found.user.totp === 'enrolled' ? 'totp' : 'none' } },
      user: found.user,
      sessionTokenHash: tokenHash,
      csrfTokenHash: found.session.csrfTokenHash,
      awaitsSecondFactor: awaitsSecondFactor(found.user),
    };
  }

  async byApiToken(token: string): Promise<Authentication> {
    const now = this.clock.now();
    const found = await this.tokens.findActive(hashToken(token), now);
    if (!found) throw new IdentityError('auth/unauthenticated', 'The API token is not valid, has expired or was revoked');
    assertEnabled(found.user);
    await this.tokens.markUsed(found.token.id, now);
    const { id: tokenId, scopes, secondFactor } = found.token;
    return { method: 'api-token', principal: { ...principalOf(found.user), via: { method: 'api-token', tokenId, scopes, secondFactor } }, user: found.user, tokenId, scopes, secondFactor };
  }
}

// OWASP CSRF Prevention Cheat Sheet, synchronizer token: a state-changing request carried by
// the session cookie must also carry the session's CSRF token, which a cross-site page cannot read.
export function assertCsrfToken(csrfTokenHash: string, presented: string | undefined): void {
  if (!presented) throw new IdentityError('auth/csrf', 'A request signed in by cookie must send the X-CSRF-Token header it got at login');
  if (!tokenMatchesHash(presented, csrfTokenHash)) throw new IdentityError('auth/csrf', 'The X-CSRF-Token header does not belong to this session');
}

// What a route needs of an API token: the scope, and for a privileged one (release, admin) the
// second factor the token was made with and that its user still has. Sessions are not scoped:
// the guard's second-factor rule covers them.
export function assertTokenScope(auth: Authentication, required: TokenScope): void {
  if (auth.method !== 'api-token') return;
  if (!auth.scopes.includes(required)) {
    throw new IdentityError('auth/scope', `This API token lacks the ${required} scope (it has ${auth.scopes.join(', ')}); make one with that scope from a signed-in session`);
  }
  if (isPrivilegedScope(required) && (auth.secondFactor !== 'totp' || auth.user.totp !== 'enrolled')) {
    throw new IdentityError('auth/second-factor-required', `The ${required} scope works only for a token made with a proven TOTP second factor, whose user still has one enrolled`);
  }
}

function assertEnabled(user: UserAccount): void {
  if (user.disabled) throw new IdentityError('auth/unauthenticated', 'The account is disabled');
}
