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
