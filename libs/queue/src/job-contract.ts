import type { Queue } from 'bullmq';
import { fanoutJobId, JOB_QUEUE, pushJobId, reportJobId, uplinkJobId, type JobName, type JobPayloads } from './job-names';
import { willRunByItself } from './job-states';

// How many times a job runs before it gives up, and the first of its exponential backoffs: one
// policy, each queue's figures from configuration (libs/config).
export interface RetrySettings {
  FANOUT_ATTEMPTS: number;
  FANOUT_BACKOFF_MS: number;
  UPLINK_ATTEMPTS: number;
  UPLINK_BACKOFF_MS: number;
  PUSH_ATTEMPTS: number;
  PUSH_BACKOFF_MS: number;
}

// The first addBulk of a large enqueue: two waves of the uplink worker's 16 jobs.
const FIRST_ADD = 32;

const RETRY: Record<JobName, (s: RetrySettings) => { attempts: number; delay: number }> = {
  'alert.fanout': (s) => ({ attempts: s.FANOUT_ATTEMPTS, delay: s.FANOUT_BACKOFF_MS }),
  'alert.kill': (s) => ({ attempts: s.FANOUT_ATTEMPTS, delay: s.FANOUT_BACKOFF_MS }),
  'uplink.batch': (s) => ({ attempts: s.UPLINK_ATTEMPTS, delay: s.UPLINK_BACKOFF_MS }),
  'push.send': (s) => ({ attempts: s.PUSH_ATTEMPTS, delay: s.PUSH_BACKOFF_MS }),
  // A report reads a snapshot and writes one row: a second try covers a worker that died; a
  // third would only repeat a fault of the data or the code.
  'report.period': () => ({ attempts: 2, delay: 5_000 }),
};

const JOB_ID: { [N in JobName]: (data: JobPayloads[N], redispatch?: string) => string } = {
  'alert.fanout': fanoutJobId,
  'alert.kill': fanoutJobId,
  'uplink.batch': uplinkJobId,
  'push.send': pushJobId,
  'report.period': reportJobId,
};

export interface EnqueueOptions {
  priority?: number;
  // Work re-created from PostgreSQL whose first job will not run: a fresh id (job-names.ts).
  redispatch?: string;
}

// The options every job is added with: its deterministic id, the retry policy of its kind, and
// completed jobs removed so that work re-created from PostgreSQL is never taken for work done;
// failed ones kept a day for whoever looks.
export function jobOptions<N extends JobName>(name: N, data: JobPayloads[N], retry: RetrySettings, o: EnqueueOptions = {}) {
  const { attempts, delay } = RETRY[name](retry);
  return {
    jobId: JOB_ID[name](data, o.redispatch),
    ...(o.priority === undefined ? {} : { priority: o.priority }),
    attempts,
    backoff: { type: 'exponential' as const, delay },
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600 },
  };
}

// The one way work is put on a queue: each job name goes to its queue (JOB_QUEUE) with
// jobOptions. Queues are BullMQ's, whichever backend carries them.
export class JobQueues {
  constructor(
    private readonly queues: Readonly<Record<string, Pick<Queue, 'add' | 'addBulk' | 'getJobState'>>>,
    private readonly retry: RetrySettings,
  ) {
    for (const [name, queue] of Object.entries(JOB_QUEUE)) {
      if (!queues[queue]) throw new Error(`job ${name} goes to queue ${queue}, which was not given`);
    }
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], o: EnqueueOptions = {}): Promise<void> {
    await this.queues[JOB_QUEUE[name]].add(name, data, jobOptions(name, data, this.retry, o));
  }

  // In slices of 500, each one round trip.
  async addBulk<N extends JobName>(name: N, items: JobPayloads[N][], o: EnqueueOptions = {}): Promise<void> {
    await this.addEachAt(name, items.map((data) => ({ data, priority: o.priority })), o);
  }

  // The same, each job at its own priority (uplink batches: libs/alerts batch-priority.ts).
  async addEachAt<N extends JobName>(name: N, items: Array<{ data: JobPayloads[N]; priority?: number }>, o: Omit<EnqueueOptions, 'priority'> = {}): Promise<void> {
    // Most urgent first (BullMQ runs the lowest priority first; equal ones keep their order), and
    // a few first, alone: a worker can take them while the rest are added (a national alert's 762
    // batches took BullMQ 20 ms to add, the first ones included).
    const urgentFirst = [...items].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
    const jobs = urgentFirst.map(({ data, priority }) => ({ name, data, opts: jobOptions(name, data, this.retry, { ...o, priority }) }));
    for (let i = 0; i < jobs.length; ) {
      const n = i === 0 ? FIRST_ADD : 500;
      await this.queues[JOB_QUEUE[name]].addBulk(jobs.slice(i, i + n));
      i += n;
    }
  }

  // Whether the first job of this work will still run by itself (job-states.ts): if not, the
  // work is added again under a fresh id.
  async willRun<N extends JobName>(name: N, data: JobPayloads[N]): Promise<boolean> {
    return willRunByItself(await this.queues[JOB_QUEUE[name]].getJobState(JOB_ID[name](data)));
  }
}

// The worker's processors each say which job names they handle; the worker refuses to start
// when a name has no handler or two (a job nobody would take would sit in its queue forever).
export function checkJobHandlers(handlers: ReadonlyArray<{ processor: string; queue: string; handles: readonly string[] }>): void {
  const problems: string[] = [];
  for (const name of Object.keys(JOB_QUEUE) as JobName[]) {
    const by = handlers.filter((h) => h.handles.includes(name));
    if (by.length === 0) problems.push(`job ${name} has no handler`);
    if (by.length > 1) problems.push(`job ${name} has ${by.length} handlers: ${by.map((h) => h.processor).join(', ')}`);
    for (const h of by) if (h.queue !== JOB_QUEUE[name]) problems.push(`${h.processor} handles ${name} on queue ${h.queue}, but ${name} goes to ${JOB_QUEUE[name]}`);
  }
  for (const h of handlers) for (const name of h.handles) if (!(name in JOB_QUEUE)) problems.push(`${h.processor} handles ${name}, which is no job`);
  if (problems.length > 0) throw new Error(`the worker's job handlers do not match the job names: ${problems.join('; ')}`);
}

// A processor's guard in process(): a job it does not handle is an error, not silently done.
export function assertHandles(processor: { handles: readonly string[]; name: string }, jobName: string): void {
  if (!processor.handles.includes(jobName)) throw new Error(`${processor.name} does not handle job ${jobName}`);
}
