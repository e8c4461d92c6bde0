import { z } from 'zod';

const actor = z.object({ ref: z.string().meta({ description: "'user:<id>', 'sensor:<id>' or 'system:<part>'" }), name: z.string().nullable() }).nullable();

export const alertTimelineSchema = z.object({
  alertId: z.uuid(),
  deliveries: z.object({
    total: z.number().int().meta({ description: 'Deliveries (message × cell) the fan-out wrote' }),
    transmitted: z.number().int().meta({ description: 'Of those, how many a gateway transmitted (the transmission record)' }),
  }),
  entries: z.array(
    z.object({
      step: z.enum(['drafted', 'submitted', 'rejected', 'edited', 'approved', 'released', 'signed', 'first-on-air', 'delivered', 'active', 'batch-failed', 'updated', 'cancelling', 'cancelled', 'expired', 'killing', 'done']).meta({
        description: "From the audit trail (drafted … done; 'released': the fan-out took it and wrote its deliveries), the signed messages ('signed', with keyIds) and the transmission record ('first-on-air'; 'delivered' at 50, 95 and 100 % of the deliveries)",
      }),
      at: z.string(),
      actor,
      keyIds: z.array(z.string()).optional().meta({ description: "'signed': the signing key ids, 8 hex digits" }),
      percent: z.number().int().optional(),
      deliveries: z.number().int().optional().meta({ description: "'delivered': the deliveries that share is" }),
      reason: z.string().optional(),
    }),
  ),
});

export const alertCellStatesSchema = z.object({
  alertId: z.uuid(),
  count: z.number().int(),
  lon: z.array(z.number().int()).meta({ description: 'Cell site longitudes in 1e-4 degrees, one per cell, parallel to lat, radiusM and state' }),
  lat: z.array(z.number().int()).meta({ description: 'Cell site latitudes in 1e-4 degrees' }),
  radiusM: z.array(z.number().int()).meta({ description: 'Coverage radius in metres' }),
  state: z.array(z.number().int()).meta({ description: 'Index into states: failed if any of the cell’s deliveries failed or was rejected, else queued while one waits, else killed when all were, else on-air' }),
  states: z.array(z.enum(['queued', 'on-air', 'failed', 'killed'])),
});
