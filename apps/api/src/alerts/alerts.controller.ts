import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ALERT_STATES, AlertError, cancelDraftFor, CreateIncident, HAZARDS, parseIncidentJson, previewBroadcast, ReleaseAlert, SubmitAlert } from '@faro/alerts';
import { SqlAlertStore, SqlAlertViews } from '@faro/persistence';
import { HttpEdgeError } from '../http/http-error';
import { alertView } from './alert-view';

const listQuery = z.object({
  state: z.enum(ALERT_STATES).optional(),
  hazard: z.enum(HAZARDS).optional(),
  status: z.enum(['Actual', 'Exercise', 'Test']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

// Until identities arrive (issue 3) every caller acts as the API itself.
const apiActor = { id: 'api', kind: 'user' as const };

@ApiTags('alerts')
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly store: SqlAlertStore,
    private readonly views: SqlAlertViews,
    private readonly release: ReleaseAlert,
    private readonly submit: SubmitAlert,
    private readonly createIncident: CreateIncident,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first, with filters and pagination' })
  @ApiQuery({ name: 'state', required: false, enum: ALERT_STATES })
  @ApiQuery({ name: 'hazard', required: false, enum: HAZARDS })
  @ApiQuery({ name: 'status', required: false, enum: ['Actual', 'Exercise', 'Test'] })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  async list(@Query() query: Record<string, string>) {
    const parsed = listQuery.safeParse(query);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new HttpEdgeError('http/invalid-query', `${String(i.path[0])}: ${i.message}`, `/${String(i.path[0])}`);
    }
    const q = parsed.data;
    const { items, total } = await this.store.listAlerts({ state: q.state, hazard: q.hazard, capStatus: q.status, limit: q.limit, offset: q.offset });
    return { items: items.map((a) => alertView(a)), total, limit: q.limit, offset: q.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'An alert: state, targeted cells per route, delivery progress' })
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    const alert = await this.mustFind(id);
    return alertView(alert, await this.views.deliveryProgress(id));
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'What release will put on air, per language: characters, alphabet, pages' })
  async preview(@Param('id', new ParseUUIDPipe()) id: string) {
    const alert = await this.mustFind(id);
    return { alertId: id, messages: previewBroadcast(alert), targeting: alert.targeting };
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft for approval' })
  async submitForApproval(@Param('id', new ParseUUIDPipe()) id: string) {
    return alertView(await this.submit.run(id, apiActor));
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release an alert: its state and fan-out intent commit together' })
  async releaseAlert(@Param('id', new ParseUUIDPipe()) id: string) {
    return alertView(await this.release.run(id, apiActor));
  }

  @Post(':id/update')
  @HttpCode(201)
  @ApiOperation({ summary: 'Draft an Update of an alert (same message code, next update number)' })
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown) {
    const draft = parseIncidentJson({ ...(body as object), msgType: 'Update', references: id }, new Date(), 'faro-api');
    const r = await this.createIncident.run({ draft, source: 'api', format: 'json', raw: null, payload: body, dedupeKey: null, actor: 'api:anonymous' });
    return alertView(r.alert);
  }

  @Post(':id/cancel')
  @HttpCode(201)
  @ApiOperation({ summary: 'Draft the Cancel of an alert (a kill of what is on air once released)' })
  async cancel(@Param('id', new ParseUUIDPipe()) id: string) {
    const alert = await this.mustFind(id);
    const draft = cancelDraftFor(alert, new Date(), alert.sender);
    const r = await this.createIncident.run({ draft, source: 'api', format: 'json', raw: null, payload: { cancel: id }, dedupeKey: null, actor: 'api:anonymous' });
    return alertView(r.alert);
  }

  @Get(':id/broadcasts')
  @ApiOperation({ summary: 'What the uplink transmitted, per message and route: pages, signature, key id' })
  async broadcasts(@Param('id', new ParseUUIDPipe()) id: string) {
    await this.mustFind(id);
    return { alertId: id, broadcasts: await this.views.broadcasts(id) };
  }

  private async mustFind(id: string) {
    const alert = await this.store.findAlert(id);
    if (!alert) throw new AlertError('alert/not-found', `No alert ${id}`);
    return alert;
  }
}
