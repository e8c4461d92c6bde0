import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerifyAuditTrail } from '@faro/audit';
import type { Principal } from '@faro/identity';
import { SqlAuditTrail } from '@faro/persistence';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { parseQuery } from '../http/parse-query';
import { ApiJson } from '../openapi/api-docs.decorators';
import { auditEntriesSchema, auditListQuery, auditVerificationSchema } from './audit.schemas';

@ApiTags('audit')
@Controller('api/v1/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(
    private readonly trail: SqlAuditTrail,
    private readonly verifyTrail: VerifyAuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries of your territory in chain order, with the name, roles and territory of each actor; optionally for one subject; page with after = the previous page’s next' })
  @ApiJson(200, auditEntriesSchema)
  async list(@Query({ schema: auditListQuery }) query: Record<string, string>, @CurrentPrincipal() principal: Principal) {
    // Scoped like every other read: the auditor's territory and what lies within it.
    return this.trail.entries({ ...parseQuery(auditListQuery, query), visibleTo: principal.jurisdictionId });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain and check every signed checkpoint against it' })
  @ApiJson(200, auditVerificationSchema)
  async verify() {
    return this.verifyTrail.run();
  }
}
