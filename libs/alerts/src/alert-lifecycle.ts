import { AlertError } from './alert-error';

export const ALERT_STATES = [
  'draft',
  'pending_approval',
  'approved',
  'broadcasting',
  'active',
  'expired',
  'updated',
  'cancelled',
] as const;
export type AlertState = (typeof ALERT_STATES)[number];

// The lifecycle, one edge per allowed move. An alert that is on air (broadcasting or
// active) leaves it by expiring, by being replaced by a released Update, or by a Cancel.
const EDGES: Record<AlertState, readonly AlertState[]> = {
  draft: ['pending_approval', 'cancelled'],
  pending_approval: ['approved', 'draft', 'cancelled'],
  // Back to pending when edited after approval, before the fan-out took it.
  approved: ['broadcasting', 'cancelled', 'pending_approval'],
  broadcasting: ['active', 'expired', 'updated', 'cancelled'],
  active: ['expired', 'updated', 'cancelled'],
  expired: [],
  updated: [],
  cancelled: [],
};

export function canTransition(from: AlertState, to: AlertState): boolean {
  return EDGES[from].includes(to);
}

export function assertTransition(from: AlertState, to: AlertState): void {
  if (!canTransition(from, to)) {
    throw new AlertError('alert/illegal-transition', `An alert cannot go from ${from} to ${to}`);
  }
}

export function isOnAir(state: AlertState): boolean {
  return state === 'broadcasting' || state === 'active';
}

export function isFinal(state: AlertState): boolean {
  return EDGES[state].length === 0;
}
