import type { Alert } from './alert';
import { AlertError } from './alert-error';
import type { AlertStore, Clock } from './ports';
import { actorRef, hasRole, type Principal } from '@faro/identity';
import { move } from './move-alert';

export const REJECTION_REASON_MAX = 500;

// An approver sends a pending alert back to its drafter as a draft, saying why. The reason goes
// into the audit entry with the approver and how they authenticated, so the drafter (and the
// auditor) read it there; the drafter edits and submits again, or lets it lie.
export class RejectAlert {
  constructor(
    private readonly store: AlertStore,
    private readonly clock: Clock,
  ) {}

  async run(id: string, reason: string, principal: Principal): Promise<Alert> {
    if (principal.kind !== 'user' || !hasRole(principal, 'approver')) {
      throw new AlertError('alert/forbidden', 'Rejecting an alert needs the approver role');
    }
    const why = reason.trim();
    if (why.length === 0 || why.length > REJECTION_REASON_MAX) {
      throw new AlertError('alert/invalid-incident', `/reason: a rejection says why, in 1 to ${REJECTION_REASON_MAX} characters`, '/reason');
    }
    return this.store.transaction(async (tx) => {
      const alert = await tx.findAlertForUpdate(id);
      // Another territory's alert is not there for this approver (as for every read).
      if (!alert || !(await this.store.findVisibleAlert(id, principal.jurisdictionId))) throw new AlertError('alert/not-found', `No alert ${id}`);
      if (alert.state !== 'pending_approval') throw new AlertError('alert/illegal-transition', `Only an alert awaiting approval is rejected; this one is ${alert.state}`);
      return move(tx, alert, 'draft', principal, this.clock, { rejectedBy: actorRef(principal), reason: why, draftedBy: alert.draftedBy });
    });
  }
}
