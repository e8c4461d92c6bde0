import { z } from 'zod';
import { ALERT_STATES, HAZARDS } from '@faro/alerts';
import { alertSchema } from '../alerts/alert.schemas';

// GET /api/v1/events: the query, and one event's data (each `data:` line is one of these as JSON).

export const eventsQuery = z
  .object({
    alert: z.uuid().optional().meta({ description: 'Also stream this alert (event `alert`: the alert with its delivery progress per route)' }),
  })
  .strict();

const routeProgress = z.object({ total: z.number().int(), onAir: z.number().int() });

export const alertSummarySchema = z
  .object({
    id: z.uuid(),
    state: z.enum(ALERT_STATES),
    msgType: z.enum(['Alert', 'Update', 'Cancel']),
    status: z.enum(['Actual', 'Exercise', 'Test']),
    hazard: z.enum(HAZARDS),
    severity: z.string(),
    urgency: z.string(),
    certainty: z.string(),
    languages: z.array(z.object({ language: z.string(), headline: z.string().optional(), text: z.string() })),
    drafter: z.object({ ref: z.string().meta({ description: "'user:<id>' or 'sensor:<id>'" }), name: z.string().nullable() }),
    references: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    expires: z.iso.datetime(),
    cells: z.object({ terrestrial: z.number().int(), satellite: z.number().int(), total: z.number().int() }).nullable(),
    delivery: z
      .object({ total: z.number().int(), onAir: z.number().int(), failed: z.number().int(), byRoute: z.record(z.string(), routeProgress) })
      .nullable()
      .meta({ description: 'For a released alert: cells on air (broadcasting) of those targeted, per route' }),
  })
  .meta({ id: 'ConsoleAlertSummary' });

// The gateway's route as the liveness last recorded it (audit uplink.route-down / -up).
export const routeStatusSchema = z
  .object({
    state: z.enum(['up', 'down']),
    since: z.iso.datetime().nullable().meta({ description: 'When the liveness recorded the change; null when it never recorded one (up since start)' }),
    lastHeardAt: z.iso.datetime().nullable().meta({ description: 'The last heartbeat heard when the change was recorded' }),
  })
  .meta({ id: 'UplinkRouteStatus' });

export const uplinkRoutesSchema = z
  .object({
    routes: z.array(z.object({ gatewayId: z.string(), kind: z.enum(['satellite', 'terrestrial']), ...routeStatusSchema.shape })),
  })
  .meta({ id: 'UplinkRoutes' });

export const dashboardEventSchema = z
  .object({
    at: z.iso.datetime(),
    alerts: z.array(alertSummarySchema).meta({ description: "Pending, approved and on-air alerts of the principal's territory, newest first" }),
    incidents: z.array(
      z.object({ id: z.uuid(), sensorId: z.uuid(), sensorName: z.string().nullable(), hazard: z.string(), alertId: z.uuid().nullable(), receivedAt: z.iso.datetime() }),
    ),
    gateways: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['satellite', 'terrestrial']),
        lastTransmittedAt: z.iso.datetime().nullable(),
        pendingBatches: z.number().int(),
        failedLastHour: z.number().int(),
        route: routeStatusSchema,
      }),
    ),
    queue: z.object({ outboxOpen: z.number().int(), pendingBatches: z.number().int(), failedBatchesLastHour: z.number().int() }),
  })
  .meta({ id: 'DashboardEvent', description: 'Event `dashboard`: sent on connecting and whenever it changes' });

export const alertEventSchema = alertSchema
  .extend({ drafter: z.object({ ref: z.string(), name: z.string().nullable() }) })
  .meta({ id: 'ConsoleAlertEvent', description: 'Event `alert`: the alert with its delivery progress and who drafted it' });

export const consoleEventSchema = z
  .union([dashboardEventSchema, alertEventSchema])
  .meta({ description: 'The data of one server-sent event: `dashboard` (DashboardEvent) or `alert` (Alert, with its delivery progress)' });
