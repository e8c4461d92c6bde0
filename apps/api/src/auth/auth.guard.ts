import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { assertCsrfToken, assertTokenScope, Authenticate, hasRole, IdentityError, type Authentication, type Role, type TokenScope } from '@faro/identity';
import { SqlUserStore } from '@faro/persistence';
import { ALLOW_PENDING_SECOND_FACTOR } from './allow-pending-second-factor.decorator';
import type { AuthenticatedRequest } from './authenticated-request';
import { IS_PUBLIC } from './public.decorator';
import { auditRefusal } from './refusal-audit';
import { requiredTokenScope } from './required-token-scope';
import { REQUIRED_ROLES } from './roles.decorator';
import { clearSessionCookie, CSRF_HEADER, sessionCookieOf } from './session-cookie';
import { TOKEN_SCOPE } from './token-scope.decorator';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BEARER = /^Bearer[ ]+([A-Za-z0-9_-]+)[ ]*$/i;

// Every route that is not @Public(): who is calling (API token, else session cookie), read
// afresh from PostgreSQL; the CSRF token on a cookie's unsafe request; the second factor an
// approver or admin owes; the roles the route asks for; an API token's scopes.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: Authenticate,
    private readonly users: SqlUserStore,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();

    const auth = await this.identify(req, reply);
    req.principal = auth.principal;
    req.authentication = auth;

    if (auth.method === 'session') {
      if (UNSAFE_METHODS.has(req.method)) {
        const header = req.headers[CSRF_HEADER];
        try {
          assertCsrfToken(auth.csrfTokenHash, typeof header === 'string' ? header : undefined);
        } catch (e) {
          await auditRefusal(this.users, auth.principal, req, 'csrf');
          throw e;
        }
      }
      if (auth.awaitsSecondFactor && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_SECOND_FACTOR, targets)) {
        await auditRefusal(this.users, auth.principal, req, 'totp-not-enrolled');
        throw new IdentityError('auth/forbidden', 'Approvers and administrators work with a second factor: enrol a TOTP authenticator first (POST /api/v1/auth/totp/enroll, then /confirm)');
      }
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => hasRole(auth.principal, r))) {
      await auditRefusal(this.users, auth.principal, req, 'role', { requiredRoles: roles });
      throw new IdentityError('auth/forbidden', `This needs the ${roles.join(' or ')} role`);
    }
    if (auth.method === 'api-token') {
      const scope = requiredTokenScope(req.method, roles, this.reflector.getAllAndOverride<TokenScope | undefined>(TOKEN_SCOPE, targets));
      try {
        assertTokenScope(auth, scope);
      } catch (e) {
        await auditRefusal(this.users, auth.principal, req, 'token-scope', { requiredScope: scope, tokenId: auth.tokenId, scopes: auth.scopes, tokenSecondFactor: auth.secondFactor });
        throw e;
      }
    }
    return true;
  }

  private async identify(req: AuthenticatedRequest, reply: FastifyReply): Promise<Authentication> {
    const header = req.headers.authorization;
    const cookie = sessionCookieOf(req);
    try {
      if (header !== undefined) {
        const m = BEARER.exec(header);
        if (!m) throw new IdentityError('auth/unauthenticated', 'The Authorization header must be "Bearer <API token>"');
        return await this.authenticate.byApiToken(m[1]);
      }
      if (cookie) return await this.authenticate.bySession(cookie);
      throw new IdentityError('auth/unauthenticated', 'Log in, or send an API token as "Authorization: Bearer <token>"');
    } catch (e) {
      if (e instanceof IdentityError && e.code === 'auth/unauthenticated') {
        // RFC 9110 §15.5.2: a 401 says how to authenticate.
        reply.header('www-authenticate', 'Bearer realm="faro"');
        if (cookie && header === undefined) clearSessionCookie(req, reply);
      }
      throw e;
    }
  }
}
