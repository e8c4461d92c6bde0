import { randomUUID } from 'node:crypto';
import type { Alert, Incident } from './alert';
import { checkBroadcastTexts, messageIdentifiersFor, type AudienceDirectory } from './audience';
import { AlertError } from './alert-error';
import { assessTargeting, withAreaPointers } from './assess-targeting';
import { isFinal } from './alert-lifecycle';
import { assertCancellable, assertUpdatable } from './cancel-rules';
import { geographicalScope, updateScope } from './update-scope';
import { aMsgType, AMsgType } from './msg-type-phrase';
import type { IncidentDraft } from './incident-draft';
import { actorRef, hasRole, type Principal } from '@faro/identity';
import type { JurisdictionGuard } from './release-rules';
import type { AlertTransaction, AlertStore, Clock, Targeter } from './ports';

export interface CreateIncidentCommand {
  draft: IncidentDraft;
  source: string; // 'api', 'console', 'sensor:<id>'
  format: 'json' | 'cap';
  raw: string | null;
  payload: unknown;
  // Idempotency: an Idempotency-Key header, or CAP sender + identifier + sent.
  dedupeKey: string | null;
  // Who reports it; the alert belongs to their jurisdiction.
  principal: Principal;
}

export interface CreateIncidentResult {
  incident: Incident;
  alert: Alert;
  duplicate: boolean;
}

// An incident yields one alert draft. Alert, Update and Cancel differ only in how the
// serial number is chosen: a new message code, the next update number, or the same serial.
export class CreateIncident {
  constructor(
    private readonly store: AlertStore,
    private readonly targeter: Targeter,
    private readonly clock: Clock,
    private readonly jurisdictions: JurisdictionGuard,
    private readonly audiences: AudienceDirectory,
  ) {}

  async run(cmd: CreateIncidentCommand): Promise<CreateIncidentResult> {
    try {
      return await this.attempt(cmd);
    } catch (e) {
      // A concurrent duplicate committed first: the retry finds it by its dedupe key.
      if (cmd.dedupeKey && e instanceof AlertError && e.code === 'alert/conflict') return this.attempt(cmd);
      throw e;
    }
  }

