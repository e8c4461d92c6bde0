import { Body, Controller, Get, HttpCode, Logger, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertError, cancelDraftFor, CreateIncident, EditAlert, parseIncidentJson, previewBroadcast, RejectAlert, ReleaseAlert, SubmitAlert, type AlertEdit } from '@faro/alerts';
import { SqlAlertStore, SqlAlertViews, SqlSatellitePlans } from '@faro/persistence';
import { actorRef, type Principal } from '@faro/identity';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { TokenScopeRequired } from '../auth/token-scope.decorator';
import { parseQuery } from '../http/parse-query';
import { alertView } from './alert-view';
import { satelliteReachOf, satelliteReachView } from './alert-satellite-reach';
import { satelliteReachSchema } from './coverage.schemas';
import { DraftingPool } from '../drafting/drafting-pool';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { alertBroadcastsSchema, alertEditBody, alertListQuery, alertListSchema, alertPreviewSchema, alertRejectBody, alertSchema, alertUpdateBody } from './alert.schemas';

// Reuses the incident schema's area parsing for an edit's areas.
const minimalIncident = {
  hazard: 'other',
  severity: 'Unknown',
  urgency: 'Unknown',
  certainty: 'Unknown',
  status: 'Test',
  languages: [{ language: 'en', text: 'x' }],
  expires: new Date(Date.now() + 86400_000).toISOString(),
};

@ApiTags('alerts')
@Controller('api/v1/alerts')
export class AlertsController {
  private readonly log = new Logger('alerts');

