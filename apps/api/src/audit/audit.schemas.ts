import { z } from 'zod';

const instant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 with a zone, e.g. 2026-12-06T10:00:00+01:00' });

export const auditListQuery = z
  .object({
    subjectId: z.string().min(1).max(200).optional().meta({ description: 'Entries about this subject only, e.g. an alert id' }),
    subjectType: z.enum(['alert', 'incident', 'user', 'api-token', 'sensor', 'handset', 'group', 'key', 'gateway']).optional(),
    actor: z.string().regex(/^((user|sensor|system):[A-Za-z0-9._-]{1,100}|anonymous)$/, "'user:<id>', 'sensor:<id>', 'system:<name>' or 'anonymous'").optional(),
    action: z.string().regex(/^[a-z][a-z_.-]{1,80}$/, 'an action name such as alert.approved').optional(),
    refused: z.enum(['true', 'false']).optional().meta({ description: 'true: refused actions only (auth.refused, auth.login-refused, sensor.webhook-refused)' }),
    from: instant.optional().meta({ description: 'Entries at or after this instant' }),
    to: instant.optional().meta({ description: 'Entries before this instant' }),
    order: z.enum(['asc', 'desc']).default('asc').meta({ description: 'asc: chain order; desc: newest first' }),
    after: z.coerce.number().int().min(0).optional().meta({ description: "The previous page's next (a seq): entries after it in the chosen order" }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'must be later than from' });

export const auditSeqParam = z.string().regex(/^[1-9][0-9]{0,14}$/, 'a sequence number');

const auditEntrySchema = z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.string().meta({ description: "'user:<id>', 'sensor:<id>' or 'system'" }),
      action: z.string(),
      subjectType: z.string(),
      subjectId: z.string(),
      details: z.unknown(),
      prevHash: z.string(),
      hash: z.string(),
    });

const actorsSchema = z
    .record(
      z.string(),
      z.object({
        ref: z.string(),
        kind: z.string(),
        name: z.string(),
        roles: z.array(z.string()),
        jurisdictionId: z.string().nullable(),
      }),
    )
    .meta({ description: 'Name, roles and territory of each user or sensor acting in this page, by actor reference' });

export const auditEntriesSchema = z.object({
  items: z.array(auditEntrySchema),
  actors: actorsSchema,
  next: z.number().int().nullable().meta({ description: 'Pass as after= for the next page; null at the end' }),
});

export const auditEntryEnvelopeSchema = z.object({ item: auditEntrySchema, actors: actorsSchema });

export const auditVerificationSchema = z.object({
  intact: z.boolean(),
  entries: z.number().int().meta({ description: 'Entries that chain correctly (all of them when intact)' }),
  headHash: z.string(),
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
  checkpoints: z.object({
    verified: z.number().int(),
    latest: z.object({ id: z.number().int(), seq: z.number().int(), headHash: z.string(), keyId: z.string().meta({ description: 'The signing key id as the JWKS kid: 8 hex digits' }), signature: z.string(), createdAt: z.string() }).nullable(),
  }),
});