  private async attempt(cmd: CreateIncidentCommand): Promise<CreateIncidentResult> {
    const { draft, principal } = cmd;
    assertMayDraft(principal, draft);
    const named = draft.audience === undefined || draft.audience === 'public' ? null : draft.audience;
    if (named && principal.kind !== 'system') await this.audiences.assertMayAddress(named, principal);
    // An Update or Cancel without an audience keeps its alert's; its texts are checked below.
    if (draft.msgType === 'Alert' || draft.audience !== undefined) checkBroadcastTexts(draft.languages, named);
    // Targeting reads the inventory only; it runs before the transaction so the
    // transaction stays short. An error about one area points at it.
    const targeting = await withAreaPointers(draft.areas, async () => {
      if (principal.kind !== 'system') await this.jurisdictions.assertWithin(draft.areas.map((a) => a.spec), principal.jurisdictionId);
      return draft.msgType === 'Cancel' ? null : assessTargeting(draft.areas, await this.targeter.summarize(draft.areas.map((a) => a.spec)));
    });

    return this.store.transaction(async (tx) => {
      if (cmd.dedupeKey) {
        const seen = await tx.findIncidentByDedupeKey(cmd.dedupeKey);
        if (seen?.alertId) {
          const alert = await tx.findAlertForUpdate(seen.alertId);
          if (alert) return { incident: seen, alert, duplicate: true };
        }
      }
      const now = this.clock.now();
      const incidentId = randomUUID();
      const alertId = randomUUID();
      const ids = messageIdentifiersFor(named, draft);
      const base = {
        id: alertId,
        incidentId,
        state: 'draft' as const,
        msgType: draft.msgType,
        capStatus: draft.status,
        capIdentifier: draft.identifier,
        sender: draft.sender,
        sent: draft.sent,
        hazard: draft.hazard,
        severity: draft.severity,
        urgency: draft.urgency,
        certainty: draft.certainty,
        level1: draft.level1,
        expiresAt: draft.expires,
        languages: draft.languages,
        areas: draft.areas,
        messageIdentifier: ids.primary,
        additionalMessageIdentifier: ids.additionalLanguage,
        geographicalScope: geographicalScope(draft),
        audienceGroupId: named,
        targeting,
        version: 1,
        createdAt: now,
        updatedAt: now,
        releasedAt: null,
        draftedBy: actorRef(cmd.principal),
        jurisdictionId: cmd.principal.jurisdictionId,
        approvedBy: null,
        origin: cmd.principal.kind === 'sensor' ? ('sensor' as const) : ('operator' as const),
      };
      let alert: Alert;
      if (draft.msgType === 'Alert') {
        const code = await tx.allocateMessageCode();
        alert = { ...base, referencesAlertId: null, rootAlertId: alertId, ...code, updateNumber: 0 };
      } else {
        const previous = await this.referencedAlert(tx, draft);
        if (draft.msgType === 'Cancel') assertCancellable(previous);
        else assertUpdatable(previous);
        if (isFinal(previous.state)) {
          throw new AlertError('alert/illegal-transition', `Alert ${previous.id} is ${previous.state}; ${aMsgType(draft.msgType)} can no longer apply to it`);
        }
        if (previous.capStatus !== draft.status) {
          throw new AlertError('alert/illegal-transition', `${AMsgType(draft.msgType)} cannot change status ${previous.capStatus} to ${draft.status}; that is a new alert`);
        }
        // Who may read it is part of what is on air: widening or narrowing it is a new alert.
        if (draft.audience !== undefined && named !== previous.audienceGroupId) {
          throw new AlertError('alert/illegal-transition', `${AMsgType(draft.msgType)} cannot change the audience ${previous.audienceGroupId ?? 'public'} to ${named ?? 'public'}; that is a new alert`, '/audience');
        }
        if (draft.audience === undefined) checkBroadcastTexts(draft.languages, previous.audienceGroupId);
        const audience = previous.audienceGroupId;
        const sameIds = messageIdentifiersFor(audience, draft);
        const sameCode = { messageCode: previous.messageCode, codeCycle: previous.codeCycle, rootAlertId: previous.rootAlertId, referencesAlertId: previous.id };
        alert =
          draft.msgType === 'Update'
            ? // TS 23.041 §9.4.1.2.1: an Update keeps the message code and advances the update number.
              { ...base, ...sameCode, audienceGroupId: audience, messageIdentifier: sameIds.primary, additionalMessageIdentifier: sameIds.additionalLanguage, geographicalScope: updateScope(previous, sameIds.primary, base.geographicalScope), updateNumber: (previous.updateNumber + 1) % 16 }
            : // A Cancel kills exactly what is on air: the same identifiers and serial number.
              {
                ...base,
                ...sameCode,
                audienceGroupId: audience,
                messageIdentifier: previous.messageIdentifier,
                additionalMessageIdentifier: previous.additionalMessageIdentifier,
                geographicalScope: previous.geographicalScope,
                updateNumber: previous.updateNumber,
                areas: draft.areas.length > 0 ? draft.areas : previous.areas,
                targeting: previous.targeting,
              };
      }
      const incident: Incident = {
        id: incidentId,
        source: cmd.source,
        format: cmd.format,
        dedupeKey: cmd.dedupeKey,
        hazard: draft.hazard,
        payload: cmd.payload,
        raw: cmd.raw,
        alertId,
        receivedAt: now,
        sensorId: cmd.principal.kind === 'sensor' ? cmd.principal.id : null,
        jurisdictionId: cmd.principal.jurisdictionId,
      };
      await tx.insertIncident(incident);
      await tx.insertAlert(alert);
      await tx.audit({
        actor: actorRef(cmd.principal),
        action: 'alert.drafted',
        subjectType: 'alert',
        subjectId: alert.id,
        details: { incidentId, msgType: alert.msgType, status: alert.capStatus, references: alert.referencesAlertId, source: cmd.source, audience: alert.audienceGroupId ?? 'public', ...(cmd.principal.via ? { via: cmd.principal.via } : {}) },
      });
      return { incident, alert, duplicate: false };
    });
  }

  private async referencedAlert(tx: AlertTransaction, draft: IncidentDraft): Promise<Alert> {
    const ref = draft.references;
    if (ref?.alertId) {
      const a = await tx.findAlertForUpdate(ref.alertId);
      if (a) return a;
      throw new AlertError('alert/unknown-reference', `references names no known alert (${ref.alertId})`, '/references');
    }
    // CAP lists every earlier message of the chain; the newest known one is the one on air.
    let newest: Alert | null = null;
    for (const r of ref?.cap ?? []) {
      const a = await tx.findAlertByCapIdentity(r.sender, r.identifier, new Date(r.sent));
      if (a && (!newest || a.createdAt > newest.createdAt)) newest = a;
    }
    if (!newest) {
      throw new AlertError('alert/unknown-reference', `references names no known alert (${(ref?.cap ?? []).map((r) => r.identifier).join(' ') || 'none given'})`, 'alert/references');
    }
    return newest.id ? ((await tx.findAlertForUpdate(newest.id)) ?? newest) : newest;
  }
}

// Operators draft; approvers may draft the Cancel or Update of an alert; sensors report.
function assertMayDraft(p: Principal, draft: IncidentDraft): void {
  if (p.kind !== 'user') return;
  if (hasRole(p, 'operator')) return;
  if (draft.msgType !== 'Alert' && hasRole(p, 'approver')) return;
  throw new AlertError('alert/forbidden', draft.msgType === 'Alert' ? 'Drafting an alert needs the operator role' : `Drafting ${aMsgType(draft.msgType)} needs the operator or approver role`);
}
