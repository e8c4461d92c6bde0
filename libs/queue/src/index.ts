export { fanoutJobId, JOB_QUEUE, pushJobId, QUEUES, uplinkJobId } from './job-names';
export type { FanoutJob, JobName, JobPayloads, PushJob, UplinkJob } from './job-names';
export { selectQueueBackend } from './queue-backend';
export type { QueueBackend, QueueBackendKind } from './queue-backend';
export { QueueBackendProbe } from './queue-backend-probe';
export type { ProbeResult } from './queue-backend-probe';
export { checkRedisEvictionPolicy } from './redis-eviction-policy';
export type { EvictionCheck } from './redis-eviction-policy';
export { willRunByItself, workerLock } from './job-states';
