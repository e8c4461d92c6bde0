import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AREA_LIMITS, assertAreaLimits, assertCountWithin, MAX_CIRCLE_RADIUS_KM } from '@faro/targeting';
import { AlertError } from './alert-error';
import { HAZARDS } from './hazards';
import type { IncidentDraft } from './incident-draft';
import { aMsgType } from './msg-type-phrase';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const position = z.tuple([lon, lat]);

const area = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('polygon'),
    description: z.string().max(500).optional(),
    coordinates: z.array(position).min(4, 'a polygon needs at least 4 positions (closed ring)'),
  }),
  z.object({
    type: z.literal('circle'),
    description: z.string().max(500).optional(),
    center: position,
    // The one radius rule of JSON and CAP (libs/targeting area-spec.ts): 0 is a point, targeted
    // as a circle of MIN_CIRCLE_RADIUS_KM.
    radiusKm: z.number().min(0).max(MAX_CIRCLE_RADIUS_KM),
  }),
  z.object({
    type: z.literal('geocode'),
    description: z.string().max(500).optional(),
    scheme: z.enum(['ISTAT_REGION', 'ISTAT_PROVINCE', 'ISTAT_MUNICIPALITY', 'DPC_ALERT_ZONE']),
    code: z.string().min(1).max(20),
  }),
]);

const bcp47 = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as it-IT');

// The fields, without the cross-field rules, so that an edit can pick from them.
export const incidentFieldsSchema = z
  .object({
    msgType: z.enum(['Alert', 'Update', 'Cancel']).default('Alert'),
    references: z.string().uuid().optional(),
    audience: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be "public" or a group id').optional(),
    hazard: z.enum(HAZARDS),
    description: z.string().max(4000).optional(),
    location: z.object({ lon, lat, name: z.string().max(200).optional() }).optional(),
    areas: z.array(area).min(1, 'at least one area is required').max(AREA_LIMITS.areasPerAlert),
    severity: z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']),
    urgency: z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']),
    certainty: z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']),
    status: z.enum(['Actual', 'Exercise', 'Test']),
    level1: z.boolean().default(false),
    languages: z
      .array(z.object({ language: bcp47, headline: z.string().max(160).optional(), text: z.string().min(1).max(2000) }))
      .min(1, 'at least one language is required')
      .max(8),
    expires: z.string().datetime({ offset: true }),
    sender: z.string().min(1).max(200).optional(),
    identifier: z.string().min(1).max(200).regex(/^[^\s,<&]+$/, 'must not contain spaces, commas, < or &').optional(),
  })
  .strict();

export const incidentJsonSchema = incidentFieldsSchema.superRefine((v, ctx) => {
    if (v.msgType !== 'Alert' && !v.references) {
      ctx.addIssue({ code: 'custom', path: ['references'], message: `${aMsgType(v.msgType)} must name the alert it references` });
    }
    const seen = new Set<string>();
    v.languages.forEach((l, i) => {
      const key = l.language.slice(0, 2).toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['languages', i, 'language'], message: `language ${key} appears twice` });
      seen.add(key);
    });
  });

export type IncidentJson = z.input<typeof incidentJsonSchema>;

// JSON pointer (RFC 6901) of a zod issue path, so a problem names the field at fault.
function pointer(path: ReadonlyArray<PropertyKey>): string {
  return '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function parseIncidentJson(body: unknown, now: Date, defaultSender: string): IncidentDraft {
  assertJsonAreaLimits(body);
  const parsed = incidentJsonSchema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = pointer(first.path);
    throw new AlertError('alert/invalid-incident', `${at === '/' ? 'body' : at}: ${first.message}`, at);
  }
  const v = parsed.data;
  const expires = new Date(v.expires);
  if (expires.getTime() <= now.getTime()) {
    throw new AlertError('alert/invalid-incident', '/expires: must be in the future', '/expires');
  }
  return {
    msgType: v.msgType,
    references: v.references ? { alertId: v.references } : undefined,
    audience: v.audience,
    hazard: v.hazard,
    description: v.description,
    location: v.location,
    areas: v.areas.map((a, i) => {
      const description = a.description ?? `area ${i + 1}`;
      const pointer = `/areas/${i}`;
      switch (a.type) {
        case 'polygon':
          return { description, spec: { kind: 'polygon' as const, ring: a.coordinates }, pointer };
        case 'circle':
          return { description, spec: { kind: 'circle' as const, center: a.center, radiusKm: a.radiusKm }, pointer };
        case 'geocode':
          return { description, spec: { kind: 'geocode' as const, scheme: a.scheme, code: a.code }, pointer };
      }
    }),
    severity: v.severity,
    urgency: v.urgency,
    certainty: v.certainty,
    status: v.status,
    level1: v.level1,
    languages: v.languages,
    expires,
    sender: v.sender ?? defaultSender,
    identifier: v.identifier ?? `faro-${randomUUID()}`,
    sent: now,
  };
}

// AREA_LIMITS, checked on the raw body before the schema walks every position, so the pointer
// names the polygon's coordinates (/areas/3/coordinates) or the area beyond the count.
function assertJsonAreaLimits(body: unknown): void {
  const areas = (body as { areas?: unknown } | null)?.areas;
  if (!Array.isArray(areas)) return;
  assertCountWithin(areas.length, AREA_LIMITS.areasPerAlert, (i) => `/areas/${i}`, 'areas in an alert');
  assertAreaLimits(
    areas.map((a: unknown, i) => {
      const coordinates = (a as { coordinates?: unknown } | null)?.coordinates;
      return Array.isArray(coordinates) ? { pointer: `/areas/${i}/coordinates`, vertices: coordinates.length } : { pointer: `/areas/${i}`, vertices: 0 };
    }),
  );
}
