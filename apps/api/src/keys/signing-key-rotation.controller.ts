import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@faro/identity';
import { RotateSigningKey } from '@faro/keys';
import { Database, listSigningKeys } from '@faro/persistence';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { HttpEdgeError } from '../http/http-error';
import { ApiJson } from '../openapi/api-docs.decorators';
import { rotationReasonBody, signingKeyListSchema, signingKeyRotationSchema } from './key.schemas';

@ApiTags('keys')
@Controller('api/v1/keys/signing')
@Roles('admin')
export class SigningKeyRotationController {
  constructor(
    private readonly rotateSigningKey: RotateSigningKey,
    private readonly ds: Database,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The broadcast signing keys with their state and dates (public metadata only), newest first' })
  @ApiJson(200, signingKeyListSchema)
  async list() {
    const keys = await listSigningKeys(this.ds);
    return { keys: keys.map((k) => ({ kid: k.kid, status: k.status, createdAt: k.createdAt.toISOString(), retiredAt: k.retiredAt?.toISOString() ?? null })) };
  }

  @Post('rotate')
  @HttpCode(201)
  @ApiOperation({ summary: 'Rotate the broadcast signing key now: active → previous, previous → retired, a new active key' })
  @ApiJson(201, signingKeyRotationSchema)
  async rotate(@Body({ schema: rotationReasonBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    const parsed = rotationReasonBody.safeParse(body ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const field = i.code === 'unrecognized_keys' ? i.keys[0] : String(i.path[0]);
      throw new HttpEdgeError('http/bad-request', `${field}: ${i.code === 'unrecognized_keys' ? 'this field may not be set' : i.message}`, `/${field}`);
    }
    return this.rotateSigningKey.run(p, parsed.data.reason ?? 'on demand');
  }
}
