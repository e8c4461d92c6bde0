import { z } from 'zod';
import { HAZARDS } from '@faro/alerts';
import { alertSchema } from '../alerts/alert.schemas';

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional. The same key yields the same incident (200, duplicate: true) and never a second alert; without it, a CAP document is one incident per sender, identifier and sent.';

const incidentFields = {
  id: z.uuid(),
  source: z.string(),
  format: z.enum(['json', 'cap']),
  hazard: z.enum(HAZARDS),
  receivedAt: z.iso.datetime(),
};

export const incidentCreatedSchema = z.object({
  ...incidentFields,
  alertId: z.uuid(),
  duplicate: z.boolean().meta({ description: 'true (status 200) when the Idempotency-Key or the CAP identity was seen before' }),
  alert: alertSchema,
});

export const incidentSchema = z.object({
  ...incidentFields,
  alertId: z.uuid().nullable(),
  payload: z.unknown().meta({ description: 'The JSON incident as received (null for CAP)' }),
  raw: z.string().nullable().meta({ description: 'The CAP document as received (null for JSON)' }),
});
