import { z } from 'zod';
import { alertPreviewSchema, targetingSummarySchema } from '../alerts/alert.schemas';
import { satelliteReachSchema } from '../alerts/coverage.schemas';

// The alert preview's answer for a draft not yet stored: no alert id, and the targeting always known.
export const draftPreviewSchema = z
  .object({
    messages: alertPreviewSchema.shape.messages,
    targeting: targetingSummarySchema,
    satellite: satelliteReachSchema.optional(),
  })
  .meta({ id: 'DraftPreview', description: 'What submitting this incident would target and put on air, computed without storing anything' });
