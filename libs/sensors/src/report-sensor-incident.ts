import { randomUUID } from 'node:crypto';
import type { Alert, Clock, CreateIncidentCommand, CreateIncidentResult, Incident, IncidentDraft } from '@faro/alerts';
import type { Principal } from '@faro/identity';
import type { ApproverNotifier, SensorIncidents } from './ports';
import { decideRelease, type ReleaseDecision } from './release-policy';
import type { ReleasePolicyName, Sensor } from './sensor';

export interface SensorIncidentCommand {
  sensor: Sensor;
  principal: Principal;
  draft: IncidentDraft;
  format: 'json' | 'cap';
  raw: string | null;
  payload: unknown;
  // idempotency:sensor:<id>:<key>, cap:<sender>|<identifier>|<sent>, or sensorJsonDedupeKeys'.
  dedupeKey: string | null;
  // Keys of an earlier copy of the same incident (sensorJsonDedupeKeys): found, it is that one.
  earlierDedupeKeys?: string[];
  magnitude: number | null;
}

export interface SensorIncidentResult {
  incident: Incident;
  alert: Alert | null;
  // What became of it: released with no human, awaiting approval, or only recorded.
  policy: ReleasePolicyName;
  released: boolean;
  duplicate: boolean;
  // Why an 'auto' sensor's alert still awaits a human.
  reason?: string;
}

// The use cases of the alerts lib this one drives, as far as it needs them.
export interface AlertUseCases {
  create: { run(cmd: CreateIncidentCommand): Promise<CreateIncidentResult> };
  submit: { run(id: string, principal: Principal): Promise<Alert> };
  release: { run(id: string, principal: Principal): Promise<Alert> };
}

const RELEASED = new Set<Alert['state']>(['approved', 'broadcasting', 'active', 'expired', 'updated', 'cancelling', 'cancelled', 'killing', 'done']);

// A sensor's incident, under the sensor's release policy. Creating the alert and releasing
// it are separate transactions: if the release is refused (the release rules have the last
// word: jurisdiction, test identifiers), the alert is left awaiting approval with the reason,
// never lost. A retry of a request whose alert was left a draft (a crash between the two)
// applies the policy again. A 'record' incident is stored without an alert, and so without a
// jurisdiction check: it puts nothing on air.
export class ReportSensorIncident {
  constructor(
    private readonly alerts: AlertUseCases,
    private readonly incidents: SensorIncidents,
    private readonly notifier: ApproverNotifier,
    private readonly clock: Clock,
  ) {}

  async run(command: SensorIncidentCommand): Promise<SensorIncidentResult> {
    const cmd = await this.withKnownKey(command);
    // Recording finds a copy by its dedupe key itself (the insert yields to it): no read first.
    if (cmd.sensor.releasePolicy === 'record') {
      const r = await this.incidents.record(this.recordedIncident(cmd));
      if (r.incident.alertId) return this.create(cmd);
      return { incident: r.incident, alert: null, policy: 'record', released: false, duplicate: r.duplicate };
    }
    const seen = cmd.dedupeKey ? await this.incidents.findByDedupeKey(cmd.dedupeKey) : null;
    if (seen && !seen.alertId) return { incident: seen, alert: null, policy: 'record', released: false, duplicate: true };
    return this.create(cmd);
  }

  // An earlier copy found under one of its keys: the incident is that copy's, under that key.
  private async withKnownKey(cmd: SensorIncidentCommand): Promise<SensorIncidentCommand> {
    for (const key of cmd.earlierDedupeKeys ?? []) {
      if (await this.incidents.findByDedupeKey(key)) return { ...cmd, dedupeKey: key };
    }
    return cmd;
  }

  private async create(cmd: SensorIncidentCommand): Promise<SensorIncidentResult> {
    const created = await this.createOnce(cmd);
    if ('policy' in created) return created;
    const { incident, alert, duplicate } = created;
    if (duplicate && alert.state !== 'draft') return { incident, alert, policy: RELEASED.has(alert.state) ? 'auto' : 'approve', released: RELEASED.has(alert.state), duplicate };

    const decision = await this.decide(cmd, alert);
    let reason = decision.policy === 'approve' ? decision.reason : undefined;
    if (decision.policy === 'auto') {
      try {
        const released = await this.alerts.release.run(alert.id, cmd.principal);
        return { incident, alert: released, policy: 'auto', released: true, duplicate };
      } catch (e) {
        // A refusal by the release rules (a typed error) leaves the alert to a human.
        if (!isCoded(e)) throw e;
        reason = `release refused: ${e.code}: ${e.message}`;
      }
    }
    const pending = await this.alerts.submit.run(alert.id, cmd.principal);
    await this.notifier.awaitingApproval({ alert: pending, sensor: cmd.sensor, reason });
    return { incident, alert: pending, policy: 'approve', released: false, duplicate, ...(reason ? { reason } : {}) };
  }

  // Two identical requests at once both miss the dedupe key and one insert fails; the loser
  // then finds the winner's incident and answers with it.
  private async createOnce(cmd: SensorIncidentCommand): Promise<CreateIncidentResult | SensorIncidentResult> {
    const command: CreateIncidentCommand = { draft: cmd.draft, source: `sensor:${cmd.sensor.id}`, format: cmd.format, raw: cmd.raw, payload: cmd.payload, dedupeKey: cmd.dedupeKey, principal: cmd.principal };
    try {
      return await this.alerts.create.run(command);
    } catch (e) {
      const winner = cmd.dedupeKey ? await this.incidents.findByDedupeKey(cmd.dedupeKey) : null;
      if (!winner) throw e;
      if (!winner.alertId) return { incident: winner, alert: null, policy: 'record', released: false, duplicate: true };
      return this.alerts.create.run(command);
    }
  }

  private async decide(cmd: SensorIncidentCommand, alert: Alert): Promise<ReleaseDecision> {
    const referencedDraftedBy = cmd.sensor.releasePolicy === 'auto' && alert.referencesAlertId ? await this.incidents.draftedBy(alert.referencesAlertId) : null;
    return decideRelease(cmd.sensor, { msgType: alert.msgType, hazard: alert.hazard, magnitude: cmd.magnitude, referencedDraftedBy });
  }

  private recordedIncident(cmd: SensorIncidentCommand): Incident {
    return {
      id: randomUUID(),
      source: `sensor:${cmd.sensor.id}`,
      format: cmd.format,
      dedupeKey: cmd.dedupeKey,
      hazard: cmd.draft.hazard,
      payload: cmd.payload,
      raw: cmd.raw,
      alertId: null,
      receivedAt: this.clock.now(),
      sensorId: cmd.sensor.id,
      jurisdictionId: cmd.sensor.jurisdictionId,
    };
  }
}

// A domain error ('alert/forbidden', 'jurisdiction/outside'), not a driver's ('23505').
function isCoded(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && /^[a-z-]+\/[a-z-]+$/.test(code);
}
