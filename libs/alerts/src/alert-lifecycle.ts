import { AlertError } from './alert-error';

export const ALERT_STATES = [
  'draft',
  'pending_approval',
  'approved',
  'broadcasting',
  'active',
  'expired',
  'updated',
  // A released Cancel is killing this alert's cells; cancelled once every kill is finished.
  'cancelling',
  'cancelled',
  // A Cancel's own states after approval: its kills are being sent, then every one is finished.
  'killing',
  'done',
] as const;
export type AlertState = (typeof ALERT_STATES)[number];

// The lifecycle, one edge per allowed move. An alert that is on air (broadcasting or
// active) leaves it by expiring, by being replaced by a released Update, or by a Cancel
// (cancelling while the kills run, then cancelled). A Cancel puts nothing on air: once
// approved it is killing, then done.
const EDGES: Record<AlertState, readonly AlertState[]> = {
  draft: ['pending_approval', 'cancelled'],
  pending_approval: ['approved', 'draft', 'cancelled'],
  // Back to pending when edited after approval, before the fan-out took it.
  approved: ['broadcasting', 'cancelling', 'cancelled', 'pending_approval', 'killing'],
  broadcasting: ['active', 'expired', 'updated', 'cancelling'],
  active: ['expired', 'updated', 'cancelling'],
  cancelling: ['cancelled'],
  killing: ['done'],
  expired: [],
  updated: [],
  cancelled: [],
  done: [],
};

// States only a Cancel takes, and states a Cancel never takes.
const CANCEL_ONLY: readonly AlertState[] = ['killing', 'done'];
const NEVER_A_CANCEL: readonly AlertState[] = ['broadcasting', 'active', 'expired', 'updated', 'cancelling'];

export function canTransition(from: AlertState, to: AlertState): boolean {
  return EDGES[from].includes(to);
}

export function assertTransition(from: AlertState, to: AlertState): void {
  if (!canTransition(from, to)) {
    throw new AlertError('alert/illegal-transition', `An alert cannot go from ${from} to ${to}`);
  }
}

// The move of one alert: its edge, and whether its kind ever takes the state.
export function assertMove(alert: { state: AlertState; msgType: string }, to: AlertState): void {
  const cancel = alert.msgType === 'Cancel';
  if (cancel ? NEVER_A_CANCEL.includes(to) : CANCEL_ONLY.includes(to)) {
    throw new AlertError('alert/illegal-transition', `${cancel ? 'A' : 'An'} ${alert.msgType} cannot go from ${alert.state} to ${to}`);
  }
  assertTransition(alert.state, to);
}

export function isOnAir(state: AlertState): boolean {
  return state === 'broadcasting' || state === 'active';
}

export function isFinal(state: AlertState): boolean {
  return EDGES[state].length === 0;
}
