import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ChangeUser, CreateUser, EnrollTotp, IdentityError, ROLES, type Principal } from '@faro/identity';
import { SqlUserStore } from '@faro/persistence';
import type { AuthenticatedRequest } from './authenticated-request';
import { CurrentPrincipal } from './current-principal.decorator';
import { parseBody } from './parse-body';
import { auditRefusal } from './refusal-audit';
import { Roles } from './roles.decorator';
import { userView } from './user-view';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { totpEnrollmentSchema, userCreatedSchema, userEnvelopeSchema, userListSchema } from './auth.schemas';

// What an administrator may set: never a hash, a TOTP secret, a login counter or an id.
const createBody = z
  .object({
    email: z.string().min(3).max(254),
    displayName: z.string().min(1).max(200),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    jurisdictionId: z.string().min(1).max(64),
    password: z.string().min(1).max(1024).optional(),
  })
  .strict();

const changeBody = z
  .object({
    displayName: z.string().min(1).max(200).optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
    disabled: z.boolean().optional(),
    jurisdictionId: z.string().min(1).max(64).optional(),
  })
  .strict();

@ApiTags('users')
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly createUser: CreateUser,
    private readonly changeUser: ChangeUser,
    private readonly totp: EnrollTotp,
    private readonly users: SqlUserStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Create a user with roles in a jurisdiction within yours; a generated password is returned this once' })
  @ApiJson(201, userCreatedSchema)
  @ApiProblems(409, 422)
  async create(@Req() req: AuthenticatedRequest, @Body({ schema: createBody }) body: unknown, @CurrentPrincipal() principal: Principal) {
    const b = parseBody(createBody, body, 'auth/invalid-user');
    const r = await this.refusalsAudited(req, principal, () =>
      this.createUser.run({ email: b.email, displayName: b.displayName, roles: b.roles, jurisdictionId: b.jurisdictionId, password: b.password, by: principal }),
    );
    return { user: userView(r.user), ...(r.generatedPassword ? { password: r.generatedPassword } : {}) };
  }

  @Get()
  @ApiOperation({ summary: 'The users of your jurisdiction and of the territories within it' })
  @ApiJson(200, userListSchema)
  async list(@CurrentPrincipal() principal: Principal) {
    const items = await this.users.listUsers(principal.jurisdictionId);
    return { items: items.map(userView) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change roles, jurisdiction, name or disable; a role gained or a disabling ends the user\'s sessions' })
  @ApiJson(200, userEnvelopeSchema)
  @ApiProblems(422)
  async change(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body({ schema: changeBody }) body: unknown, @CurrentPrincipal() principal: Principal) {
    const b = parseBody(changeBody, body, 'auth/invalid-user');
    const user = await this.refusalsAudited(req, principal, () => this.changeUser.run({ userId: id, ...b, by: principal }));
    return { user: userView(user) };
  }

  @Post(':id/totp')
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: "Reset a user's TOTP authenticator: a new secret replaces any other, their sessions end; the secret and otpauth URI are shown this once, for the user's app" })
  @ApiJson(201, totpEnrollmentSchema)
  @ApiProblems(404)
  async resetTotp(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.totp.provision(id, principal);
  }

  private async refusalsAudited<T>(req: AuthenticatedRequest, principal: Principal, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof IdentityError && e.code === 'auth/forbidden') await auditRefusal(this.users, principal, req, 'jurisdiction', { detail: e.message });
      throw e;
    }
  }
}
