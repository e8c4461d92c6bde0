import { CreateIncident, ReleaseAlert, RoleAndJurisdictionPolicy, SubmitAlert, type Alert, type CreateIncidentCommand, type CreateIncidentResult, type Incident, type IncidentDraft } from '@faro/alerts';
import { aDraft, aSensor, fakeAudiences, fakeJurisdictions, FakeTargeter, fixedClock, InMemoryAlertStore, MILANO } from '@faro/alerts/testing';
import type { Principal } from '@faro/identity';
import type { ApproverNotifier, SensorIncidents } from './ports';
import { ReportSensorIncident, type AlertUseCases, type SensorIncidentCommand } from './report-sensor-incident';
import type { Sensor } from './sensor';

const now = new Date('2026-03-01T10:00:00Z');

class CodedError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

// The alerts side in memory: incidents by dedupe key, alerts by id, states moved as the real use cases move them.
class FakeAlerts implements AlertUseCases, SensorIncidents, ApproverNotifier {
  incidents: Incident[] = [];
  alerts = new Map<string, Alert>();
  notified: Array<{ alertId: string; reason?: string }> = [];
  refuseRelease: CodedError | null = null;
  n = 0;

  create = {
    run: async (cmd: CreateIncidentCommand): Promise<CreateIncidentResult> => {
      const seen = this.incidents.find((i) => cmd.dedupeKey && i.dedupeKey === cmd.dedupeKey);
      if (seen?.alertId) return { incident: seen, alert: this.alerts.get(seen.alertId)!, duplicate: true };
      const id = `a${++this.n}`;
      const incident: Incident = { id: `i${this.n}`, source: cmd.source, format: cmd.format, dedupeKey: cmd.dedupeKey, hazard: cmd.draft.hazard, payload: cmd.payload, raw: cmd.raw, alertId: id, receivedAt: now };
      const refAlert = cmd.draft.references?.alertId ?? null;
      const alert = { id, incidentId: incident.id, state: 'draft', msgType: cmd.draft.msgType, hazard: cmd.draft.hazard, areas: cmd.draft.areas, referencesAlertId: refAlert, draftedBy: `${cmd.principal.kind}:${cmd.principal.id}` } as Alert;
      this.incidents.push(incident);
      this.alerts.set(id, alert);
      return { incident, alert, duplicate: false };
    },
  };
  submit = { run: async (id: string) => this.move(id, 'pending_approval') };
  release = {
    run: async (id: string) => {
      if (this.refuseRelease) throw this.refuseRelease;
      return this.move(id, 'approved');
    },
  };

  private move(id: string, state: Alert['state']): Alert {
    const a = { ...this.alerts.get(id)!, state };
    this.alerts.set(id, a);
    return a;
  }

  async findByDedupeKey(key: string) {
    return this.incidents.find((i) => i.dedupeKey === key) ?? null;
  }
  async record(incident: Incident) {
    const seen = await this.findByDedupeKey(incident.dedupeKey ?? '');
    if (seen) return { incident: seen, duplicate: true };
    this.incidents.push(incident);
    return { incident, duplicate: false };
  }
  async draftedBy(alertId: string) {
    return this.alerts.get(alertId)?.draftedBy ?? null;
  }
  async awaitingApproval(n: { alert: Alert; reason?: string }) {
    this.notified.push({ alertId: n.alert.id, reason: n.reason });
  }
}

