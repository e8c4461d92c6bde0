import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@faro/identity';
import { ReadReportJob, type ReportJobRecord, RequestPeriodReport } from '@faro/reports';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { HttpEdgeError } from '../http/http-error';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { periodJobBody, periodReportSchema, reportJobSchema } from './reports.schemas';

const view = (j: ReportJobRecord) => ({
  id: j.id,
  status: j.status,
  progress: j.progress,
  period: { from: j.period.from.toISOString(), to: j.period.to.toISOString() },
  jurisdictionId: j.jurisdictionId,
  format: j.format,
  error: j.error,
  chainHead: j.chainHead,
  createdAt: j.createdAt,
  finishedAt: j.finishedAt,
  links: { self: `/api/v1/reports/period-jobs/${j.id}`, file: `/api/v1/reports/period-jobs/${j.id}/file` },
});

// Long period reports: stored as a request, built by the worker (BullMQ job report.period),
// kept in PostgreSQL, read and downloaded by the auditor who asked and nobody else. A download
// names a row by its uuid (ParseUUIDPipe), never a path.
@ApiTags('reports')
@Controller('api/v1/reports/period-jobs')
@Roles('auditor')
export class ReportJobsController {
  constructor(
    private readonly request: RequestPeriodReport,
    private readonly read: ReadReportJob,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a period report of your territory, built in the background; follow links.self for its progress' })
  @ApiJson(202, reportJobSchema)
  async create(@Body({ schema: periodJobBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    const parsed = periodJobBody.safeParse(body ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const at = '/' + (i.code === 'unrecognized_keys' ? i.keys[0] : i.path.map(String).join('/'));
      throw new HttpEdgeError('http/bad-request', `${at}: ${i.message}`, at);
    }
    const b = parsed.data;
    return view(await this.request.run({ id: p.id, jurisdictionId: p.jurisdictionId }, { from: new Date(b.from), to: new Date(b.to) }, b.format));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A period report you asked for: status and progress' })
  @ApiJson(200, reportJobSchema)
  @ApiProblems(404)
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    return view(await this.read.view(id, { id: p.id, jurisdictionId: p.jurisdictionId }));
  }

  @Get(':id/file')
  @ApiOperation({ summary: 'The finished report, in the format asked (409 report/not-ready before)' })
  @ApiJson(200, periodReportSchema)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiProblems(404, 409)
  async file(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    const f = await this.read.file(id, { id: p.id, jurisdictionId: p.jurisdictionId });
    reply.type(f.contentType);
    reply.header('content-disposition', `attachment; filename="${f.filename}"`);
    reply.header('cache-control', 'no-store');
    return f.content;
  }
}
