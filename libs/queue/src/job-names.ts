import type { BatchRef } from '@faro/alerts';

// Each queue, its job names and payloads. Payloads carry ids, never the alert: the
// handler reloads from PostgreSQL and returns if the work is already done.
export const QUEUES = {
  fanout: 'faro-fanout',
  uplink: 'faro-uplink',
  push: 'faro-push',
  reports: 'faro-reports',
} as const;

export interface FanoutJob {
  alertId: string;
  outboxId: number;
}

// One batch of cells on one route: the batch as libs/alerts plans it (BatchRef), ids only.
export type UplinkJob = BatchRef;

// One browser notification (a push_notifications row) to send.
export interface PushJob {
  notificationId: number;
}

// One period report (a report_jobs row) to build, store and mark done.
export interface ReportJob {
  reportJobId: string;
}

export interface JobPayloads {
  'alert.fanout': FanoutJob;
  'alert.kill': FanoutJob;
  'uplink.batch': UplinkJob;
  'push.send': PushJob;
  'report.period': ReportJob;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, (typeof QUEUES)[keyof typeof QUEUES]> = {
  'alert.fanout': QUEUES.fanout,
  'alert.kill': QUEUES.fanout,
  'uplink.batch': QUEUES.uplink,
  'push.send': QUEUES.push,
  'report.period': QUEUES.reports,
};

// Deterministic ids: adding the same work twice is a no-op while it is queued.
// (BullMQ refuses ":" in custom ids, hence "/".)
export function fanoutJobId(j: FanoutJob, redispatch?: string): string {
  return `fanout/${j.alertId}/${j.outboxId}${redispatch ? `/r${redispatch}` : ''}`;
}

// A batch's first job has the plain id; the relay, re-creating work whose job died, failed or was
// evicted, adds a redispatch mark so the new job is never swallowed by the old id (a dead
// worker's job keeps its id until BullMQ's stalled check). Running a batch twice is safe: the
// handler reloads it and the gateway deduplicates the submission.
export function uplinkJobId(j: UplinkJob, redispatch?: string): string {
  return `uplink/${j.alertId}/${j.routeId}/${j.batch}${redispatch ? `/r${redispatch}` : ''}`;
}

export function pushJobId(j: PushJob, redispatch?: string): string {
  return `push/${j.notificationId}${redispatch ? `/r${redispatch}` : ''}`;
}

export function reportJobId(j: ReportJob, redispatch?: string): string {
  return `report/${j.reportJobId}${redispatch ? `/r${redispatch}` : ''}`;
}
