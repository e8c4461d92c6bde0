import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SqlAuditTrail } from '@faro/persistence';
import { Roles } from '../auth/roles.decorator';
import { parseQuery } from '../http/parse-query';
import { auditListQuery } from './audit.schemas';


@ApiTags('audit')
@Controller('api/v1/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(private readonly trail: SqlAuditTrail) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries in chain order, optionally for one subject; page with after = the previous page’s next' })
  async list(@Query({ schema: auditListQuery }) query: Record<string, string>) {
    return this.trail.entries(parseQuery(auditListQuery, query));
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain and check every signed checkpoint against it' })
  async verify() {
    return this.trail.verify();
  }
}
