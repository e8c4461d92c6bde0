import { z } from 'zod';
import { COVERAGE_PAGE_MAX, UNSERVED_LISTED, UNSERVED_REASONS } from '@faro/alerts';

const unservedReason = z.enum(UNSERVED_REASONS as unknown as ['no-satellite-in-view', 'no-gateway-in-view', 'beam-capacity']).meta({
  description: "'no-satellite-in-view': no satellite above the cell's elevation mask; 'no-gateway-in-view': satellites above it, none reached by a gateway above the gateway's mask; 'beam-capacity': those satellites' beams all taken",
});

export const satelliteReachSchema = z
  .object({
    satelliteCells: z.number().int().meta({ description: 'Earth-fixed satellite cells the areas target' }),
    deadline: z.iso.datetime().meta({ description: "The alert's expiry: a cell not reached by then is unserved" }),
    source: z.enum(['planned', 'assessed']).meta({ description: "'planned': the plan stored at release; 'assessed': computed for this answer (not yet released, or the plan not yet made)" }),
    unservedCount: z.number().int(),
    byReason: z.record(z.string(), z.number().int()).meta({ description: 'Unserved cells per reason' }),
    unserved: z.array(z.object({ cellId: z.string(), reason: unservedReason })).meta({ description: `The first ${UNSERVED_LISTED} unserved cells in id order; GET /api/v1/alerts/{id}/coverage lists all` }),
  })
  .meta({ id: 'SatelliteReach', description: "The satellite cells no satellite can serve before the alert's expiry, with the reasons" });

export const alertCoverageQuery = z
  .object({
    after: z.string().min(1).max(64).optional().meta({ description: 'The `next` of the previous page: cells after this id' }),
    limit: z.coerce.number().int().min(1).max(COVERAGE_PAGE_MAX).default(1000),
  })
  .strict();

const stretch = { from: z.iso.datetime(), until: z.iso.datetime().meta({ description: 'The last repetition of the stretch' }), repetitions: z.number().int() };

export const alertCoverageSchema = z
  .object({
    alertId: z.uuid(),
    plan: z
      .object({
        start: z.iso.datetime(),
        end: z.iso.datetime(),
        deadline: z.iso.datetime(),
        repetitionSeconds: z.number().int(),
        skyOffsetMs: z.number().int().meta({ description: 'The sky the plan was made on lies this far from its times: non-zero when the element sets are older than SATELLITE_EPOCH_MAX_AGE_DAYS (the snapshot sky)' }),
        cells: z.number().int(),
        unserved: z.number().int(),
      })
      .nullable()
      .meta({ description: 'The satellite broadcast plan made at release; null when none (no satellite cell, not released, or not yet made)' }),
    items: z.array(
      z.object({
        cellId: z.string(),
        kind: z.enum(['satellite', 'terrestrial']),
        routeId: z.string().meta({ description: 'The delivery route (a satellite beam group or a terrestrial CBC)' }),
        planned: z.array(z.object({ satelliteId: z.string().meta({ description: 'NORAD catalogue number' }), gatewayId: z.string(), ...stretch })).meta({ description: 'Satellite cells: the satellite and gateway of each stretch of the plan; a new stretch is a hand-over' }),
        missed: z.array(z.object({ reason: unservedReason, ...stretch })).meta({ description: 'Repetitions of the plan no route carried' }),
        transmitted: z
          .array(
            z.object({
              gatewayId: z.string(),
              at: z.iso.datetime(),
              satelliteId: z.string().nullable().optional().meta({ description: 'The satellite the gateway put the cell on air through (NORAD id); null when none served the cell at that instant; absent for a terrestrial CBC or a gateway that reports none' }),
            }),
          )
          .meta({ description: 'What the uplink recorded transmitting to the cell: the gateway or terrestrial CBC, when, and through which satellite' }),
        served: z.boolean(),
        unserved: z.object({ reason: z.enum(['no-satellite-in-view', 'no-gateway-in-view', 'beam-capacity', 'rejected', 'failed']), detail: z.string().nullable() }).nullable(),
      }),
    ),
    next: z.string().nullable().meta({ description: 'Pass as `after` for the next page; null on the last' }),
  })
  .meta({ id: 'AlertCoverage', description: 'Per cell, the satellites and gateways (or terrestrial CBC) planned and transmitted, and the cells not served with the reason' });
