import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertError, savedAreaShapes } from '@faro/alerts';
import type { Principal } from '@faro/identity';
import { SqlSavedAreas, type SavedAreaShape } from '@faro/persistence';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { HttpEdgeError } from '../http/http-error';
import { ApiJson, ApiNoContent, ApiProblems } from '../openapi/api-docs.decorators';
import { savedAreaBody, savedAreaListSchema, savedAreaSchema } from './saved-area.schemas';

// Each operator's saved areas (issue 10): kept per user, seen and deleted by their owner only.
// Nothing here changes an alert; the territory is checked when an area is used in a draft.
@ApiTags('saved-areas')
@Controller('api/v1/saved-areas')
@Roles('operator')
export class SavedAreasController {
  constructor(private readonly saved: SqlSavedAreas) {}

  @Get()
  @ApiOperation({ summary: 'Your saved areas, newest first' })
  @ApiJson(200, savedAreaListSchema)
  async list(@CurrentPrincipal() p: Principal) {
    return { items: await this.saved.listFor(p.id) };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Save an area (drawn, picked, or uploaded as GeoJSON), simplified to what a broadcast carries' })
  @ApiJson(201, savedAreaSchema)
  @ApiProblems(422)
  async create(@Body({ schema: savedAreaBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    const parsed = savedAreaBody.safeParse(body ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const at = '/' + (i.code === 'unrecognized_keys' ? i.keys[0] : i.path.map(String).join('/'));
      throw new AlertError('alert/invalid-incident', `${at}: ${i.message}`, at);
    }
    const areas = savedAreaShapes({ areas: parsed.data.areas, geojson: parsed.data.geojson });
    return this.saved.save(p.id, parsed.data.name, areas as SavedAreaShape[]);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of your saved areas' })
  @ApiNoContent('Deleted')
  @ApiProblems(404)
  async remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    if (!(await this.saved.remove(p.id, id))) throw new HttpEdgeError('http/not-found', `You have no saved area ${id}`);
  }
}
