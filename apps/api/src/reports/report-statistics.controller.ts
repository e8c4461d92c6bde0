import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@faro/identity';
import { BuildAlertStatistics } from '@faro/reports';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { parseQuery } from '../http/parse-query';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { statisticsQuery, statisticsSchema } from './reports.schemas';

// The console's Reports page: alerts counted per hazard, status, severity, urgency, certainty,
// message type and territory, and over time, each figure with the alert listing's query for it.
@ApiTags('reports')
@Controller('api/v1/reports/statistics')
@Roles('auditor', 'admin')
export class ReportStatisticsController {
  constructor(private readonly statistics: BuildAlertStatistics) {}

  @Get()
  @ApiOperation({ summary: 'Alerts created in a period in your territory (or one within it), counted per hazard, CAP status, severity, urgency, certainty, message type, territory and day/week/month; each figure links to the alert listing' })
  @ApiJson(200, statisticsSchema)
  @ApiProblems(400, 403)
  async get(@Query({ schema: statisticsQuery }) query: Record<string, string>, @CurrentPrincipal() principal: Principal) {
    const q = parseQuery(statisticsQuery, query);
    return this.statistics.run({ period: { from: new Date(q.from), to: new Date(q.to) }, territoryId: q.territory }, principal.jurisdictionId);
  }
}
