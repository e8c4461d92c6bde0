import { z } from 'zod';
import { FAILURE_CAUSES } from '@faro/reports';

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;

export const alertReportQuery = z.object({ format: z.enum(REPORT_FORMATS).default('json') }).strict();

export const periodReportQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).meta({ description: 'Start of the period, inclusive (RFC 3339)' }),
    to: z.iso.datetime({ offset: true }).meta({ description: 'End of the period, exclusive (RFC 3339); at most 367 days after from' }),
    format: z.enum(REPORT_FORMATS).default('json'),
  })
  .strict();

const chainHead = z.object({ seq: z.number().int(), hash: z.string() }).nullable().meta({ description: 'The audit chain head the report was built from' });
const audit = z.array(z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), actorName: z.string().nullable(), action: z.string(), subjectType: z.string(), subjectId: z.string(), details: z.unknown(), hash: z.string() }));
const progress = z.object({
  targeted: z.number().int(),
  onAir: z.number().int(),
  firstOnAirAt: z.string().nullable(),
  reached: z.object({ p50: z.string().nullable(), p95: z.string().nullable(), p100: z.string().nullable() }),
  curve: z.array(z.object({ at: z.string(), cells: z.number().int() })),
});
const stats = { count: z.number().int(), medianMs: z.number().nullable(), p95Ms: z.number().nullable(), notReached: z.number().int() };

export const alertReportSchema = z.object({
  kind: z.literal('alert'),
  generatedFrom: z.object({ chainHead }),
  alert: z.record(z.string(), z.unknown()),
  timeline: z.array(z.object({ event: z.string(), at: z.string().nullable(), by: z.string().optional(), route: z.string().optional(), detail: z.string().optional() })),
  routes: z.array(
    z.object({
      routeId: z.string(),
      gatewayIds: z.array(z.string()),
      targeted: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
      neverReached: z.number().int(),
      reasons: z.array(z.object({ outcome: z.string(), reason: z.string(), cells: z.number().int() })),
      progress,
    }),
  ),
  totals: z.object({ targeted: z.number().int(), delivered: z.number().int(), failed: z.number().int(), neverReached: z.number().int(), progress }),
  area: z.object({ requestedKm2: z.number(), coveredKm2: z.number(), overshootKm2: z.number(), uncoveredKm2: z.number() }).nullable(),
  residentPopulation: z.number().nullable(),
  languages: z.array(z.object({ language: z.string(), headline: z.string().nullable(), text: z.string(), alphabet: z.string(), characters: z.number().int(), pages: z.number().int(), signingKey: z.string() })),
  chain: z.array(z.object({ id: z.string(), msgType: z.string(), state: z.string(), createdAt: z.string(), releasedAt: z.string().nullable(), isThis: z.boolean() })),
  audit,
  verification: z.object({ intact: z.boolean(), entries: z.number().int(), headHash: z.string(), firstBad: z.object({ seq: z.number().int(), reason: z.string() }).optional() }),
  map: z.unknown().meta({ description: 'Requested areas, jurisdiction outline and each cell’s coverage with its outcome (GeoJSON polygon coordinates)' }),
});

const causeCount = z.object({
  cause: z.enum(FAILURE_CAUSES),
  cells: z.number().int(),
  alerts: z.number().int(),
  reasons: z.array(z.object({ reason: z.string(), cells: z.number().int(), alerts: z.number().int() })).meta({ description: 'The stored reasons this cause groups' }),
});

export const periodReportSchema = z.object({
  kind: z.literal('period'),
  generatedFrom: z.object({ chainHead }),
  period: z.object({ from: z.string(), to: z.string() }),
  territory: z.string(),
  alerts: z.array(z.record(z.string(), z.unknown())),
  counts: z.array(z.object({ statusClass: z.string(), alerts: z.number().int(), updates: z.number().int(), cancels: z.number().int() })),
  releaseTo95ByHazard: z.array(z.object({ statusClass: z.string(), hazard: z.string(), ...stats })),
  releaseTo95ByRoute: z.array(z.object({ statusClass: z.string(), routeId: z.string(), ...stats })),
  failuresByCause: z.array(causeCount).meta({ description: 'Failed cells by cause' }),
  neverReachedByCause: z.array(causeCount).meta({ description: 'Cells never reached (still queued, or killed before transmission) by cause' }),
  refusedActions: audit,
  sensors: z.array(z.object({ sensorId: z.string(), name: z.string(), jurisdictionId: z.string(), incidents: z.number().int() })),
  rejectedWebhooks: audit,
  keyRotations: audit,
});

export const periodJobBody = z
  .object({
    from: z.iso.datetime({ offset: true }).meta({ description: 'Start of the period, inclusive (RFC 3339)' }),
    to: z.iso.datetime({ offset: true }).meta({ description: 'End of the period, exclusive (RFC 3339); at most 367 days after from' }),
    format: z.enum(REPORT_FORMATS).default('pdf'),
  })
  .strict();

export const reportJobSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().meta({ description: 'From 0 to 1' }),
  period: z.object({ from: z.string(), to: z.string() }),
  jurisdictionId: z.string(),
  format: z.enum(REPORT_FORMATS),
  error: z.string().nullable(),
  chainHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  links: z.object({ self: z.string(), file: z.string() }),
});

export const statisticsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).meta({ description: 'Start of the period, inclusive (RFC 3339)' }),
    to: z.iso.datetime({ offset: true }).meta({ description: 'End of the period, exclusive (RFC 3339); at most 367 days after from' }),
    territory: z.string().regex(/^IT(-[RP][0-9]{2,3})?$/).optional().meta({ description: 'A jurisdiction within yours (IT, IT-R19, IT-P087); yours when absent' }),
  })
  .strict();

const figure = z.object({
  key: z.string(),
  label: z.string().optional().meta({ description: 'The territory’s name' }),
  count: z.number().int(),
  query: z.string().meta({ description: 'The query of GET /api/v1/alerts that lists exactly these alerts' }),
});

export const statisticsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  territory: z.object({ id: z.string(), name: z.string() }),
  bucket: z.enum(['day', 'week', 'month']).meta({ description: 'UTC days, ISO weeks (from Monday) or months; clipped to the period' }),
  total: z.number().int(),
  query: z.string(),
  by: z.object({ hazard: z.array(figure), status: z.array(figure), severity: z.array(figure), urgency: z.array(figure), certainty: z.array(figure), msgType: z.array(figure), territory: z.array(figure) }),
  overTime: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int(), byStatus: z.record(z.string(), z.number().int()), query: z.string() })),
});
