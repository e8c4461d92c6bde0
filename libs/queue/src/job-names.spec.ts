import { fanoutJobId, JOB_QUEUE, pushJobId, QUEUES, reportJobId, uplinkJobId } from './job-names';

describe('job names', () => {
  it('gives the same work the same job id so a re-enqueue is deduplicated', () => {
    const j = { alertId: 'a1', routeId: 'ter-tim', batch: 3, kind: 'broadcast' as const, gatewayId: 'cbc-tim' };
    expect(uplinkJobId(j)).toBe('uplink/a1/ter-tim/3');
    expect(uplinkJobId({ ...j })).toBe(uplinkJobId(j));
    expect(fanoutJobId({ alertId: 'a1', outboxId: 7 })).toBe('fanout/a1/7');
    expect(pushJobId({ notificationId: 42 })).toBe('push/42');
    expect(pushJobId({ notificationId: 42 }, '1700')).toBe('push/42/r1700');
    expect(reportJobId({ reportJobId: 'r1' })).toBe('report/r1');
  });

  it('maps every job name to a queue', () => {
    expect(Object.values(JOB_QUEUE).every((q) => Object.values(QUEUES).includes(q))).toBe(true);
    expect(Object.keys(JOB_QUEUE).sort()).toEqual(['alert.fanout', 'alert.kill', 'push.send', 'report.period', 'uplink.batch']);
  });
});
