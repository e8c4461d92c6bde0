import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SqlAuditTrail } from '@faro/persistence';
import { Roles } from '../auth/roles.decorator';
import { parseQuery } from '../http/parse-query';
import { auditEntriesSchema, auditListQuery, auditVerificationSchema } from './audit.schemas';
import { ApiJson } from '../openapi/api-docs.decorators';


@ApiTags('audit')
@Controller('api/v1/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(private readonly trail: SqlAuditTrail) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries in chain order, optionally for one subject; page with after = the previous page’s next' })
  @ApiJson(200, auditEntriesSchema)
  async list(@Query({ schema: auditListQuery }) query: Record<string, string>) {
    return this.trail.entries(parseQuery(auditListQuery, query));
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain and check every signed checkpoint against it' })
  @ApiJson(200, auditVerificationSchema)
  async verify() {
    return this.trail.verify();
  }
}
