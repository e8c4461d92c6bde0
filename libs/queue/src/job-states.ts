// BullMQ job states in which a job will still run by itself: work re-created from PostgreSQL
// leaves such a job alone. An active job is held by a worker; if that worker died, BullMQ's
// stalled check gives it back to the queue once its lock lapses (workerLock below), so it is
// left alone too. Any other state (failed, completed and removed, or unknown because evicted)
// means the work needs a new job.
const WILL_RUN_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children', 'active']);

export function willRunByItself(state: string): boolean {
  return WILL_RUN_STATES.has(state);
}

// How long a worker's hold on a job lasts without renewal (a live worker renews it at half this)
// and how often workers look for holds that lapsed: a job of a killed worker is back in the queue
// within about lockMs + stalledCheckMs (WORKER_LOCK_MS, WORKER_STALLED_CHECK_MS: 8 + 2 s by
// default), not BullMQ's 30 + 30 s. A job stalled twice fails, and its batch is re-created by the
// relay.
export function workerLock(settings: { WORKER_LOCK_MS: number; WORKER_STALLED_CHECK_MS: number }) {
  return { lockDuration: settings.WORKER_LOCK_MS, stalledInterval: settings.WORKER_STALLED_CHECK_MS, maxStalledCount: 2 } as const;
}
