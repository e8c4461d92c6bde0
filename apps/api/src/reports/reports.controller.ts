import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@faro/identity';
import { BuildAlertReport, BuildPeriodReport, ReportError } from '@faro/reports';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { parseQuery } from '../http/parse-query';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { periodName, reportAnswer } from './report-answer';
import { alertReportQuery, alertReportSchema, periodReportQuery, periodReportSchema } from './reports.schemas';

// Auditors' reports, scoped to the auditor's territory (libs/reports). Another territory's alert
// is answered as not there.
const SYNC_PERIOD_MS = 31 * 24 * 3600 * 1000;

@ApiTags('reports')
@Controller('api/v1/reports')
@Roles('auditor')
export class ReportsController {
  constructor(
    private readonly alertReport: BuildAlertReport,
    private readonly periodReport: BuildPeriodReport,
  ) {}

  @Get('alerts/:id')
  @ApiOperation({ summary: 'One alert: timeline, cells per route with reasons, area, population, languages, its Updates and Cancel, its audit entries and the chain verification; JSON, CSV or PDF (map and delivery chart)' })
  @ApiJson(200, alertReportSchema)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiProblems(404)
  async alert(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query({ schema: alertReportQuery }) query: Record<string, string>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { format } = parseQuery(alertReportQuery, query);
    return reportAnswer(reply, await this.alertReport.run(id, principal.jurisdictionId), format, `faro-alert-${id}`);
  }

  @Get('period')
  @ApiOperation({ summary: 'Every alert of a period in your territory (live, exercise and test apart), release to 95 % on air per hazard and route, failures by cause, refused actions, sensors, rejected webhooks, key rotations; JSON, CSV or PDF; at most 31 days (longer: period-jobs)' })
  @ApiJson(200, periodReportSchema)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  async period(@Query({ schema: periodReportQuery }) query: Record<string, string>, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseQuery(periodReportQuery, query);
    // Answered within the request: a longer period is a job (POST /api/v1/reports/period-jobs).
    if (Date.parse(q.to) - Date.parse(q.from) > SYNC_PERIOD_MS) throw new ReportError('report/invalid-period', 'a period over 31 days is made in the background: POST /api/v1/reports/period-jobs');
    const report = await this.periodReport.run({ from: new Date(q.from), to: new Date(q.to) }, principal.jurisdictionId);
    return reportAnswer(reply, report, q.format, periodName(report.period));
  }
}
