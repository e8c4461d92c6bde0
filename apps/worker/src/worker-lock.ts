import { CONFIG_VARIABLES } from '@faro/config';
import { workerLock } from '@faro/queue';

// BullMQ takes its lock settings only when a worker is built, from the processors' decorators,
// which run when this module loads, before Nest or the config exist. So the two settings are read
// from the environment here; an invalid value falls back to its default, and main's config check
// reports it and stops the process anyway.
function setting(name: 'WORKER_LOCK_MS' | 'WORKER_STALLED_CHECK_MS'): number {
  const schema = CONFIG_VARIABLES[name].schema;
  const parsed = schema.safeParse(process.env[name]);
  return parsed.success ? parsed.data : schema.parse(undefined);
}

export const WORKER_LOCK_OPTIONS = workerLock({ WORKER_LOCK_MS: setting('WORKER_LOCK_MS'), WORKER_STALLED_CHECK_MS: setting('WORKER_STALLED_CHECK_MS') });
