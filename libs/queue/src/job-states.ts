// BullMQ job states in which a job will still run by itself: work re-created from PostgreSQL
// leaves such a job alone. Any other state (active in a worker that may be dead, failed,
// completed and removed, or unknown because evicted) means the work needs a new job.
const WAITING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

export function willRunByItself(state: string): boolean {
  return WAITING_STATES.has(state);
}
