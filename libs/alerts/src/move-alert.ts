import type { Alert } from './alert';
import { assertMove } from './alert-lifecycle';
import type { AlertTransaction, Clock } from './ports';
import type { Actor } from './release-policy';

// The alert state gate: every state change goes through here, checked against the lifecycle,
// saved with its version and audited (with how the actor authenticated).
export async function move(tx: AlertTransaction, alert: Alert, to: Alert['state'], actor: Actor, clock: Clock, details: Record<string, unknown> = {}): Promise<Alert> {
  assertMove(alert, to);
  const next: Alert = { ...alert, state: to, version: alert.version + 1, updatedAt: clock.now() };
  await tx.saveAlert(next);
  await tx.audit({
    actor: `${actor.kind}:${actor.id}`,
    action: `alert.${to}`,
    subjectType: 'alert',
    subjectId: alert.id,
    // How the actor authenticated (session + TOTP, which API token, a signed webhook).
    details: { from: alert.state, to, version: next.version, ...details, ...(actor.via ? { via: actor.via } : {}) },
  });
  return next;
}
