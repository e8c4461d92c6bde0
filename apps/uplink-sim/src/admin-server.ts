import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GATEWAY_STATES, type GatewayFaults, type GatewaySettings, type UplinkSimulator } from '@faro/uplink';
import type { SqlTransmissionLog } from '@faro/persistence';
import type { EcbeCbcs } from './ecbe-cbcs';
import { MAX_CLOCK_RATE, type SimClock } from './sim-clock';

const PROBLEM = 'application/problem+json';

const stateBody = z.object({ state: z.enum(GATEWAY_STATES as ['up', 'down', 'silent']) }).strict();
const settingsBody = z
  .object({
    latencyMs: z.object({ min: z.number().min(0), max: z.number().min(0) }).strict().optional(),
    capacityCellsPerSecond: z.number().positive().optional(),
    transientFailureRate: z.number().min(0).max(1).optional(),
  })
  .strict();
const cbcSettingsBody = z
  .object({
    peersAcknowledge: z.boolean().optional(),
    ackDelayMs: z.number().int().min(0).max(60000).optional(),
    noAckWaitMs: z.number().int().min(0).max(60000).optional(),
    deleteDelayMs: z.number().int().min(0).max(60000).optional(),
    // The CBC answers every POST 400 with this text (a parser stricter than Faro's), or stops.
    refuse: z.string().min(1).max(200).nullable().optional(),
  })
  .strict();
const clockBody = z.object({ offsetMs: z.number().int().optional(), rate: z.number().positive().max(MAX_CLOCK_RATE).optional() }).strict();

export interface AdminDeps {
  gatewayIds: string[];
  simulator: UplinkSimulator;
  faults: GatewayFaults;
  clock: SimClock;
  record: SqlTransmissionLog;
  cbcs: EcbeCbcs;
}

// The control endpoint, for tests and demos: on the loopback only, and apart from the gateway
// port, so nothing that can reach the gateways can take them down.
export function adminServer(d: AdminDeps): FastifyInstance {
  const app = Fastify({ logger: false });
  const known = new Set(d.gatewayIds);
  const view = (id: string): GatewaySettings & { state: string } => ({ ...d.simulator.settingsOf(id), state: d.faults.stateOf(id) });

  app.get('/admin/v1/gateways', async () => ({ gateways: d.gatewayIds.map(view) }));

  app.put<{ Params: { gatewayId: string } }>('/admin/v1/gateways/:gatewayId/state', async (req, reply) => {
    if (!known.has(req.params.gatewayId)) return problem(reply, 404, `no gateway ${req.params.gatewayId}`);
    const body = stateBody.safeParse(req.body);
    if (!body.success) return problem(reply, 400, `state must be one of ${GATEWAY_STATES.join(', ')}`);
    d.faults.set(req.params.gatewayId, body.data.state);
    return view(req.params.gatewayId);
  });

  app.patch<{ Params: { gatewayId: string } }>('/admin/v1/gateways/:gatewayId/settings', async (req, reply) => {
    if (!known.has(req.params.gatewayId)) return problem(reply, 404, `no gateway ${req.params.gatewayId}`);
    const body = settingsBody.safeParse(req.body);
    if (!body.success) return problem(reply, 400, body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    try {
      d.simulator.reconfigure(req.params.gatewayId, body.data);
    } catch (e) {
      return problem(reply, 400, (e as Error).message);
    }
    return view(req.params.gatewayId);
  });

  // The terrestrial CBCs (ECBE): their osmo-cbc behaviour, what they hold, the requests they had.
  app.get('/admin/v1/cbcs', async () => ({ cbcs: d.cbcs.ids().map((id) => d.cbcs.view(id)) }));
  app.patch<{ Params: { cbcId: string } }>('/admin/v1/cbcs/:cbcId/settings', async (req, reply) => {
    const sim = d.cbcs.get(req.params.cbcId);
    if (!sim) return problem(reply, 404, `no CBC ${req.params.cbcId}`);
    const body = cbcSettingsBody.safeParse(req.body);
    if (!body.success) return problem(reply, 400, body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { refuse, ...rest } = body.data;
    Object.assign(sim.settings, rest);
    if (refuse !== undefined) sim.settings.refuse = refuse === null ? null : () => refuse;
    return d.cbcs.view(req.params.cbcId);
  });
  app.get<{ Params: { cbcId: string } }>('/admin/v1/cbcs/:cbcId/requests', async (req, reply) => {
    const sim = d.cbcs.get(req.params.cbcId);
    if (!sim) return problem(reply, 404, `no CBC ${req.params.cbcId}`);
    return { cbcId: req.params.cbcId, requests: sim.requests.map(({ method, path, status, at }) => ({ method, path, status, at: new Date(at).toISOString() })) };
  });
  app.post<{ Params: { cbcId: string } }>('/admin/v1/cbcs/:cbcId/restart', async (req, reply) => {
    if (!d.cbcs.get(req.params.cbcId)) return problem(reply, 404, `no CBC ${req.params.cbcId}`);
    await d.cbcs.restartEmpty(req.params.cbcId);
    return d.cbcs.view(req.params.cbcId);
  });

  const clockView = () => ({ now: d.clock.now().toISOString(), offsetMs: d.clock.offset, rate: d.clock.rate });
  app.get('/admin/v1/clock', async () => clockView());
  app.put('/admin/v1/clock', async (req, reply) => {
    const body = clockBody.safeParse(req.body);
    if (!body.success) return problem(reply, 400, `offsetMs must be an integer and rate a number in (0, ${MAX_CLOCK_RATE}]`);
    if (body.data.offsetMs !== undefined) d.clock.setOffset(body.data.offsetMs);
    if (body.data.rate !== undefined) d.clock.setRate(body.data.rate);
    return clockView();
  });

  app.get<{ Querystring: { alertId?: string } }>('/admin/v1/transmissions', async (req, reply) => {
    const alertId = req.query.alertId;
    if (!alertId || !z.uuid().safeParse(alertId).success) return problem(reply, 400, 'alertId must be an alert id (a UUID)');
    return { alertId, transmissions: await d.record.transmissionsOf(alertId) };
  });

  app.setNotFoundHandler((req, reply) => problem(reply, 404, `no route ${req.method} ${req.url.split('?')[0]}`));
  return app;
}

function problem(reply: { code: (n: number) => { header: (k: string, v: string) => { send: (b: unknown) => unknown } } }, status: number, detail: string) {
  return reply.code(status).header('content-type', PROBLEM).send({ type: 'about:blank', title: status === 404 ? 'Not found' : 'Bad request', status, detail });
}
