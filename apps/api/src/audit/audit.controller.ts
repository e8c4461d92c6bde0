import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SqlAuditTrail } from '@faro/persistence';
import type { Principal } from '@faro/identity';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { HttpEdgeError } from '../http/http-error';

const listQuery = z
  .object({
    subjectId: z.string().min(1).max(200).optional(),
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

@ApiTags('audit')
@Controller('api/v1/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(private readonly trail: SqlAuditTrail) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries of your territory in chain order, with the name, roles and territory of each actor; optionally for one subject; page with after = the previous page’s next' })
  @ApiQuery({ name: 'subjectId', required: false, type: String })
  @ApiQuery({ name: 'after', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async list(@Query() query: Record<string, string>, @CurrentPrincipal() principal: Principal) {
    const parsed = listQuery.safeParse(query);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const field = i.code === 'unrecognized_keys' ? i.keys[0] : String(i.path[0]);
      throw new HttpEdgeError('http/invalid-query', `${field}: ${i.code === 'unrecognized_keys' ? 'not a filter of this list' : i.message}`, `/${field}`);
    }
    // Scoped like every other read: the auditor's territory and what lies within it.
    return this.trail.entries({ ...parsed.data, visibleTo: principal.jurisdictionId });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain and check every signed checkpoint against it' })
  async verify() {
    return this.trail.verify();
  }
}
