import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertError, ReadAlertCoverage } from '@faro/alerts';
import { SqlAlertCellStates, SqlAlertStore, SqlAlertTimeline } from '@faro/persistence';
import type { Principal } from '@faro/identity';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { alertCellStatesSchema, alertTimelineSchema } from './alert-detail.schemas';
import { parseQuery } from '../http/parse-query';
import { alertCoverageQuery, alertCoverageSchema } from './coverage.schemas';

// The console's Alert detail reads: the timeline and the targeted cells' delivery states.
@ApiTags('alerts')
@Controller('api/v1/alerts')
export class AlertDetailController {
  constructor(
    private readonly store: SqlAlertStore,
    private readonly timelines: SqlAlertTimeline,
    private readonly cells: SqlAlertCellStates,
    private readonly coverage: ReadAlertCoverage,
  ) {}

  @Get(':id/coverage')
  @ApiJson(200, alertCoverageSchema)
  @ApiProblems(404)
  @ApiOperation({
    summary: 'Per cell, in id order and paginated (`after` = the previous page’s `next`): the satellites and gateways planned at release (with the hand-overs), what the uplink transmitted through which gateway or CBC and when, and the cells not served with the reason',
  })
  async cellCoverage(@Param('id', new ParseUUIDPipe()) id: string, @Query({ schema: alertCoverageQuery }) query: Record<string, string>, @CurrentPrincipal() principal: Principal) {
    const q = parseQuery(alertCoverageQuery, query);
    const page = await this.coverage.run(id, principal, { after: q.after ?? null, limit: q.limit });
    return page;
  }

  @Get(':id/timeline')
  @ApiJson(200, alertTimelineSchema)
  @ApiProblems(404)
  @ApiOperation({ summary: 'An alert’s timeline: drafted, submitted, approved by whom, released, signed with which key ids, first cell on air, 50/95/100 % delivered' })
  async timeline(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    await this.mustFind(id, principal);
    return this.timelines.timeline(id);
  }

  @Get(':id/cells')
  @ApiJson(200, alertCellStatesSchema)
  @ApiProblems(404)
  @ApiOperation({ summary: 'Every cell the alert’s fan-out targeted, compact (parallel integer columns): site, coverage radius, delivery state' })
  async cellStates(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    await this.mustFind(id, principal);
    return this.cells.cellStates(id);
  }

  // Another jurisdiction's alert is not acknowledged to exist.
  private async mustFind(id: string, principal: Principal) {
    const alert = await this.store.findVisibleAlert(id, principal.jurisdictionId);
    if (!alert) throw new AlertError('alert/not-found', `No alert ${id}`);
    return alert;
  }
}
