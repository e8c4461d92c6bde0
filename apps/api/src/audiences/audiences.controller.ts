import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AudienceAdministration, AudienceError, type JurisdictionContains } from '@faro/audiences';
import type { Principal } from '@faro/identity';
import { SqlAudienceViews } from '@faro/persistence';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { JURISDICTION_CONTAINS } from '../tokens';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { groupBody, groupCreatedSchema, groupKeyRotationSchema, groupListSchema, handsetBody, handsetListSchema, handsetRegisteredSchema, handsetRevokedSchema, keyBundlesSchema, memberAddedSchema, memberBody, reasonBody, revokeBody } from './audience.schemas';


function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const i = parsed.error.issues[0];
  const field = i.code === 'unrecognized_keys' ? i.keys[0] : String(i.path[0] ?? '');
  throw new AudienceError('audience/invalid-input', `${field || 'body'}: ${i.code === 'unrecognized_keys' ? 'this field may not be set' : i.message}`, `/${field}`);
}

// Handsets and restricted-audience groups, administered within the admin's jurisdiction. Every
// change is audited; removing a member or revoking a handset rotates the group key at once.
@ApiTags('audiences')
@Controller('api/v1')
@Roles('admin')
export class AudiencesController {
  constructor(
    private readonly admin: AudienceAdministration,
    private readonly views: SqlAudienceViews,
    @Inject(JURISDICTION_CONTAINS) private readonly contains: JurisdictionContains,
  ) {}

  @Post('handsets')
  @HttpCode(201)
  @ApiOperation({ summary: "Register a handset by its X25519 public key (raw 32 octets, base64url)" })
  @ApiJson(201, handsetRegisteredSchema)
  @ApiProblems(409, 422)
  async registerHandset(@Body({ schema: handsetBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    const h = await this.admin.registerHandset(p, parse(handsetBody, body));
    return { id: h.id, label: h.label, jurisdictionId: h.jurisdictionId, registeredAt: h.registeredAt.toISOString() };
  }

  @Get('handsets')
  @ApiOperation({ summary: 'The handsets of your jurisdiction and of the territories within it' })
  @ApiJson(200, handsetListSchema)
  async handsets(@CurrentPrincipal() p: Principal) {
    return { items: (await this.views.handsets()).filter((h) => this.contains(p.jurisdictionId, h.jurisdictionId)) };
  }

  @Get('handsets/:id/key-bundles')
  @ApiOperation({ summary: "The handset's group key bundles (HPKE-sealed to it): one per group it belongs to, for the active key" })
  @ApiJson(200, keyBundlesSchema)
  async bundles(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    const handset = (await this.views.handsets()).find((h) => h.id === id);
    if (!handset || !this.contains(p.jurisdictionId, handset.jurisdictionId)) throw new AudienceError('audience/unknown-handset', `no handset ${id}`);
    return { handsetId: id, bundles: (await this.views.bundlesFor(id)) ?? [] };
  }

  @Post('handsets/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a lost or compromised handset: out of every group, each group key rotated' })
  @ApiJson(200, handsetRevokedSchema)
  @ApiProblems(409, 422)
  async revoke(@Param('id') id: string, @Body({ schema: revokeBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    return { handsetId: id, rotations: await this.admin.revokeHandset(p, id, parse(revokeBody, body).reason) };
  }

  @Post('groups')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a restricted-audience group, with its first content key' })
  @ApiJson(201, groupCreatedSchema)
  @ApiProblems(409, 422)
  async createGroup(@Body({ schema: groupBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    const { group, keyId } = await this.admin.createGroup(p, parse(groupBody, body));
    return { id: group.id, name: group.name, jurisdictionId: group.jurisdictionId, activeKeyId: keyId, members: [] };
  }

  @Get('groups')
  @ApiOperation({ summary: 'The groups of your jurisdiction and of the territories within it, with members and active key id' })
  @ApiJson(200, groupListSchema)
  async groups(@CurrentPrincipal() p: Principal) {
    return { items: (await this.views.groups()).filter((g) => this.contains(p.jurisdictionId, g.jurisdictionId)) };
  }

  @Post('groups/:id/members')
  @HttpCode(201)
  @ApiOperation({ summary: "Add a handset to a group; a bundle of the group's active key is sealed to it" })
  @ApiJson(201, memberAddedSchema)
  @ApiProblems(409, 422)
  async addMember(@Param('id') id: string, @Body({ schema: memberBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    return { groupId: id, ...(await this.admin.addMember(p, id, parse(memberBody, body).handsetId)) };
  }

  @Delete('groups/:id/members/:handsetId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a handset from a group; the group key rotates and is sealed to the remaining members only' })
  @ApiJson(200, groupKeyRotationSchema)
  async removeMember(@Param('id') id: string, @Param('handsetId') handsetId: string, @CurrentPrincipal() p: Principal) {
    return this.admin.removeMember(p, id, handsetId);
  }

  @Post('groups/:id/key/rotate')
  @HttpCode(201)
  @ApiOperation({ summary: "Rotate a group's content key now; bundles of the new key go to every member" })
  @ApiJson(201, groupKeyRotationSchema)
  @ApiProblems(422)
  async rotate(@Param('id') id: string, @Body({ schema: reasonBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    return this.admin.rotateGroupKey(p, id, parse(reasonBody, body).reason ?? 'on demand');
  }
}
