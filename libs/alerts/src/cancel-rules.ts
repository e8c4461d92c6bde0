import type { Alert } from './alert';
import { AlertError } from './alert-error';
import type { AlertState } from './alert-lifecycle';
import type { AlertTransaction } from './ports';

// What a Cancel may apply to: an alert released and not yet off the air. An approved alert is
// included: its release is committed and the fan-out may take it any moment.
const CANCELLABLE: readonly AlertState[] = ['approved', 'broadcasting', 'active'];

// Refuses a Cancel of an alert that is not on air (409), naming what it is instead. Checked when
// the Cancel is drafted and again when it is released, under the target's row lock.
export function assertCancellable(target: Pick<Alert, 'id' | 'state' | 'msgType'>): void {
  if (target.state === 'cancelling' || target.state === 'cancelled') {
    throw new AlertError('alert/already-cancelled', `Alert ${target.id} is ${target.state}: another Cancel already took it off the air`);
  }
  if (target.msgType === 'Cancel') {
    throw new AlertError('alert/not-on-air', `Alert ${target.id} is a Cancel; a Cancel applies to an alert or Update on air`);
  }
  if (!CANCELLABLE.includes(target.state)) {
    throw new AlertError('alert/not-on-air', `Alert ${target.id} is ${target.state}, not on air: there is nothing to cancel`);
  }
}

// An Update of an alert being cancelled, or gone, would put back on air what was taken off it.
export function assertUpdatable(target: Pick<Alert, 'id' | 'state'>): void {
  if (target.state === 'cancelling' || target.state === 'cancelled') {
    throw new AlertError('alert/already-cancelled', `Alert ${target.id} is ${target.state}; an Update can no longer apply to it`);
  }
  if (target.state === 'expired') {
    throw new AlertError('alert/not-on-air', `Alert ${target.id} has expired; an Update can no longer apply to it: draft a new alert`);
  }
}

// At release: the Cancel's or Update's target, locked and checked again (another Cancel may have
// been released since this one was drafted). Null for an Alert.
export async function assertStillApplies(tx: AlertTransaction, alert: Pick<Alert, 'msgType' | 'referencesAlertId'>): Promise<Alert | null> {
  if (alert.msgType === 'Alert' || !alert.referencesAlertId) return null;
  const target = await tx.findAlertForUpdate(alert.referencesAlertId);
  if (!target) throw new AlertError('alert/unknown-reference', `references names no known alert (${alert.referencesAlertId})`);
  if (alert.msgType === 'Cancel') assertCancellable(target);
  else assertUpdatable(target);
  return target;
}
