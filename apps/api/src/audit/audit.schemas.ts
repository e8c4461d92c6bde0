import { z } from 'zod';

export const auditListQuery = z
  .object({
    subjectId: z.string().min(1).max(200).optional(),
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
