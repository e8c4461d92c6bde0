import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { csrfTokenFor, EnrollTotp, IdentityError, Login, Logout, SESSION_IDLE_MS, type Principal } from '@faro/identity';
import { SqlUserStore } from '@faro/persistence';
import { AllowPendingSecondFactor } from './allow-pending-second-factor.decorator';
import { authenticationOf, type AuthenticatedRequest } from './authenticated-request';
import { CurrentPrincipal } from './current-principal.decorator';
import { parseBody } from './parse-body';
import { Public } from './public.decorator';
import { refuseUnlessSession } from './refusal-audit';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from './session-cookie';
import { userView } from './user-view';
import { ApiJson, ApiNoContent, ApiProblems } from '../openapi/api-docs.decorators';
import { loginResponseSchema, meResponseSchema, totpEnrollmentSchema, userEnvelopeSchema } from './auth.schemas';

const loginBody = z
  .object({
    email: z.string().min(1).max(320),
    password: z.string().min(1).max(1024),
    totp: z.string().max(16).optional(),
  })
  .strict();

// The code is named `totp` here as at login: one name for one thing.
const confirmBody = z.object({ totp: z.string().max(16) }).strict();

const TOTP_BY_SESSION = 'A TOTP authenticator is enrolled from a signed-in session, not with an API token';
const UNAUTHORIZED_CODES = new Set(['auth/invalid-credentials', 'auth/totp-required', 'auth/totp-invalid']);

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: Login,
    private readonly logout: Logout,
    private readonly totp: EnrollTotp,
    private readonly users: SqlUserStore,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Log in with email, password and (approvers, admins, anyone enrolled) a TOTP code; sets the session cookie and returns the CSRF token' })
  @ApiJson(200, loginResponseSchema)
  @ApiProblems(401, 422, 423)
  async logIn(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body({ schema: loginBody }) body: unknown) {
    const b = parseBody(loginBody, body, 'auth/invalid-request');
    try {
      const r = await this.login.run({ email: b.email, password: b.password, totp: b.totp, ip: req.ip });
      setSessionCookie(req, reply, r.sessionToken);
      return {
        user: userView(r.user),
        csrfToken: r.csrfToken,
        expiresAt: r.expiresAt.toISOString(),
        idleTimeoutSeconds: SESSION_IDLE_MS / 1000,
        ...(r.awaitsSecondFactor ? { totpEnrollmentRequired: true } : {}),
      };
    } catch (e) {
      if (e instanceof IdentityError && UNAUTHORIZED_CODES.has(e.code)) reply.header('www-authenticate', 'Bearer realm="faro"');
      if (e instanceof IdentityError && e.code === 'auth/locked' && e.retryAt) {
        reply.header('retry-after', String(Math.max(1, Math.ceil((e.retryAt.getTime() - Date.now()) / 1000))));
      }
      throw e;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @AllowPendingSecondFactor()
  @ApiOperation({ summary: 'End this session' })
  @ApiNoContent('Logged out; the session cookie is cleared')
  async logOut(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const auth = authenticationOf(req);
    if (auth.method !== 'session') throw new IdentityError('auth/forbidden', 'An API token is not logged out: revoke it with DELETE /api/v1/tokens/{id}');
    await this.logout.run(auth.sessionTokenHash, auth.principal.id);
    clearSessionCookie(req, reply);
  }

  @Get('me')
  @AllowPendingSecondFactor()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Who is signed in; for a session, its CSRF token again (after a page reload)' })
  @ApiJson(200, meResponseSchema)
  async me(@Req() req: AuthenticatedRequest) {
    const auth = authenticationOf(req);
    const cookie = sessionCookieOf(req);
    return {
      user: userView(auth.user),
      authenticatedBy: auth.method,
      ...(auth.method === 'session' && cookie ? { csrfToken: csrfTokenFor(cookie) } : {}),
      ...(auth.method === 'session' && auth.awaitsSecondFactor ? { totpEnrollmentRequired: true } : {}),
    };
  }

  @Post('totp/enroll')
  @HttpCode(200)
  @AllowPendingSecondFactor()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Start enrolling a TOTP authenticator: the secret and otpauth URI, shown this once' })
  @ApiJson(200, totpEnrollmentSchema)
  @ApiProblems(409)
  async enroll(@Req() req: AuthenticatedRequest, @CurrentPrincipal() principal: Principal) {
    await refuseUnlessSession(this.users, req, TOTP_BY_SESSION);
    return this.totp.start(principal.id);
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @AllowPendingSecondFactor()
  @ApiOperation({ summary: 'Confirm the enrolment with a first code from the authenticator' })
  @ApiJson(200, userEnvelopeSchema)
  @ApiProblems(409, 422)
  async confirm(@Req() req: AuthenticatedRequest, @CurrentPrincipal() principal: Principal, @Body({ schema: confirmBody }) body: unknown) {
    await refuseUnlessSession(this.users, req, TOTP_BY_SESSION);
    const b = parseBody(confirmBody, body, 'auth/invalid-request');
    await this.totp.confirm(principal.id, b.totp);
    const user = await this.users.findUser(principal.id);
    return { user: userView(user!) };
  }
}
