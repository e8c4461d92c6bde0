import type { AlertState } from './alert-lifecycle';

// Why a queued cell of an alert leaving the air was never transmitted: the delivery's reason,
// the same whether a Cancel or Update planner dropped its batch or the batch's own job did.
export function notTransmittedReason(state: AlertState): string {
  const why: Partial<Record<AlertState, string>> = { cancelling: 'cancelled', cancelled: 'cancelled', updated: 'replaced', expired: 'expired' };
  return `${why[state] ?? state} before transmission`;
}
