import { PRIORITY_LIMIT } from 'bullmq';
import { batchPriority, MAX_ALERT_TIER } from '@faro/alerts';
import { assertHandles, checkJobHandlers, jobOptions, JobQueues, type RetrySettings } from './job-contract';
import { QUEUES } from './job-names';

const RETRY: RetrySettings = { FANOUT_ATTEMPTS: 5, FANOUT_BACKOFF_MS: 500, UPLINK_ATTEMPTS: 6, UPLINK_BACKOFF_MS: 50, PUSH_ATTEMPTS: 8, PUSH_BACKOFF_MS: 1000 };
const BATCH = { alertId: 'a1', routeId: 'ter-tim', batch: 3, kind: 'broadcast' as const, gatewayId: 'cbc-tim' };

// A queue that records what it was given and answers job states from a table.
function fakeQueue(states: Record<string, string> = {}) {
  const added: { name: string; data: unknown; opts: Record<string, unknown> }[] = [];
  const slices: number[] = [];
  return {
    added,
    slices,
    add: async (name: string, data: unknown, opts: Record<string, unknown>) => void added.push({ name, data, opts }),
    addBulk: async (jobs: { name: string; data: unknown; opts: Record<string, unknown> }[]) => void (slices.push(jobs.length), added.push(...jobs)),
    getJobState: async (id: string) => states[id] ?? 'unknown',
  };
}

