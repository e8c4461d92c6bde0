import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { VerifyAuditTrail } from '@faro/audit';
import type { Principal } from '@faro/identity';
import { SqlAuditTrail } from '@faro/persistence';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { HttpEdgeError } from '../http/http-error';
import { parseQuery } from '../http/parse-query';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { auditEntriesSchema, auditEntryEnvelopeSchema, auditListQuery, auditSeqParam, auditVerificationSchema } from './audit.schemas';

@ApiTags('audit')
@Controller('api/v1/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(
    private readonly trail: SqlAuditTrail,
    private readonly verifyTrail: VerifyAuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries of your territory, in chain order or newest first, with the name, roles and territory of each actor; filter by subject, actor, action, refused actions and time range; page with after = the previous page’s next' })
  @ApiJson(200, auditEntriesSchema)
  @ApiProblems(400)
  async list(@Query({ schema: auditListQuery }) query: Record<string, string>, @CurrentPrincipal() principal: Principal) {
    const q = parseQuery(auditListQuery, query);
    // Scoped like every other read: the auditor's territory and what lies within it.
    return this.trail.entries({
      visibleTo: principal.jurisdictionId,
      subjectId: q.subjectId,
      subjectType: q.subjectType,
      actor: q.actor,
      action: q.action,
      refusedOnly: q.refused === 'true',
      from: q.from === undefined ? undefined : new Date(q.from),
      to: q.to === undefined ? undefined : new Date(q.to),
      order: q.order,
      after: q.after,
      limit: q.limit,
    });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain and check every signed checkpoint against it' })
  @ApiJson(200, auditVerificationSchema)
  async verify() {
    return this.verifyTrail.run();
  }

  // After 'verify' so that the static route keeps its name.
  @Get(':seq')
  @ApiParam({ name: 'seq', type: Number })
  @ApiOperation({ summary: 'One audit entry by its sequence number, if it is of your territory (otherwise 404, as if absent)' })
  @ApiJson(200, auditEntryEnvelopeSchema)
  @ApiProblems(400, 404)
  async one(@Param('seq') seq: string, @CurrentPrincipal() principal: Principal) {
    const parsed = auditSeqParam.safeParse(seq);
    if (!parsed.success) throw new HttpEdgeError('http/bad-request', `seq: ${parsed.error.issues[0].message}`, '/seq');
    const found = await this.trail.entry(Number(parsed.data), principal.jurisdictionId);
    if (!found) throw new HttpEdgeError('http/not-found', `No audit entry ${seq} in your territory`);
    return found;
  }
}
