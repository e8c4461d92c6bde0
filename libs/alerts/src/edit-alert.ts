import { actorRef, hasRole, type Principal } from '@faro/identity';
import type { Alert } from './alert';
import { AlertError } from './alert-error';
import { assessTargeting, withAreaPointers } from './assess-targeting';
import { checkBroadcastTexts, messageIdentifiersFor } from './audience';
import type { AlertArea, AlertLanguage, Certainty, Severity, Urgency } from './incident-draft';
import { move } from './move-alert';
import { geographicalScope, updateScope } from './update-scope';
import type { JurisdictionGuard } from './release-rules';
import type { AlertStore, Clock, Targeter } from './ports';

// What an edit may change. Status is not among them: Actual/Exercise/Test is chosen once
// and a different status is a new alert.
export interface AlertEdit {
  languages?: AlertLanguage[];
  areas?: AlertArea[];
  severity?: Severity;
  urgency?: Urgency;
  certainty?: Certainty;
  expires?: Date;
}

// An alert can be edited until it goes on air. An edit after approval sends it back to
// pending approval: the approval was for the old content. The outbox entry of the old
// approval is closed so the relay does not fan it out.
export class EditAlert {
  constructor(
    private readonly store: AlertStore,
    private readonly targeter: Targeter,
    private readonly jurisdictions: JurisdictionGuard,
    private readonly clock: Clock,
  ) {}

  async run(id: string, edit: AlertEdit, principal: Principal): Promise<Alert> {
    if (principal.kind === 'user' && !hasRole(principal, 'operator')) throw new AlertError('alert/forbidden', 'Editing an alert needs the operator role');
    // As when drafting (parseIncidentJson): an alert that has already expired would never go on air.
    if (edit.expires && edit.expires.getTime() <= this.clock.now().getTime()) {
      throw new AlertError('alert/invalid-incident', '/expires: must be in the future', '/expires');
    }
    const areas = edit.areas;
    const targeting = areas
      ? await withAreaPointers(areas, async () => {
          await this.jurisdictions.assertWithin(areas.map((a) => a.spec), principal.jurisdictionId);
          return assessTargeting(areas, await this.targeter.summarize(areas.map((a) => a.spec)));
        })
      : undefined;
    return this.store.transaction(async (tx) => {
      let alert = await tx.findAlertForUpdate(id);
      if (!alert || (principal.kind === 'user' && !(await this.store.findVisibleAlert(id, principal.jurisdictionId)))) {
        throw new AlertError('alert/not-found', `No alert ${id}`);
      }
      if (!['draft', 'pending_approval', 'approved'].includes(alert.state)) {
        throw new AlertError('alert/illegal-transition', `An alert that is ${alert.state} can no longer be edited; send an Update or a Cancel`);
      }
      if (alert.msgType === 'Cancel') throw new AlertError('alert/illegal-transition', 'A Cancel is not edited; cancel it and draft another');
      // The audience is the alert's: a group's texts are sealed, a public one's encoded for the air.
      if (edit.languages) checkBroadcastTexts(edit.languages, alert.audienceGroupId);
      const wasApproved = alert.state === 'approved';
      const severity = edit.severity ?? alert.severity;
      const urgency = edit.urgency ?? alert.urgency;
      const certainty = edit.certainty ?? alert.certainty;
      const ids = messageIdentifiersFor(alert.audienceGroupId, { status: alert.capStatus, severity, urgency, certainty, level1: alert.level1 });
      // The scope follows the edited classification as at drafting; an Update's, the message it updates.
      const own = geographicalScope({ severity, urgency, level1: alert.level1 });
      const previous = alert.msgType === 'Update' && alert.referencesAlertId ? await tx.findAlertForUpdate(alert.referencesAlertId) : null;
      const edited: Alert = {
        ...alert,
        languages: edit.languages ?? alert.languages,
        areas: areas ?? alert.areas,
        severity,
        urgency,
        certainty,
        expiresAt: edit.expires ?? alert.expiresAt,
        messageIdentifier: ids.primary,
        additionalMessageIdentifier: ids.additionalLanguage,
        geographicalScope: previous ? updateScope(previous, ids.primary, own) : own,
        targeting: targeting ?? alert.targeting,
        approvedBy: null,
        releasedAt: null,
      };
      if (wasApproved) {
        await tx.closeOutbox(alert.id, 'superseded by an edit after approval');
        alert = await move(tx, edited, 'pending_approval', principal, this.clock, { edited: Object.keys(edit), by: actorRef(principal), reason: 'edit after approval' });
      } else {
        alert = { ...edited, version: alert.version + 1, updatedAt: this.clock.now() };
        await tx.saveAlertContent(alert);
        await tx.audit({ actor: actorRef(principal), action: 'alert.edited', subjectType: 'alert', subjectId: id, details: { edited: Object.keys(edit), state: alert.state, ...(principal.via ? { via: principal.via } : {}) } });
      }
      return alert;
    });
  }
}
