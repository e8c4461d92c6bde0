import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateIncident, incidentJsonSchema } from '@faro/alerts';
import { SqlAlertStore } from '@faro/persistence';
import type { Principal } from '@faro/identity';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { HttpEdgeError } from '../http/http-error';
import { alertView } from '../alerts/alert-view';
import { ApiJson, ApiProblems, ApiRequestContent, CAP_XML_SCHEMA } from '../openapi/api-docs.decorators';
import { zodToOpenApi } from '../openapi/openapi-document';
import { IDEMPOTENCY_KEY_DESCRIPTION, incidentCreatedSchema, incidentSchema } from './incident.schemas';
import { INCIDENT_XML_TYPES, IncidentIngest } from './incident-ingest';

@ApiTags('incidents')
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly createIncident: CreateIncident,
    private readonly store: SqlAlertStore,
    private readonly ingest: IncidentIngest,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('operator')
  @ApiOperation({ summary: 'Report an incident as JSON or as an OASIS CAP 1.2 document; it yields an alert draft' })
  // JSON, validated by parseIncidentJson with this very schema, or CAP 1.2 XML.
  @ApiRequestContent({
    'application/json': { schema: zodToOpenApi(incidentJsonSchema, { schemaType: 'input' })!.schema },
    ...Object.fromEntries(INCIDENT_XML_TYPES.map((t) => [t, { schema: CAP_XML_SCHEMA }])),
  })
  @ApiHeader({ name: 'idempotency-key', required: false, description: IDEMPOTENCY_KEY_DESCRIPTION, schema: { type: 'string', maxLength: 200 } })
  @ApiJson(201, incidentCreatedSchema, 'Created: the incident and the alert draft it yielded')
  @ApiJson(200, incidentCreatedSchema, 'Seen before (Idempotency-Key or CAP identity): the same incident, no second alert')
  @ApiProblems(409, 422)
  async create(
    @Req() req: FastifyRequest & { rawBody?: Buffer },
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const format = this.ingest.format(req.headers['content-type']);
    const read = await this.ingest.read(format, { json: req.body, bytes: req.rawBody }, new Date(), 'faro-api');
    // CAP's own identity: the same document posted twice is one incident.
    const dedupeKey = idempotencyKey ? `idempotency:${idempotencyKey}` : read.capIdentity ? `cap:${read.capIdentity}` : null;
    const result = await this.createIncident.run({ draft: read.draft, source: 'api', format, raw: read.raw, payload: format === 'json' ? req.body : null, dedupeKey, principal });
    if (result.duplicate) reply.status(200);
    reply.header('location', `/api/v1/incidents/${result.incident.id}`);
    return {
      id: result.incident.id,
      source: result.incident.source,
      format: result.incident.format,
      hazard: result.incident.hazard,
      receivedAt: result.incident.receivedAt.toISOString(),
      alertId: result.alert.id,
      duplicate: result.duplicate,
      alert: alertView(result.alert),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'An incident as received' })
  @ApiJson(200, incidentSchema)
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const i = await this.store.findVisibleIncident(id, principal.jurisdictionId);
    if (!i) throw new HttpEdgeError('http/not-found', `No incident ${id}`);
    return { id: i.id, source: i.source, format: i.format, hazard: i.hazard, receivedAt: i.receivedAt.toISOString(), alertId: i.alertId, payload: i.payload, raw: i.raw };
  }
}

