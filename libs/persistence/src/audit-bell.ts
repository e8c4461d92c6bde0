// Tells this process's audit sealer that entries were committed and wait to be chained, so they
// are sealed within milliseconds rather than at its next sweep. In process memory only: entries
// committed by another process are found by that process's sealer or by any sealer's sweep.
const appendedIn = new WeakSet<object>();
const listeners = new Set<() => void>();

/** An entry was appended inside the transaction of `runner`: ring once it commits. */
export function noteAuditAppended(runner: object): void {
  appendedIn.add(runner);
}

/** After a commit: rings when the transaction appended audit entries. */
export function auditCommitted(runner: object): void {
  if (appendedIn.delete(runner)) ringAuditBell();
}

export function ringAuditBell(): void {
  for (const l of listeners) l();
}

/** Subscribes a sealer; returns its unsubscribe. */
export function onAuditBell(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
