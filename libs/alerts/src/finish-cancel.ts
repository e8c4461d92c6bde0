import type { Alert } from './alert';
import { move } from './move-alert';
import type { AlertTransaction, Clock } from './ports';

const fanout = { id: 'fanout', kind: 'system' as const };

// Every kill batch of a Cancel is finished (done, or failed for good): the Cancel is done and
// its target, cancelling since the release, is cancelled. Not before: until then some of its
// cells may still be on air. Locks the Cancel, then its target (the order the planner uses).
export async function finishCancel(tx: AlertTransaction, cancel: Alert, clock: Clock, details: Record<string, unknown> = {}): Promise<Alert> {
  const done = await move(tx, cancel, 'done', fanout, clock, { reason: 'every kill finished', ...details });
  const target = cancel.referencesAlertId ? await tx.findAlertForUpdate(cancel.referencesAlertId) : null;
  if (target?.state === 'cancelling') await move(tx, target, 'cancelled', fanout, clock, { cancelledBy: cancel.id });
  return done;
}
