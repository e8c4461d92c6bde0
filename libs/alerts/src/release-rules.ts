import { actorRef, hasRole, type Principal } from '@faro/identity';
import type { AreaSpec } from '@faro/targeting';
import type { Alert } from './alert';
import { AlertError } from './alert-error';
import type { ReleasePolicy } from './release-policy';

// Whether areas lie within a jurisdiction; throws a typed 403 error naming the part outside.
export interface JurisdictionGuard {
  assertWithin(areas: AreaSpec[], jurisdictionId: string): Promise<void>;
}

const TEST_IDENTIFIERS = new Set([4380, 4381, 4398, 4399, 4393, 4394]);

// Who may release what (issue 3):
// - a user needs the approver role; a sensor releases only its own alerts (its auto policy
//   was checked before it asks);
// - an operator-drafted alert needs a second person: the drafter cannot approve it. The one
//   exception is a Cancel, which can only take a warning off the air: the approver who drafted
//   it may release it at once, audited as single-approver. An Update puts new text, severity or
//   area on air, so it needs a second person like any alert;
// - the alert's areas must lie within the releaser's jurisdiction;
// - a test or exercise alert stays one: its identifiers were chosen from its status when it
//   was drafted, and a status never changes (a new status is a new alert).
export class RoleAndJurisdictionPolicy implements ReleasePolicy {
  constructor(private readonly jurisdictions: JurisdictionGuard) {}

  async assertMayRelease(alert: Alert, p: Principal): Promise<void> {
    if (p.kind === 'sensor') {
      if (alert.draftedBy !== actorRef(p)) {
        throw new AlertError('alert/forbidden', `Sensor ${p.id} may release only the alerts it reported`);
      }
    } else if (p.kind === 'user') {
      if (!hasRole(p, 'approver')) throw new AlertError('alert/forbidden', 'Releasing an alert needs the approver role');
      if (alert.draftedBy === actorRef(p) && !isSingleApproverCancel(alert)) {
        const what = alert.msgType === 'Update' ? 'an Update (it puts new content on air)' : 'an alert';
        throw new AlertError('alert/own-approval', `The drafter of ${what} cannot approve it: a second approver must release it`);
      }
    }
    if (alert.capStatus !== 'Actual' && !TEST_IDENTIFIERS.has(alert.messageIdentifier)) {
      throw new AlertError('alert/illegal-transition', `${alert.capStatus === 'Exercise' ? 'An' : 'A'} ${alert.capStatus} alert cannot go on air with live message identifier ${alert.messageIdentifier}`);
    }
    if (p.kind !== 'system') await this.jurisdictions.assertWithin(alert.areas.map((a) => a.spec), p.jurisdictionId);
  }
}

// A Cancel only takes a warning off the air: speed matters more than a second pair of eyes.
export function isSingleApproverCancel(alert: Pick<Alert, 'msgType'>): boolean {
  return alert.msgType === 'Cancel';
}