  constructor(
    private readonly store: SqlAlertStore,
    private readonly views: SqlAlertViews,
    private readonly release: ReleaseAlert,
    private readonly submit: SubmitAlert,
    private readonly createIncident: CreateIncident,
    private readonly editAlert: EditAlert,
    private readonly reject: RejectAlert,
    private readonly plans: SqlSatellitePlans,
    private readonly pool: DraftingPool,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first, with filters and pagination' })
  @ApiJson(200, alertListSchema)
  async list(@Query({ schema: alertListQuery }) query: Record<string, string>, @CurrentPrincipal() principal: Principal) {
    const q = parseQuery(alertListQuery, query);
    const { items, total } = await this.store.listAlerts({
      visibleTo: principal.jurisdictionId,
      state: q.state,
      hazard: q.hazard,
      capStatus: q.status,
      severity: q.severity,
      urgency: q.urgency,
      certainty: q.certainty,
      msgType: q.msgType,
      createdFrom: q.from ? new Date(q.from) : undefined,
      createdTo: q.to ? new Date(q.to) : undefined,
      territory: q.territory,
      jurisdiction: q.jurisdiction,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: items.map((a) => alertView(a)), total, limit: q.limit, offset: q.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'An alert: state, targeted cells per route, delivery progress, and the satellite cells its broadcast plan does not serve before expiry' })
  @ApiJson(200, alertSchema)
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const alert = await this.mustFind(id, principal);
    // The stored plan only (one indexed read): assessing an unreleased alert takes up to a
    // second, which GET /{id}/satellite-reach and the preview pay, not every read of the alert.
    const [delivery, planned] = await Promise.all([this.views.deliveryProgress(id), this.plans.planSummary(id)]);
    return { ...alertView(alert, delivery), satellite: satelliteReachView(planned) };
  }

  @Get(':id/satellite-reach')
  @ApiOperation({ summary: 'The satellite cells no satellite serves before the alert’s expiry, with the reasons: from the plan stored at release, else assessed now; null for a Cancel or an alert that is over without a plan' })
  @ApiJson(200, satelliteReachSchema.nullable())
  async satelliteReach(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const alert = await this.mustFind(id, principal);
    return satelliteReachView(await satelliteReachOf(alert, this.plans, this.pool, new Date()));
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'What release will put on air, per language: characters, alphabet, pages; and the satellite cells no satellite serves before expiry' })
  @ApiJson(200, alertPreviewSchema)
  async preview(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const alert = await this.mustFind(id, principal);
    const satellite = await satelliteReachOf(alert, this.plans, this.pool, new Date());
    return { alertId: id, messages: previewBroadcast(alert), targeting: alert.targeting, satellite: satelliteReachView(satellite) };
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft for approval' })
  @ApiJson(200, alertSchema)
  @ApiProblems(409)
  @Roles('operator')
  async submitForApproval(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    await this.mustFind(id, principal);
    return alertView(await this.submit.run(id, principal));
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release an alert: its state and fan-out intent commit together' })
  @ApiJson(200, alertSchema)
  @ApiProblems(409)
  @Roles('approver')
  @TokenScopeRequired('release')
  async releaseAlert(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    await this.mustFind(id, principal);
    const released = await this.release.run(id, principal);
    // The request's log context carries the alert's id (http/request-id.ts).
    this.log.log({ state: released.state, by: actorRef(principal) }, 'alert released');
    return alertView(released);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject an alert awaiting approval: back to draft, with the reason in the audit trail' })
  @ApiJson(200, alertSchema)
  @ApiProblems(409, 422)
  @Roles('approver')
  @TokenScopeRequired('release')
  async rejectAlert(@Param('id', new ParseUUIDPipe()) id: string, @Body({ schema: alertRejectBody }) body: unknown, @CurrentPrincipal() principal: Principal) {
    await this.mustFind(id, principal);
    const parsed = alertRejectBody.safeParse(body ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const at = '/' + (i.code === 'unrecognized_keys' ? i.keys[0] : i.path.map(String).join('/'));
      throw new AlertError('alert/invalid-incident', `${at}: ${i.message}`, at);
    }
    return alertView(await this.reject.run(id, parsed.data.reason, principal));
  }

  @Post(':id/update')
  @HttpCode(201)
  @ApiOperation({ summary: 'Draft an Update of an alert (same message code, next update number)' })
  @ApiJson(201, alertSchema)
  @ApiProblems(409, 422)
  @Roles('operator', 'approver')
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body({ schema: alertUpdateBody }) body: unknown, @CurrentPrincipal() principal: Principal) {
    await this.mustFind(id, principal);
    const draft = parseIncidentJson({ ...(body as object), msgType: 'Update', references: id }, new Date(), 'faro-api');
    const r = await this.createIncident.run({ draft, source: 'api', format: 'json', raw: null, payload: body, dedupeKey: null, principal });
    return alertView(r.alert);
  }

  @Post(':id/cancel')
  @HttpCode(201)
  @ApiOperation({ summary: 'Draft the Cancel of an alert (a kill of what is on air once released)' })
  @ApiJson(201, alertSchema)
  @ApiProblems(409, 422)
  @Roles('operator', 'approver')
  async cancel(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const alert = await this.mustFind(id, principal);
    const draft = cancelDraftFor(alert, new Date(), alert.sender);
    const r = await this.createIncident.run({ draft, source: 'api', format: 'json', raw: null, payload: { cancel: id }, dedupeKey: null, principal });
    return alertView(r.alert);
  }

  @Get(':id/broadcasts')
  @ApiOperation({ summary: 'What the uplink transmitted, per message and route: pages, signature, key id' })
  @ApiJson(200, alertBroadcastsSchema)
  async broadcasts(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    await this.mustFind(id, principal);
    return { alertId: id, broadcasts: await this.views.broadcasts(id) };
  }

  @Patch(':id')
  @Roles('operator')
  @ApiOperation({ summary: 'Edit an alert before it goes on air; an edit after approval sends it back to pending approval' })
  @ApiJson(200, alertSchema)
  @ApiProblems(409, 422)
  async edit(@Param('id', new ParseUUIDPipe()) id: string, @Body({ schema: alertEditBody }) body: unknown, @CurrentPrincipal() principal: Principal) {
    await this.mustFind(id, principal);
    const parsed = alertEditBody.safeParse(body);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const at = '/' + i.path.map(String).join('/');
      throw new AlertError('alert/invalid-incident', `${at}: ${i.message}`, at);
    }
    const v = parsed.data;
    const change: AlertEdit = {
      languages: v.languages,
      severity: v.severity,
      urgency: v.urgency,
      certainty: v.certainty,
      expires: v.expires ? new Date(v.expires) : undefined,
      areas: v.areas ? parseIncidentJson({ ...minimalIncident, areas: v.areas }, new Date(), 'faro-api').areas : undefined,
    };
    return alertView(await this.editAlert.run(id, change, principal));
  }

  // Another jurisdiction's alert is not acknowledged to exist.
  private async mustFind(id: string, principal: Principal) {
    const alert = await this.store.findVisibleAlert(id, principal.jurisdictionId);
    if (!alert) throw new AlertError('alert/not-found', `No alert ${id}`);
    return alert;
  }
}
