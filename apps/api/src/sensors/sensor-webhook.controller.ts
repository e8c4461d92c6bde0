import { Controller, Headers, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdmitWebhook, ReportSensorIncident, SensorError, sensorJsonDedupeKeys, SIGNATURE_HEADER, splitSensorJson, TIMESTAMP_HEADER } from '@faro/sensors';
import { Public } from '../auth/public.decorator';
import { ChecksBodyAfterOwnAuth, throwDeferredBodyError } from '../http/deferred-body-error';
import { HttpEdgeError } from '../http/http-error';
import { INCIDENT_XML_TYPES, IncidentIngest } from '../incidents/incident-ingest';
import { ApiJson, ApiProblems, ApiRequestContent, CAP_XML_SCHEMA } from '../openapi/api-docs.decorators';
import { zodToOpenApi } from '../openapi/openapi-document';
import { sensorIncidentJsonSchema, sensorIncidentSchema } from './sensor.schemas';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

// Set by the body parsers (apps/api/src/main.ts: rawBody): the bytes as received.
type RawRequest = FastifyRequest & { rawBody?: Buffer };

// A sensor reports an incident. It authenticates by the HMAC of the raw body, not by a
// session or token (hence @Public); the policy set for the sensor decides what follows.
@ApiTags('sensors')
@Controller('api/v1/sensors')
export class SensorWebhookController {
  private readonly log = new Logger('SensorWebhook');

  constructor(
    private readonly admit: AdmitWebhook,
    private readonly reportIncident: ReportSensorIncident,
    private readonly ingest: IncidentIngest,
  ) {}

  @Post(':sensorId/incidents')
  @Public()
  @ChecksBodyAfterOwnAuth()
  @HttpCode(201)
  @ApiOperation({
    summary: "A sensor's incident, JSON (with an optional magnitude) or CAP 1.2, signed with the sensor's secret",
    description:
      'X-Faro-Timestamp: Unix seconds, at most 300 s from the server clock. X-Faro-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>. ' +
      'Idempotency-Key (optional): the same key yields the same incident and never a second alert; so does the same CAP sender, identifier and sent, ' +
      'and for JSON without the header the same `identifier` (the sensor\'s event id) or, without one, the same body within 10 minutes. See docs/sensor-webhooks.md.',
  })
  @ApiRequestContent({
    'application/json': { schema: zodToOpenApi(sensorIncidentJsonSchema, { schemaType: 'input' })!.schema },
    ...Object.fromEntries(INCIDENT_XML_TYPES.map((t) => [t, { schema: CAP_XML_SCHEMA }])),
  })
  @ApiHeader({ name: TIMESTAMP_HEADER, required: true, description: 'Unix seconds, at most 300 s from the server clock', schema: { type: 'string', pattern: '^[0-9]{1,12}$' } })
  @ApiHeader({ name: SIGNATURE_HEADER, required: true, description: 'sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>', schema: { type: 'string' } })
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'Optional: the same key yields the same incident and never a second alert', schema: { type: 'string', maxLength: 200 } })
  @ApiJson(201, sensorIncidentSchema, 'Reported: the incident and what the sensor’s policy did with it')
  @ApiJson(200, sensorIncidentSchema, 'Seen before: the same incident, no second alert')
  @ApiProblems(401, 403, 404, 409, 422, 429)
  async report(
    @Param('sensorId') sensorId: string,
    @Req() req: RawRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const format = this.ingest.format(req.headers['content-type']);
    if (!req.rawBody) throw new HttpEdgeError('http/bad-request', 'The request has no body');
    const { sensor, principal } = await this.admitted(sensorId, req, reply);
    throwDeferredBodyError(req);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new HttpEdgeError('http/bad-request', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
    }

    const now = new Date();
    // The signed bytes are what is read: a JSON incident's magnitude travels beside it.
    const split = format === 'json' ? splitSensorJson(req.body) : null;
    const read = await this.ingest.read(format, { json: split?.incident, bytes: req.rawBody }, now, `faro-sensor:${sensor.id}`, { magnitude: true });
    let dedupeKey = idempotencyKey ? `idempotency:sensor:${sensor.id}:${idempotencyKey}` : read.capIdentity ? `cap:${read.capIdentity}` : null;
    let earlierDedupeKeys: string[] = [];
    // A JSON retry re-signed with a fresh timestamp is the same incident (docs/sensor-webhooks.md).
    if (!dedupeKey) ({ key: dedupeKey, earlier: earlierDedupeKeys } = sensorJsonDedupeKeys(sensor.id, req.body, now));
    const r = await this.reportIncident.run({
      sensor,
      principal,
      draft: read.draft,
      format,
      raw: read.raw,
      payload: format === 'json' ? req.body : null,
      dedupeKey,
      earlierDedupeKeys,
      magnitude: split ? split.magnitude : read.magnitude,
    });
    this.log.log({ sensorId: sensor.id, incidentId: r.incident.id, alertId: r.alert?.id ?? null, policy: r.policy, released: r.released, duplicate: r.duplicate, reason: r.reason }, 'sensor incident');
    if (r.duplicate) reply.status(200);
    reply.header('location', `/api/v1/incidents/${r.incident.id}`);
    return {
      incidentId: r.incident.id,
      alertId: r.alert?.id ?? null,
      state: r.alert?.state ?? null,
      policy: r.policy,
      released: r.released,
      duplicate: r.duplicate,
      ...(r.reason ? { reason: r.reason } : {}),
    };
  }

  private async admitted(sensorId: string, req: RawRequest, reply: FastifyReply) {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
    try {
      return await this.admit.run({ sensorId, headers: { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER) }, body: req.rawBody! });
    } catch (e) {
      if (e instanceof SensorError) {
        // The refusal, never the signature.
        this.log.warn({ sensorId, code: e.code, reason: e.message }, 'sensor webhook refused');
        // RFC 9110 §10.2.3 / RFC 6585 §4: when to try again.
        if (e.retryAfterSeconds !== undefined) reply.header('retry-after', String(e.retryAfterSeconds));
      }
      throw e;
    }
  }
}
