import { z } from 'zod';

export const auditListQuery = z
  .object({
    subjectId: z.string().min(1).max(200).optional(),
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const auditEntriesSchema = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.string().meta({ description: "'user:<id>', 'sensor:<id>' or 'system'" }),
      action: z.string(),
      subjectType: z.string(),
      subjectId: z.string(),
      details: z.unknown(),
      prevHash: z.string(),
      hash: z.string(),
    }),
  ),
  actors: z
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
    .meta({ description: 'Name, roles and territory of each user or sensor acting in this page, by actor reference' }),
  next: z.number().int().nullable().meta({ description: 'Pass as after= for the next page; null at the end' }),
});

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
