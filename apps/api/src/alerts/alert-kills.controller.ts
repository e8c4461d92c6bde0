import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertError, aMsgType } from '@faro/alerts';
import { SqlAlertStore, SqlKillRecord } from '@faro/persistence';
import type { Principal } from '@faro/identity';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { alertKillsSchema } from './alert.schemas';

// What a Cancel killed, per route and cell; beside the alerts controller so it stays its own read.
@ApiTags('alerts')
@Controller('api/v1/alerts')
export class AlertKillsController {
  constructor(
    private readonly store: SqlAlertStore,
    private readonly record: SqlKillRecord,
  ) {}

  @Get(':id/kills')
  @ApiJson(200, alertKillsSchema)
  @ApiProblems(404)
  @ApiOperation({ summary: "A Cancel's kills per route and cell: killed on air, withdrawn before transmission, still on air; the kill batches and what each gateway acknowledged" })
  async kills(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    // Another jurisdiction's alert is not acknowledged to exist.
    const cancel = await this.store.findVisibleAlert(id, principal.jurisdictionId);
    if (!cancel) throw new AlertError('alert/not-found', `No alert ${id}`);
    if (cancel.msgType !== 'Cancel') throw new AlertError('alert/not-a-cancel', `Alert ${id} is ${aMsgType(cancel.msgType)}: only a Cancel has kills`);
    return this.record.forCancel(cancel);
  }
}
