import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@faro/identity';
import { RotateGatewayKey } from '@faro/keys';
import { Database, listGatewayKeys } from '@faro/persistence';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { HttpEdgeError } from '../http/http-error';
import { ApiJson } from '../openapi/api-docs.decorators';
import { gatewayKeyListSchema, gatewayKeyRotationSchema, rotationReasonBody } from './key.schemas';

@ApiTags('keys')
@Controller('api/v1/keys/gateways')
@Roles('admin')
export class GatewayKeysController {
  constructor(
    private readonly ds: Database,
    private readonly rotateGatewayKey: RotateGatewayKey,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every uplink gateway with the key ids of its active and previous sealing keys (public metadata only)' })
  @ApiJson(200, gatewayKeyListSchema)
  async list() {
    return { gateways: await listGatewayKeys(this.ds) };
  }

  @Post(':gatewayId/rotate')
  @HttpCode(201)
  @ApiParam({ name: 'gatewayId', type: String })
  @ApiOperation({ summary: "Rotate a gateway's sealing key now: active → previous (still opened), previous → retired, a new active key" })
  @ApiJson(201, gatewayKeyRotationSchema)
  async rotate(@Param('gatewayId') gatewayId: string, @Body({ schema: rotationReasonBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    const parsed = rotationReasonBody.safeParse(body ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const field = i.code === 'unrecognized_keys' ? i.keys[0] : String(i.path[0]);
      throw new HttpEdgeError('http/bad-request', `${field}: ${i.code === 'unrecognized_keys' ? 'this field may not be set' : i.message}`, `/${field}`);
    }
    return this.rotateGatewayKey.run(p, gatewayId, parsed.data.reason ?? 'on demand');
  }
}
