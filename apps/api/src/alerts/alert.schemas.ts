import { z } from 'zod';
import { ALERT_STATES, HAZARDS, incidentFieldsSchema } from '@faro/alerts';

// The alert routes' request schemas: each validates the request and documents it (OpenAPI).

export const alertListQuery = z
  .object({
    state: z.enum(ALERT_STATES).optional(),
    hazard: z.enum(HAZARDS).optional(),
    status: z.enum(['Actual', 'Exercise', 'Test']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

// What an edit may carry: the content, never the status, the state or the drafter.
export const alertEditBody = incidentFieldsSchema.pick({ languages: true, areas: true, severity: true, urgency: true, certainty: true, expires: true }).partial().strict();

// The alert routes' response schemas: what alert-view.ts and the routes answer. A field added
// to a view is added here too (test/openapi.int-spec.ts checks live answers against them).

const lonLat = z.tuple([z.number(), z.number()]).meta({ description: '[longitude, latitude], WGS 84' });

const areaSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('polygon'), ring: z.array(lonLat) }),
  z.object({ kind: z.literal('circle'), center: lonLat, radiusKm: z.number() }),
  z.object({ kind: z.literal('geocode'), scheme: z.enum(['ISTAT_REGION', 'ISTAT_PROVINCE', 'ISTAT_MUNICIPALITY', 'DPC_ALERT_ZONE']), code: z.string() }),
]);

export const targetingSummarySchema = z
  .object({
    counts: z.object({ terrestrial: z.number().int(), satellite: z.number().int(), total: z.number().int() }),
    routes: z.record(z.string(), z.object({ kind: z.enum(['terrestrial', 'satellite']), gatewayId: z.string(), cells: z.number().int() })),
    requestedAreaKm2: z.number(),
    coveredAreaKm2: z.number(),
    overshootKm2: z.number(),
    uncoveredKm2: z.number(),
    residentPopulation: z.number(),
    method: z.string(),
    computedAt: z.string(),
  })
  .meta({ id: 'TargetingSummary', description: 'What targeting found for the areas: cells per route, areas, population' });

const deliveryProgressSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    byRoute: z.record(z.string(), z.record(z.string(), z.number().int())),
    failedBatches: z.array(z.object({ routeId: z.string(), batch: z.number().int(), attempts: z.number().int(), error: z.string().nullable() })),
    batches: z.object({ pending: z.number().int(), done: z.number().int(), failed: z.number().int() }),
    fanoutErrors: z.array(z.string()),
  })
  .meta({ id: 'DeliveryProgress', description: 'Deliveries per status and route (GET /api/v1/alerts/{id} only)' });

const languageSchema = z.object({ language: z.string(), headline: z.string().optional(), text: z.string() });

export const alertSchema = z
  .object({
    id: z.uuid(),
    incidentId: z.uuid(),
    state: z.enum(ALERT_STATES),
    msgType: z.enum(['Alert', 'Update', 'Cancel']),
    status: z.enum(['Actual', 'Exercise', 'Test']),
    hazard: z.enum(HAZARDS),
    severity: incidentFieldsSchema.shape.severity,
    urgency: incidentFieldsSchema.shape.urgency,
    certainty: incidentFieldsSchema.shape.certainty,
    level1: z.boolean(),
    sender: z.string(),
    identifier: z.string(),
    sent: z.iso.datetime(),
    expires: z.iso.datetime(),
    references: z.uuid().nullable(),
    audience: z.string().meta({ description: "'public', or the restricted-audience group whose members alone can read it" }),
    languages: z.array(languageSchema),
    areas: z.array(z.object({ description: z.string(), spec: areaSpec })),
    cellBroadcast: z.object({
      messageIdentifier: z.number().int(),
      additionalLanguageMessageIdentifier: z.number().int(),
      serialNumber: z.number().int(),
      serialNumberHex: z.string(),
      geographicalScope: z.number().int().min(0).max(3),
      messageCode: z.number().int(),
      updateNumber: z.number().int(),
    }),
    targeting: targetingSummarySchema.nullable(),
    delivery: deliveryProgressSchema.optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable(),
    links: z.object({ self: z.string(), preview: z.string(), broadcasts: z.string() }),
  })
  .meta({ id: 'Alert', description: 'An alert: lifecycle state, content, cell broadcast identity, targeting' });

export const alertListSchema = z.object({ items: z.array(alertSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const alertPreviewSchema = z.object({
  alertId: z.uuid(),
  messages: z.array(
    z.object({
      language: z.string(),
      messageIdentifier: z.number().int(),
      dcs: z.number().int(),
      alphabet: z.enum(['gsm7', 'ucs2', 'data']),
      characters: z.number().int(),
      units: z.number().int().meta({ description: 'Septets (GSM 7-bit), UCS-2 code units, or for a group message its sealed stream octets' }),
      textPages: z.number().int(),
      totalPages: z.number().int().meta({ description: 'With the signature page' }),
    }),
  ),
  targeting: targetingSummarySchema.nullable(),
});

export const alertBroadcastsSchema = z.object({
  alertId: z.uuid(),
  broadcasts: z.array(
    z.object({
      messageId: z.string(),
      language: z.string(),
      routeId: z.string(),
      gatewayId: z.string(),
      messageIdentifier: z.number().int(),
      serialNumber: z.number().int(),
      dataCodingScheme: z.number().int(),
      pages: z.array(z.string()),
      pagesOnAir: z.array(z.string()).nullable(),
      audience: z.string(),
      groupKeyId: z.number().int().nullable(),
      keyId: z.string(),
      issueTime: z.number().int(),
      signature: z.string(),
      warningAreaCoordinates: z.string(),
      status: z.string(),
      cells: z.number().int(),
      submissions: z.number().int(),
      firstTransmittedAt: z.string(),
      lastTransmittedAt: z.string(),
    }),
  ),
});

// An Update's body: an incident whose msgType and references the route sets (it is then
// validated whole by parseIncidentJson).
export const alertUpdateBody = incidentFieldsSchema.omit({ msgType: true, references: true });
