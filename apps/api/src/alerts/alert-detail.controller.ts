import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertError } from '@faro/alerts';
import { SqlAlertCellStates, SqlAlertStore, SqlAlertTimeline } from '@faro/persistence';
import type { Principal } from '@faro/identity';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { alertCellStatesSchema, alertTimelineSchema } from './alert-detail.schemas';

// The console's Alert detail reads: the timeline and the targeted cells' delivery states.
@ApiTags('alerts')
@Controller('api/v1/alerts')
export class AlertDetailController {
  constructor(
    private readonly store: SqlAlertStore,
    private readonly timelines: SqlAlertTimeline,
    private readonly cells: SqlAlertCellStates,
  ) {}

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
