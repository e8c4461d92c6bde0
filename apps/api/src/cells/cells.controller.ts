import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SqlCellStore } from '@faro/persistence';
import { HttpEdgeError } from '../http/http-error';
import { parseQuery } from '../http/parse-query';
import { ApiJson } from '../openapi/api-docs.decorators';
import { cellCollectionSchema, cellsQuery } from './cell.schemas';

@ApiTags('cells')
@Controller('api/v1/cells')
export class CellsController {
  constructor(private readonly cells: SqlCellStore) {}

  @Get()
  @ApiOperation({ summary: 'Cells whose coverage box meets a bounding box, as a GeoJSON FeatureCollection' })
  @ApiJson(200, cellCollectionSchema)
  async list(@Query({ schema: cellsQuery }) query: Record<string, string>) {
    const q = parseQuery(cellsQuery, query);
    const b = parseBbox(q.bbox);
    const { cells, truncated } = await this.cells.inBbox(b, q.limit);
    return {
      type: 'FeatureCollection',
      bbox: b,
      truncated,
      features: cells.map((c) => ({
        type: 'Feature',
        id: c.id,
        geometry: c.coverage,
        properties: {
          kind: c.kind,
          operator: c.operator,
          mcc: c.mcc,
          mnc: c.mnc,
          rat: c.rat,
          routeId: c.routeId,
          gatewayId: c.gatewayId,
          site: c.site,
          azimuthDeg: c.azimuthDeg,
          radiusM: c.radiusM,
          municipalityCode: c.municipalityCode,
        },
      })),
    };
  }
}

function parseBbox(bbox: string | undefined): [number, number, number, number] {
  const parts = (bbox ?? '').split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw new HttpEdgeError('http/invalid-query', 'bbox must be minLon,minLat,maxLon,maxLat', '/bbox');
  }
  const [minLon, minLat, maxLon, maxLat] = parts;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90 || minLon > maxLon || minLat > maxLat) {
    throw new HttpEdgeError('http/invalid-query', 'bbox is out of range or inverted', '/bbox');
  }
  if ((maxLon - minLon) * (maxLat - minLat) > 4) {
    throw new HttpEdgeError('http/invalid-query', 'bbox may span at most 4 square degrees', '/bbox');
  }
  return [minLon, minLat, maxLon, maxLat];
}
