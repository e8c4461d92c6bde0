import type { Alert } from './alert';
import { AlertError } from './alert-error';
import { assertTransition } from './alert-lifecycle';
import { move } from './move-alert';
import { assertStillApplies } from './cancel-rules';
import type { AlertStore, AlertTransaction, Clock } from './ports';
import { actorRef, hasRole, type Principal } from '@faro/identity';
import type { Actor, ReleasePolicy } from './release-policy';

// Release commits the alert's new state and its fan-out intent in one transaction
// (transactional outbox): the worker's relay turns the outbox row into queue work.
export class ReleaseAlert {
  constructor(
    private readonly store: AlertStore,
    private readonly policy: ReleasePolicy,
    private readonly clock: Clock,
  ) {}

  async run(id: string, principal: Principal): Promise<Alert> {
    return this.store.transaction(async (tx) => {
      let alert = await tx.findAlertForUpdate(id);
      if (!alert) throw new AlertError('alert/not-found', `No alert ${id}`);
      await this.policy.assertMayRelease(alert, principal);
      // A draft released without an explicit submission was submitted by its drafter's draft:
      // the trail names the drafter as submitter and the approver as the one who released it.
      if (alert.state === 'draft') alert = await move(tx, alert, 'pending_approval', actorOf(alert.draftedBy), this.clock, { submittedOnReleaseBy: actorRef(principal) });
      assertTransition(alert.state, 'approved');
      const single = alert.draftedBy === actorRef(principal);
      alert = await move(tx, { ...alert, releasedAt: this.clock.now(), approvedBy: actorRef(principal) }, 'approved', principal, this.clock, {
        approvedBy: actorRef(principal),
        draftedBy: alert.draftedBy,
        ...(single ? { singleApprover: true, reason: 'cancel of a live alert' } : {}),
      });
      // A Cancel or Update is checked again against what its target is now; a Cancel takes its
      // target off air in this transaction, so a second Cancel released after it is refused.
      const target = await assertStillApplies(tx, alert);
      if (alert.msgType === 'Cancel' && target) await move(tx, target, 'cancelling', principal, this.clock, { cancelledBy: alert.id });
      await tx.enqueueOutbox(alert.msgType === 'Cancel' ? 'alert.kill' : 'alert.fanout', alert.id);
      return alert;
    });
  }
}

export class SubmitAlert {
  constructor(
    private readonly store: AlertStore,
    private readonly clock: Clock,
  ) {}

  async run(id: string, principal: Principal): Promise<Alert> {
    if (principal.kind === 'user' && !hasRole(principal, 'operator')) {
      throw new AlertError('alert/forbidden', 'Submitting an alert for approval needs the operator role');
    }
    return this.store.transaction(async (tx) => {
      const alert = await tx.findAlertForUpdate(id);
      // Another territory's alert is not there for this operator (as for every read).
      if (!alert || (principal.kind === 'user' && !(await this.store.findVisibleAlert(id, principal.jurisdictionId)))) {
        throw new AlertError('alert/not-found', `No alert ${id}`);
      }
      return move(tx, alert, 'pending_approval', principal, this.clock);
    });
  }
}

// 'user:<id>' or 'sensor:<id>' (actorRef) back to an actor.
function actorOf(ref: string): Actor {
  const at = ref.indexOf(':');
  return { kind: ref.slice(0, at) as Actor['kind'], id: ref.slice(at + 1) };
}
