import type { Alert } from './alert';

// TS 23.041 §9.4.1.2.1: geographical scope 0 is cell wide with immediate display,
// which is what an alert that must be read at once needs; others display normally (3).
export function geographicalScope(d: Pick<Alert, 'severity' | 'urgency' | 'level1'>): 0 | 3 {
  return d.level1 || (d.severity === 'Extreme' && d.urgency === 'Immediate') ? 0 : 3;
}

// TS 23.041 §9.4.1.2.1: a handset takes a message as an update of one it holds only when the
// message identifier, the geographical scope and the message code match (and the update number
// differs). An Update that keeps its identifier therefore keeps the scope of the message it
// updates, whatever its new severity would choose. One whose identifier changed (a severity or
// urgency that moves it to another CMAS/EU-Alert channel) cannot match on any handset: the fan-out
// kills the old message everywhere and the Update goes on air as a new message, with the scope its
// own classification chooses (docs/broadcast-format.md, "Updates").
export function updateScope(previous: Pick<Alert, 'messageIdentifier' | 'geographicalScope'>, messageIdentifier: number, ownScope: Alert['geographicalScope']): Alert['geographicalScope'] {
  return messageIdentifier === previous.messageIdentifier ? previous.geographicalScope : ownScope;
}
