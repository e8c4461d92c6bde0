import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IssueApiToken, MAX_TOKEN_DAYS, RevokeApiToken, TOKEN_SCOPES, type ApiToken, type Principal } from '@faro/identity';
import { SqlApiTokenStore, SqlUserStore } from '@faro/persistence';
import { authenticationOf, type AuthenticatedRequest } from './authenticated-request';
import { CurrentPrincipal } from './current-principal.decorator';
import { parseBody } from './parse-body';
import { refuseUnlessSession } from './refusal-audit';
import { ApiJson, ApiNoContent, ApiProblems } from '../openapi/api-docs.decorators';
import { apiTokenCreatedSchema, apiTokenListSchema } from './auth.schemas';

const issueBody = z
  .object({
    name: z.string().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).optional(),
    // Default read and write; release and admin only from a session signed in with TOTP.
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length).optional(),
  })
  .strict();

const tokenView = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  secondFactor: t.secondFactor,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

@ApiTags('tokens')
@Controller('api/v1/tokens')
export class TokensController {
  constructor(
    private readonly issue: IssueApiToken,
    private readonly revoke: RevokeApiToken,
    private readonly tokens: SqlApiTokenStore,
    private readonly users: SqlUserStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Create an API token acting as you; the token is shown this once' })
  @ApiJson(201, apiTokenCreatedSchema)
  @ApiProblems(422)
  async create(@Req() req: AuthenticatedRequest, @Body({ schema: issueBody }) body: unknown, @CurrentPrincipal() principal: Principal) {
    await refuseUnlessSession(this.users, req, 'API tokens are created from a signed-in session, not with another token');
    const b = parseBody(issueBody, body, 'auth/invalid-request');
    // A session of a TOTP-enrolled user proved the code at login (or at enrolment).
    const secondFactor = authenticationOf(req).user.totp === 'enrolled' ? 'totp' : 'none';
    const r = await this.issue.run({ userId: principal.id, name: b.name, expiresInDays: b.expiresInDays, scopes: b.scopes, secondFactor, by: principal });
    return { ...tokenView(r.record), token: r.token };
  }

  @Get()
  @ApiOperation({ summary: 'Your API tokens (never the tokens themselves)' })
  @ApiJson(200, apiTokenListSchema)
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: (await this.tokens.listOwn(principal.id)).map(tokenView) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your API tokens' })
  @ApiNoContent('Revoked')
  async remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    await this.revoke.run(id, principal.id, principal);
  }
}