const sensor = (over: Partial<Sensor> = {}): Sensor => ({
  id: 'etna-1',
  name: 'INGV Etna',
  jurisdictionId: 'IT-R19',
  releasePolicy: 'auto',
  autoRelease: { minMagnitude: 5.5 },
  rateLimitPerMinute: 60,
  disabled: false,
  createdAt: now,
  updatedAt: now,
  ...over,
});
const principal: Principal = { kind: 'sensor', id: 'etna-1', name: 'INGV Etna', roles: [], jurisdictionId: 'IT-R19' };
const draft = (over: Partial<IncidentDraft> = {}) =>
  ({ msgType: 'Alert', hazard: 'earthquake', areas: [{ description: 'Catania', spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' } }], ...over }) as IncidentDraft;

function setup() {
  const fake = new FakeAlerts();
  const report = new ReportSensorIncident(fake, fake, fake, { now: () => now });
  const cmd = (over: Partial<Parameters<ReportSensorIncident['run']>[0]> = {}) => ({
    sensor: sensor(),
    principal,
    draft: draft(),
    format: 'json' as const,
    raw: null,
    payload: {},
    dedupeKey: 'idempotency:sensor:etna-1:k1',
    magnitude: 6.2,
    ...over,
  });
  return { fake, report, cmd };
}

describe('ReportSensorIncident', () => {
  it('releases an auto sensor incident that meets its conditions, with no human', async () => {
    const { fake, report, cmd } = setup();
    const r = await report.run(cmd());
    expect([r.policy, r.released, r.alert?.state, r.duplicate]).toEqual(['auto', true, 'approved', false]);
    expect(fake.notified).toEqual([]);
  });

  it('leaves an incident below the threshold awaiting approval and tells the approvers why', async () => {
    const { fake, report, cmd } = setup();
    const r = await report.run(cmd({ magnitude: 4.0 }));
    expect([r.policy, r.released, r.alert?.state, r.reason]).toEqual(['approve', false, 'pending_approval', 'magnitude 4 is below 5.5']);
    expect(fake.notified).toEqual([{ alertId: r.alert!.id, reason: 'magnitude 4 is below 5.5' }]);
  });

  it('leaves the alert awaiting approval when the release rules refuse it, and records why', async () => {
    const { fake, report, cmd } = setup();
    fake.refuseRelease = new CodedError('alert/forbidden', 'not this time');
    const r = await report.run(cmd());
    expect([r.policy, r.alert?.state, r.reason]).toEqual(['approve', 'pending_approval', 'release refused: alert/forbidden: not this time']);
    expect(fake.notified[0].reason).toBe('release refused: alert/forbidden: not this time');
  });

  it('lets an unexpected failure of the release through rather than call it a refusal', async () => {
    const { fake, report, cmd } = setup();
    fake.release.run = async () => {
      throw new Error('connection lost');
    };
    await expect(report.run(cmd())).rejects.toThrow('connection lost');
  });

  it('leaves the alert awaiting approval when its areas leave the jurisdiction of the sensor', async () => {
    const { fake, report, cmd } = setup();
    fake.refuseRelease = new CodedError('jurisdiction/outside', 'Reggio Calabria is outside IT-R19');
    const r = await report.run(cmd());
    expect([r.policy, r.alert?.state, r.reason]).toEqual(['approve', 'pending_approval', 'release refused: jurisdiction/outside: Reggio Calabria is outside IT-R19']);
  });

  it('submits an approve sensor incident for approval whatever its magnitude', async () => {
    const { fake, report, cmd } = setup();
    const r = await report.run(cmd({ sensor: sensor({ releasePolicy: 'approve' }), magnitude: 9 }));
    expect([r.policy, r.alert?.state, r.reason]).toEqual(['approve', 'pending_approval', undefined]);
    expect(fake.notified).toHaveLength(1);
  });

  it('records a record sensor incident with no alert, once per dedupe key', async () => {
    const { fake, report, cmd } = setup();
    const c = cmd({ sensor: sensor({ releasePolicy: 'record' }) });
    const first = await report.run(c);
    const again = await report.run(c);
    expect([first.policy, first.alert, first.incident.alertId, first.incident.sensorId, first.duplicate]).toEqual(['record', null, null, 'etna-1', false]);
    expect([again.incident.id, again.duplicate]).toEqual([first.incident.id, true]);
    expect(fake.alerts.size).toBe(0);
  });

  it('answers a repeated request with the same incident and alert and does not act twice', async () => {
    const { fake, report, cmd } = setup();
    const first = await report.run(cmd({ sensor: sensor({ releasePolicy: 'approve' }) }));
    const again = await report.run(cmd({ sensor: sensor({ releasePolicy: 'approve' }) }));
    expect([again.incident.id, again.alert?.id, again.policy, again.duplicate]).toEqual([first.incident.id, first.alert?.id, 'approve', true]);
    expect(fake.alerts.size).toBe(1);
    expect(fake.notified).toHaveLength(1);
  });

  it('applies the policy again to a repeated request whose alert was left a draft', async () => {
    const { fake, report, cmd } = setup();
    const created = await fake.create.run({ ...cmd(), source: 'sensor:etna-1' } as unknown as CreateIncidentCommand);
    const r = await report.run(cmd());
    expect([r.alert?.id, r.alert?.state, r.duplicate]).toEqual([created.alert.id, 'approved', true]);
  });

  it('answers with the incident that won a race on the same dedupe key', async () => {
    const { fake, report, cmd } = setup();
    const real = fake.create.run;
    let first = true;
    fake.create.run = async (c) => {
      if (first) {
        first = false;
        await real(c); // the other request commits first…
        throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
      }
      return real(c);
    };
    const r = await report.run(cmd({ sensor: sensor({ releasePolicy: 'approve' }) }));
    expect([r.duplicate, fake.alerts.size]).toEqual([true, 1]);
  });

  it("releases at once the sensor's Cancel of its own alert and asks a human for anyone else's", async () => {
    const { fake, report, cmd } = setup();
    const own = await report.run(cmd());
    const cancel = await report.run(cmd({ dedupeKey: null, magnitude: null, draft: draft({ msgType: 'Cancel', references: { alertId: own.alert!.id } }) }));
    expect([cancel.policy, cancel.released]).toEqual(['auto', true]);
    fake.alerts.set('op-1', { id: 'op-1', draftedBy: 'user:olga' } as Alert);
    const other = await report.run(cmd({ dedupeKey: null, magnitude: null, draft: draft({ msgType: 'Cancel', references: { alertId: 'op-1' } }) }));
    expect([other.policy, other.reason]).toEqual(['approve', 'a Cancel of an alert the sensor did not report']);
  });

  it('answers a copy sent in the next window under its earlier key with the first incident', async () => {
    const { fake, report, cmd } = setup();
    const first = await report.run(cmd({ dedupeKey: 'sensor-json:etna-1:w1', sensor: sensor({ releasePolicy: 'approve' }) }));
    const copy = await report.run(cmd({ dedupeKey: 'sensor-json:etna-1:w2', earlierDedupeKeys: ['sensor-json:etna-1:w1'], sensor: sensor({ releasePolicy: 'approve' }) }));
    expect([copy.duplicate, copy.incident.id, copy.alert?.id]).toEqual([true, first.incident.id, first.alert?.id]);
    expect([fake.alerts.size, fake.incidents.length, fake.notified.length]).toEqual([1, 1, 1]);
  });

  it('answers a recorded incident as recorded even once the sensor is set to auto', async () => {
    const { fake, report, cmd } = setup();
    const recorded = await report.run(cmd({ sensor: sensor({ releasePolicy: 'record' }) }));
    const again = await report.run(cmd());
    expect([again.policy, again.alert, again.duplicate, again.incident.id]).toEqual(['record', null, true, recorded.incident.id]);
    expect(fake.alerts.size).toBe(0);
  });
});

// The same use case over the alerts lib's real use cases and release rules, on its in-memory
// store: what a sensor's report leaves in the alerts, the outbox and the audit trail.
describe('ReportSensorIncident over the alerts use cases', () => {
  const clock = fixedClock('2026-12-06T10:00:00.000Z');
  const etna = aSensor('etna-1');

  function wired(s: Partial<Sensor> = {}) {
    const store = new InMemoryAlertStore();
    const notified: Array<{ alertId: string; reason?: string }> = [];
    const alerts: AlertUseCases = {
      create: new CreateIncident(store, new FakeTargeter(), clock, fakeJurisdictions, fakeAudiences()),
      submit: new SubmitAlert(store, clock),
      release: new ReleaseAlert(store, new RoleAndJurisdictionPolicy(fakeJurisdictions), clock),
    };
    const incidents: SensorIncidents = {
      findByDedupeKey: async (key) => [...store.incidents.values()].find((i) => i.dedupeKey === key) ?? null,
      record: async (incident) => {
        const seen = [...store.incidents.values()].find((i) => i.dedupeKey === incident.dedupeKey);
        if (seen) return { incident: seen, duplicate: true };
        store.incidents.set(incident.id, incident);
        return { incident, duplicate: false };
      },
      draftedBy: async (id) => store.alerts.get(id)?.draftedBy ?? null,
    };
    const notifier: ApproverNotifier = { awaitingApproval: async (n) => void notified.push({ alertId: n.alert.id, reason: n.reason }) };
    const report = new ReportSensorIncident(alerts, incidents, notifier, clock);
    const run = (over: Partial<SensorIncidentCommand> = {}) =>
      report.run({ sensor: sensor({ jurisdictionId: 'IT-R19', ...s }), principal: etna, draft: aDraft(), format: 'json', raw: null, payload: {}, dedupeKey: null, magnitude: 6.2, ...over });
    return { store, notified, run };
  }

  it('releases an auto sensor alert with no human: approved by the sensor, fan-out queued, audited with its signed webhook', async () => {
    const { store, notified, run } = wired();
    const r = await run();
    expect(store.alerts.get(r.alert!.id)).toMatchObject({ state: 'approved', origin: 'sensor', draftedBy: 'sensor:etna-1', approvedBy: 'sensor:etna-1' });
    expect(store.outbox).toEqual([{ kind: 'alert.fanout', alertId: r.alert!.id }]);
    expect(store.trail.map((e) => [e.actor, e.action, (e.details.via as { method?: string } | undefined)?.method])).toEqual([
      ['sensor:etna-1', 'alert.drafted', 'webhook-signature'],
      // Submitted on the drafter's behalf by the release, which says so; the proof is on the approval.
      ['sensor:etna-1', 'alert.pending_approval', undefined],
      ['sensor:etna-1', 'alert.approved', 'webhook-signature'],
    ]);
    expect(notified).toEqual([]);
  });

  it('leaves a report below the threshold awaiting an approver, submitted by the sensor and audited', async () => {
    const { store, notified, run } = wired();
    const r = await run({ magnitude: 4.1 });
    expect(store.alerts.get(r.alert!.id)?.state).toBe('pending_approval');
    expect(store.outbox).toEqual([]);
    expect(store.auditOf(r.alert!.id).map(([action, d]) => [action, d.via])).toEqual([
      ['alert.drafted', etna.via],
      ['alert.pending_approval', etna.via],
    ]);
    expect(notified).toEqual([{ alertId: r.alert!.id, reason: 'magnitude 4.1 is below 5.5' }]);
  });

  it('refuses at drafting a report whose area lies outside the sensor jurisdiction: no alert is left for a human', async () => {
    const { store, notified, run } = wired();
    await expect(run({ draft: aDraft({ areas: [MILANO] }) })).rejects.toMatchObject({ code: 'jurisdiction/outside' });
    expect([store.alerts.size, store.incidents.size, notified.length]).toEqual([0, 0, 0]);
  });

  it('keeps a test report a test: released on the test channel', async () => {
    const { store, run } = wired();
    const r = await run({ draft: aDraft({ status: 'Test' }) });
    expect(store.alerts.get(r.alert!.id)).toMatchObject({ state: 'approved', capStatus: 'Test' });
    expect(r.alert!.messageIdentifier).not.toBe(4371);
  });

  it('records a record sensor report with no alert and nothing queued', async () => {
    const { store, run } = wired({ releasePolicy: 'record' });
    const r = await run({ dedupeKey: 'idempotency:sensor:etna-1:r1' });
    expect([r.policy, r.alert, store.alerts.size, store.outbox.length, store.incidents.get(r.incident.id)?.alertId]).toEqual(['record', null, 0, 0, null]);
  });

  it("releases the sensor's Cancel of its own alert at once, taking it off air and queueing the kill", async () => {
    const { store, run } = wired();
    const own = await run();
    store.alerts.set(own.alert!.id, { ...store.alerts.get(own.alert!.id)!, state: 'active' });
    const cancel = await run({ magnitude: null, draft: aDraft({ msgType: 'Cancel', references: { alertId: own.alert!.id }, areas: [], identifier: 'c-1' }) });
    expect([cancel.policy, cancel.released, store.alerts.get(cancel.alert!.id)?.state, store.alerts.get(own.alert!.id)?.state]).toEqual(['auto', true, 'approved', 'cancelling']);
    expect(store.outbox.at(-1)).toEqual({ kind: 'alert.kill', alertId: cancel.alert!.id });
  });

  it('answers a repeated request with its first alert, releasing nothing twice', async () => {
    const { store, run } = wired();
    const first = await run({ dedupeKey: 'idempotency:sensor:etna-1:k9' });
    const again = await run({ dedupeKey: 'idempotency:sensor:etna-1:k9' });
    expect([again.duplicate, again.released, again.alert?.id]).toEqual([true, true, first.alert!.id]);
    expect(store.outbox).toHaveLength(1);
  });
});
