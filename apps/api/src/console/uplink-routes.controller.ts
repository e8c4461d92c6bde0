import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SqlConsoleViews } from '@faro/persistence';
import { Roles } from '../auth/roles.decorator';
import { ApiJson } from '../openapi/api-docs.decorators';
import { uplinkRoutesSchema } from './console-events.schemas';

// Every uplink route's liveness, platform-wide: the gateways serve every territory, so everyone who
// watches alerts (operators, approvers, auditors, admins) may see whether a way to the air is down.
@ApiTags('console')
@Controller('api/v1/uplink/routes')
@Roles('operator', 'approver', 'auditor', 'admin')
export class UplinkRoutesController {
  constructor(private readonly consoleViews: SqlConsoleViews) {}

  @Get()
  @ApiOperation({
    summary: "Each uplink route's state (up or down, since when, the last heartbeat heard then), as the worker's liveness last audited it (uplink.route-down / uplink.route-up)",
  })
  @ApiJson(200, uplinkRoutesSchema)
  async list() {
    const gateways = await this.consoleViews.gateways();
    return { routes: gateways.map((g) => ({ gatewayId: g.id, kind: g.kind, ...g.route })) };
  }
}
