import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { EcbeCbcSimulator, type EcbeCbcSettings, type GatewayFaults } from '@faro/uplink';
import type { SimulatedCbc, SqlSimulatorCbcs } from '@faro/persistence';

// The terrestrial CBCs of the simulation, one osmo-cbc 0.5.3 ECBE interface each
// (libs/uplink EcbeCbcSimulator), at {UPLINK_URL}/cbc/{cbcId}/api/ecbe/v1/…. What a CBC holds is
// kept per boot (simulator_cbc_messages): a restart under the same UPLINK_SIM_BOOT_ID keeps it,
// under a new one every CBC comes back empty. What it activates goes on air in every cell of its
// peers (scope_plmn) and is recorded with the gateways' transmissions.
export class EcbeCbcs {
  private readonly sims = new Map<string, { cbc: SimulatedCbc; sim: EcbeCbcSimulator }>();

  private constructor(
    private readonly store: SqlSimulatorCbcs,
    private readonly bootId: string,
    private readonly clock: () => Date,
  ) {}

  static async start(store: SqlSimulatorCbcs, bootId: string, clock: () => Date, settings: Partial<EcbeCbcSettings>): Promise<EcbeCbcs> {
    const out = new EcbeCbcs(store, bootId, clock);
    for (const cbc of await store.cbcs()) {
      const sim = new EcbeCbcSimulator(settings, {
        activated: (m) => store.activated(bootId, cbc, m, clock()),
        deleted: (m) => store.deleted(bootId, cbc, m, clock()),
      });
      for (const m of await store.held(bootId, cbc.id)) sim.active.set(m.messageId, m);
      out.sims.set(cbc.id, { cbc, sim });
    }
    return out;
  }

  ids(): string[] {
    return [...this.sims.keys()];
  }

  get(cbcId: string): EcbeCbcSimulator | undefined {
    return this.sims.get(cbcId)?.sim;
  }

  view(cbcId: string) {
    const entry = this.sims.get(cbcId);
    if (!entry) return undefined;
    const { refuse, ...settings } = entry.sim.settings;
    return { cbcId, routeId: entry.cbc.routeId, cells: entry.cbc.cellIds.length, ...settings, refusing: refuse ? true : false, active: [...entry.sim.active.values()].map((m) => ({ messageId: m.messageId, serialNr: m.serialNr })) };
  }

  // The CBC's process restarted: everything it held is gone (what it put on air stays recorded).
  async restartEmpty(cbcId: string): Promise<void> {
    const entry = this.sims.get(cbcId);
    if (!entry) return;
    await this.store.forget(this.bootId, cbcId);
    entry.sim.forgetAll();
  }

  close(): void {
    for (const { sim } of this.sims.values()) sim.close();
  }

  // On the gateways' port: osmo-cbc has no authentication of its own (its REST interface listens
  // on the loopback by default); an operator would put it behind mutual TLS.
  register(app: FastifyInstance, faults: GatewayFaults, log: Logger): void {
    void app.register(async (scope) => {
      // ECBE bodies are read as text and judged by the CBC's own parser, as rest_api.c does.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.route({
        method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
        url: '/cbc/:cbcId/*',
        handler: async (req, reply) => {
          const { cbcId } = req.params as { cbcId: string };
          const sim = this.get(cbcId);
          // Plain text and no Content-Type, as ulfius answers.
          const plain = (status: number, text: string) => {
            reply.hijack();
            reply.raw.statusCode = status;
            reply.raw.end(text);
          };
          if (!sim) return plain(404, '');
          const state = faults.stateOf(cbcId);
          if (state === 'silent') return reply.hijack();
          if (state === 'down') return plain(503, 'Service Unavailable');
          const path = req.url.split('?')[0].slice(`/cbc/${encodeURIComponent(cbcId)}`.length);
          const answer = await sim.handle(req.method, path, typeof req.body === 'string' ? req.body : '');
          // The worker's liveness probes (GET) come every tick: kept out of the info log.
          log[req.method === 'GET' ? 'debug' : 'info']({ cbcId, method: req.method, path, status: answer.status }, `ECBE ${req.method} ${path} answered ${answer.status}`);
          return plain(answer.status, answer.text);
        },
      });
    });
  }
}
