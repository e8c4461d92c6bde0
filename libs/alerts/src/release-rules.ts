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
// - an operator-drafted alert needs a second person: the drafter cannot approve it, except
//   that a Cancel or a correction (Update) of an alert on air may be released by the one
//   approver who drafted it, at once; the release is then audited as single-approver;
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
      if (alert.draftedBy === actorRef(p) && !isUrgentCorrection(alert)) {
        throw new AlertError('alert/own-approval', 'The drafter of an alert cannot approve it: a second approver must release it');
      }
    }
    if (alert.capStatus !== 'Actual' && !TEST_IDENTIFIERS.has(alert.messageIdentifier)) {
      throw new AlertError('alert/illegal-transition', `A ${alert.capStatus} alert cannot go on air with live message identifier ${alert.messageIdentifier}`);
    }
    if (p.kind !== 'system') await this.jurisdictions.assertWithin(alert.areas.map((a) => a.spec), p.jurisdictionId);
  }
}

// A Cancel, or an Update of an alert already on air: speed matters more than a second pair of eyes.
export function isUrgentCorrection(alert: Pick<Alert, 'msgType' | 'referencesAlertId'>): boolean {
  return alert.msgType === 'Cancel' || (alert.msgType === 'Update' && alert.referencesAlertId !== null);
}
