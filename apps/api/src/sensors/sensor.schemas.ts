import { z } from 'zod';
import { HAZARDS, incidentFieldsSchema } from '@faro/alerts';

// The sensors area's response schemas (sensor-view.ts and the routes' answers).

export const sensorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    jurisdictionId: z.string(),
    releasePolicy: z.enum(['auto', 'approve', 'record']),
    autoRelease: z.object({ minMagnitude: z.number().optional(), hazards: z.array(z.enum(HAZARDS)).optional() }),
    rateLimitPerMinute: z.number().int(),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    secrets: z.array(z.object({ id: z.string(), createdAt: z.iso.datetime(), validUntil: z.iso.datetime().nullable() })).optional().meta({ description: "The secrets' validity, never the secrets (GET /api/v1/sensors/{id})" }),
  })
  .meta({ id: 'Sensor' });

const signing = z.string().meta({ description: 'How to sign a webhook request with the secret' });

export const sensorCreatedSchema = sensorSchema.extend({ secretId: z.string(), secret: z.string().meta({ description: 'Shown this once' }), signing });

export const sensorListSchema = z.object({ items: z.array(sensorSchema) });

export const secretRotatedSchema = z.object({ id: z.uuid(), secretId: z.string(), secret: z.string().meta({ description: 'Shown this once' }), previousValidUntil: z.iso.datetime(), signing });

export const sensorIncidentSchema = z.object({
  incidentId: z.uuid(),
  alertId: z.uuid().nullable(),
  state: z.string().nullable().meta({ description: "The alert's state, null when the policy only records" }),
  policy: z.enum(['auto', 'approve', 'record']),
  released: z.boolean(),
  duplicate: z.boolean(),
  reason: z.string().optional().meta({ description: 'Why an auto-release policy did not release' }),
});

// A sensor's JSON incident: an incident (parseIncidentJson's schema) with an optional magnitude
// (splitSensorJson takes it off before the incident is validated).
export const sensorIncidentJsonSchema = z.object({
  ...incidentFieldsSchema.shape,
  magnitude: z.number().min(-2).max(10).nullable().optional().meta({ description: 'Checked against the sensor’s auto-release minimum magnitude' }),
});
