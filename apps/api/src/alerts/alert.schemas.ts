import { z } from 'zod';
import { ALERT_STATES, HAZARDS, incidentFieldsSchema, REJECTION_REASON_MAX } from '@faro/alerts';
import { satelliteReachSchema } from './coverage.schemas';

// The alert routes' request schemas: each validates the request and documents it (OpenAPI).

// 'IT', 'IT-R19', 'IT-P087' (libs/jurisdictions).
const JURISDICTION_ID = /^IT(-[RP][0-9]{2,3})?$/;

export const alertListQuery = z
  .object({
    state: z.enum(ALERT_STATES).optional(),
    hazard: z.enum(HAZARDS).optional(),
    status: z.enum(['Actual', 'Exercise', 'Test']).optional(),
    severity: z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']).optional(),
    urgency: z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']).optional(),
    certainty: z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']).optional(),
    msgType: z.enum(['Alert', 'Update', 'Cancel']).optional(),
    from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Created at or after (RFC 3339)' }),
    to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Created before (RFC 3339)' }),
    territory: z.string().regex(JURISDICTION_ID).optional().meta({ description: 'Of this jurisdiction or one within it (and within yours)' }),
    jurisdiction: z.string().regex(JURISDICTION_ID).optional().meta({ description: 'Of exactly this jurisdiction (and within yours)' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

// What an edit may carry: the content, never the status, the state or the drafter.
export const alertEditBody = incidentFieldsSchema.pick({ languages: true, areas: true, severity: true, urgency: true, certainty: true, expires: true }).partial().strict();

// A rejection says why: the drafter reads it in the audit trail.
export const alertRejectBody = z.object({ reason: z.string().min(1).max(REJECTION_REASON_MAX) }).strict();

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
    routes: z.record(
      z.string(),
      z.object({
        kind: z.enum(['terrestrial', 'satellite']),
        gatewayId: z.string(),
        cells: z.number().int(),
        overshootKm2: z.number().optional().meta({ description: "This route's cells' cover beyond the requested area" }),
        networkCells: z.number().int().optional().meta({ description: 'A terrestrial route whose CBC takes no cell list: all the cells it broadcasts to. It is used only when `cells` is all of them' }),
      }),
    ),
    requestedAreaKm2: z.number(),
    coveredAreaKm2: z.number(),
    overshootKm2: z.number(),
    uncoveredKm2: z.number(),
    geofencedOvershootKm2: z.number().optional().meta({ description: 'Beyond the requested area where a phone applying the Warning Area Coordinates still alerts' }),
    coverageFactor: z.number().optional().meta({ description: 'coveredAreaKm2 / requestedAreaKm2' }),
    overshootWarnFactor: z.number().optional().meta({ description: 'The coverage factor above which the draft is warned (OVERSHOOT_WARN_FACTOR)' }),
    areas: z
      .array(z.object({ reachesCells: z.boolean(), requestedKm2: z.number(), uncoveredKm2: z.number(), pointer: z.string().optional() }))
      .optional()
      .meta({ description: 'Per area, in order: whether a cell reaches it and what of it no cell covers' }),
    warnings: z
      .array(z.object({ code: z.enum(['targeting/area-partly-uncovered', 'targeting/overshoot', 'targeting/terrestrial-network-wide']), message: z.string(), pointer: z.string().optional() }))
      .optional()
      .meta({ description: 'What the drafter should look at before release; nothing stops the alert' }),
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
    firstOnAirAt: z.iso.datetime().nullable(),
    completedAt: z.iso.datetime().nullable(),
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
    areas: z.array(z.object({ description: z.string(), spec: areaSpec, pointer: z.string().optional().meta({ description: 'Where the area was given (JSON pointer or CAP element path)' }) })),
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
    satellite: satelliteReachSchema.nullable().optional().meta({ description: 'GET /api/v1/alerts/{id} only: the satellite cells the broadcast plan stored at release does not serve before expiry; null before the plan is made (GET /api/v1/alerts/{id}/satellite-reach assesses it then)' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable(),
    activeAt: z.iso.datetime().nullable().meta({ description: 'First transmission to a cell (with the delivery view; null in lists)' }),
    completedAt: z.iso.datetime().nullable().meta({ description: 'Last transmission, once no batch is pending (with the delivery view; null in lists)' }),
    links: z.object({ self: z.string(), preview: z.string(), broadcasts: z.string(), kills: z.string().optional().meta({ description: "A Cancel's kills" }) }),
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
      totalPages: z.number().int().meta({ description: "Pages on the alert's identifier: a group message's with its FS1 page; a public alert's text pages alone (its signature is its companion's one page)" }),
    }),
  ),
  targeting: targetingSummarySchema.nullable(),
  satellite: satelliteReachSchema.nullable(),
});

export const alertBroadcastsSchema = z.object({
  alertId: z.uuid(),
  broadcasts: z.array(
    z.object({
      messageId: z.string(),
      kind: z.enum(['alert', 'companion']).meta({ description: "'companion': the FS2 signature companion of the alert message on signsMessageIdentifier (docs/broadcast-format.md), aired in the same submissions" }),
      signsMessageIdentifier: z.number().int().nullable(),
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

const killOutcome = z.enum(['killed', 'withdrawn', 'on-air', 'queued']);
const killCounts = z.record(killOutcome, z.number().int());

export const alertKillsSchema = z
  .object({
    alertId: z.uuid(),
    target: z.uuid().nullable(),
    state: z.string(),
    counts: killCounts,
    routes: z.array(
      z.object({
        routeId: z.string(),
        gatewayId: z.string(),
        killBatches: z.object({ pending: z.number().int(), done: z.number().int(), failed: z.number().int(), errors: z.array(z.string()) }),
        counts: killCounts,
        transmissions: z.array(z.object({ messageIdentifier: z.number().int(), serialNumber: z.number().int(), cells: z.number().int(), at: z.string() })),
        cells: z.array(
          z.object({
            cellId: z.string(),
            messageIdentifier: z.number().int(),
            serialNumber: z.number().int(),
            outcome: killOutcome,
            reason: z.string().nullable(),
            at: z.string(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'KillRecord', description: "What a Cancel did per route and cell: killed on air, withdrawn before transmission, still on air or queued" });