describe('the job contract', () => {
  it('gives each kind of job its id, the retry policy of its kind from the settings, and removal when completed', () => {
    expect(jobOptions('uplink.batch', BATCH, RETRY, { priority: 1 })).toEqual({
      jobId: 'uplink/a1/ter-tim/3',
      priority: 1,
      attempts: 6,
      backoff: { type: 'exponential', delay: 50 },
      removeOnComplete: true,
      removeOnFail: { age: 86400 },
    });
    expect(jobOptions('alert.kill', { alertId: 'a1', outboxId: 7 }, RETRY, { redispatch: '1700' })).toMatchObject({ jobId: 'fanout/a1/7/r1700', attempts: 5, backoff: { delay: 500 } });
    expect(jobOptions('push.send', { notificationId: 4 }, RETRY)).toMatchObject({ jobId: 'push/4', attempts: 8, backoff: { delay: 1000 } });
    expect(jobOptions('push.send', { notificationId: 4 }, RETRY)).not.toHaveProperty('priority');
  });

  it('puts each job on its own queue: a first slice of 32, which a worker can take at once, then slices of 500', async () => {
    const [fanout, uplink, push, reports] = [fakeQueue(), fakeQueue(), fakeQueue(), fakeQueue()];
    const jobs = new JobQueues({ [QUEUES.fanout]: fanout, [QUEUES.uplink]: uplink, [QUEUES.push]: push, [QUEUES.reports]: reports } as never, RETRY);
    await jobs.add('alert.fanout', { alertId: 'a1', outboxId: 1 });
    await jobs.addBulk('uplink.batch', Array.from({ length: 1001 }, (_, i) => ({ ...BATCH, batch: i })), { priority: 2 });
    await jobs.add('push.send', { notificationId: 9 });
    await jobs.add('report.period', { reportJobId: 'r1' });
    expect(reports.added.map((j) => [j.opts.jobId, j.opts.attempts])).toEqual([['report/r1', 2]]);
    expect(fanout.added.map((j) => j.name)).toEqual(['alert.fanout']);
    expect(uplink.added).toHaveLength(1001);
    expect(uplink.slices).toEqual([32, 500, 469]);
    expect(uplink.added.map((j) => (j.data as { batch: number }).batch)).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    expect(new Set(uplink.added.map((j) => j.opts.jobId)).size).toBe(1001);
    expect(push.added.map((j) => j.opts.jobId)).toEqual(['push/9']);
  });

  it('says whether work will run by itself from the state of its first job', async () => {
    const uplink = fakeQueue({ 'uplink/a1/ter-tim/3': 'active', 'uplink/a1/ter-tim/4': 'failed' });
    const jobs = new JobQueues({ [QUEUES.fanout]: fakeQueue(), [QUEUES.uplink]: uplink, [QUEUES.push]: fakeQueue(), [QUEUES.reports]: fakeQueue() } as never, RETRY);
    expect(await jobs.willRun('uplink.batch', BATCH)).toBe(true);
    expect(await jobs.willRun('uplink.batch', { ...BATCH, batch: 4 })).toBe(false);
    expect(await jobs.willRun('uplink.batch', { ...BATCH, batch: 5 })).toBe(false);
  });

  it('refuses to be built without a queue some job goes to', () => {
    expect(() => new JobQueues({ [QUEUES.fanout]: fakeQueue(), [QUEUES.uplink]: fakeQueue() } as never, RETRY)).toThrow('job push.send goes to queue faro-push, which was not given');
  });

  describe('the worker start check', () => {
    const all = [
      { processor: 'Fanout', queue: QUEUES.fanout, handles: ['alert.fanout', 'alert.kill'] },
      { processor: 'Uplink', queue: QUEUES.uplink, handles: ['uplink.batch'] },
      { processor: 'Push', queue: QUEUES.push, handles: ['push.send'] },
      { processor: 'Report', queue: QUEUES.reports, handles: ['report.period'] },
    ];

    it('passes when every job name has exactly one handler on its queue', () => {
      expect(() => checkJobHandlers(all)).not.toThrow();
    });

    it('refuses a job name with no handler, with two, on the wrong queue, or a handler of no job', () => {
      expect(() => checkJobHandlers(all.slice(0, 2))).toThrow('job push.send has no handler');
      expect(() => checkJobHandlers(all.slice(0, 3))).toThrow('job report.period has no handler');
      expect(() => checkJobHandlers([...all, { processor: 'Other', queue: QUEUES.uplink, handles: ['uplink.batch'] }])).toThrow('job uplink.batch has 2 handlers: Uplink, Other');
      expect(() => checkJobHandlers([all[0], all[1], { processor: 'Push', queue: QUEUES.uplink, handles: ['push.send'] }, all[3]])).toThrow('Push handles push.send on queue faro-uplink, but push.send goes to faro-push');
      expect(() => checkJobHandlers([...all, { processor: 'Old', queue: QUEUES.fanout, handles: ['alert.resend'] }])).toThrow('Old handles alert.resend, which is no job');
    });

    it('makes a processor refuse a job it does not handle', () => {
      expect(() => assertHandles({ name: 'Uplink', handles: ['uplink.batch'] }, 'alert.fanout')).toThrow('Uplink does not handle job alert.fanout');
      expect(() => assertHandles({ name: 'Uplink', handles: ['uplink.batch'] }, 'uplink.batch')).not.toThrow();
    });
  });

  it('adds each uplink batch at its own priority, and keeps the worst batch priority within the installed BullMQ\'s range', async () => {
    const uplink = fakeQueue();
    const jobs = new JobQueues({ [QUEUES.fanout]: fakeQueue(), [QUEUES.uplink]: uplink, [QUEUES.push]: fakeQueue(), [QUEUES.reports]: fakeQueue() } as never, RETRY);
    await jobs.addEachAt('uplink.batch', [{ data: BATCH, priority: 200_003 }, { data: { ...BATCH, batch: 4 }, priority: 500_004 }], { redispatch: '9' });
    expect(uplink.added.map((j) => [j.opts.jobId, j.opts.priority])).toEqual([['uplink/a1/ter-tim/3/r9', 200_003], ['uplink/a1/ter-tim/4/r9', 500_004]]);
    // The most urgent are added first (the first slice goes alone), equal ones in the order given.
    const given = [500_004, 200_001, 200_000, 200_001, 300_000].map((priority, batch) => ({ data: { ...BATCH, batch }, priority }));
    await jobs.addEachAt('uplink.batch', given);
    expect(uplink.added.slice(2).map((j) => [(j.data as { batch: number }).batch, j.opts.priority])).toEqual([[2, 200_000], [1, 200_001], [3, 200_001], [4, 300_000], [0, 500_004]]);
    // BullMQ refuses a priority above its limit when the job is added: the worst one Faro makes fits.
    expect(batchPriority(MAX_ALERT_TIER, Number.MAX_SAFE_INTEGER)).toBeLessThanOrEqual(PRIORITY_LIMIT);
  });
});
