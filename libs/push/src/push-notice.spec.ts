import { planNotices, planRouteNotices, pushKindOf, recipientsOf, routeRecipientsOf, type AlertSummary, type AuditedChange, type PushCandidate } from './push-notice';

// Sicily (IT-R19) holds Catania (IT-P87); Lombardy (IT-R03) does not.
const PARENTS: Record<string, string> = { 'IT-R19': 'IT', 'IT-R03': 'IT', 'IT-P87': 'IT-R19' };
const contains = (parent: string, child: string) => {
  for (let j: string | undefined = child; j; j = PARENTS[j]) if (j === parent) return true;
  return false;
};

const alert: AlertSummary = { id: 'a1', jurisdictionId: 'IT-P87', draftedBy: 'user:drafter', hazard: 'earthquake', msgType: 'Alert', capStatus: 'Actual', headline: 'Terremoto: uscite all aperto.' };
const candidate = (userId: string, roles: string[], jurisdictionId: string): PushCandidate => ({ subscriptionId: `s-${userId}`, userId, roles, jurisdictionId });
const entry = (action: string, details: Record<string, unknown> = {}, actor = 'user:drafter'): AuditedChange => ({ seq: 41, actor, action, subjectId: 'a1', details });

describe('push notices', () => {
  const everyone = [
    candidate('drafter', ['operator', 'approver'], 'IT-R19'),
    candidate('sicily-approver', ['approver'], 'IT-R19'),
    candidate('national-approver', ['approver'], 'IT'),
    candidate('sicily-operator', ['operator'], 'IT-P87'),
    candidate('lombardy-approver', ['approver'], 'IT-R03'),
  ];

  it('asks the approvers whose territory holds the alert, never its drafter nor another territory', () => {
    const to = recipientsOf('approval-needed', alert, 'user:drafter', everyone, contains).map((c) => c.userId);
    expect(to).toEqual(['sicily-approver', 'national-approver']);
  });

  it('does not ask the approver who submitted a sensor-drafted alert to decide on it', () => {
    const sensorAlert = { ...alert, draftedBy: 'sensor:ingv' };
    const to = recipientsOf('approval-needed', sensorAlert, 'user:sicily-approver', everyone, contains).map((c) => c.userId);
    expect(to).toEqual(['drafter', 'national-approver']);
  });

  it('tells operators and approvers of the territory of a release, but not the approver who released it', () => {
    const to = recipientsOf('released', alert, 'user:sicily-approver', everyone, contains).map((c) => c.userId);
    expect(to).toEqual(['drafter', 'national-approver', 'sicily-operator']);
  });

  it('reads a pending approval, a release, on air and a cancellation from the trail', async () => {
    const none = () => Promise.resolve(0);
    expect(await pushKindOf(entry('alert.pending_approval'), none, 0.05)).toBe('approval-needed');
    expect(await pushKindOf(entry('alert.approved'), none, 0.05)).toBe('released');
    expect(await pushKindOf(entry('alert.active', {}, 'system:uplink'), none, 0.05)).toBe('on-air');
    expect(await pushKindOf(entry('alert.cancelled'), none, 0.05)).toBe('cancelled');
    expect(await pushKindOf(entry('alert.edited'), none, 0.05)).toBeNull();
  });

  it('asks nobody to approve a draft that an approver released in the same step', async () => {
    expect(await pushKindOf(entry('alert.pending_approval', { submittedOnReleaseBy: 'user:x' }), () => Promise.resolve(0), 0.05)).toBeNull();
  });

  it('reports failed batches only once the failed share is above the threshold', async () => {
    expect(await pushKindOf(entry('alert.batch-failed'), () => Promise.resolve(0.05), 0.05)).toBeNull();
    expect(await pushKindOf(entry('alert.batch-failed'), () => Promise.resolve(0.06), 0.05)).toBe('delivery-failures');
  });

  it('plans a payload with no secret and the console page of the alert, one failure notice per alert', () => {
    const [n] = planNotices(entry('alert.batch-failed', {}, 'system:uplink'), 'delivery-failures', alert, [candidate('sicily-operator', ['operator'], 'IT-P87')], contains);
    expect(n.dedupeKey).toBe('delivery-failures:a1');
    expect(n.payload).toEqual({ kind: 'delivery-failures', alertId: 'a1', event: 'earthquake', headline: 'Terremoto: uscite all aperto.', msgType: 'Alert', status: 'Actual', territory: 'IT-P87', url: '/alerts/a1' });
    const [m] = planNotices(entry('alert.approved'), 'released', alert, [candidate('sicily-operator', ['operator'], 'IT-P87')], contains);
    expect(m.dedupeKey).toBe('audit:41');
  });

  describe('uplink routes', () => {
    const down = (details: Record<string, unknown> = { lastHeardAt: '2026-12-06T20:41:00.000Z', silentForMs: 9000, observedBy: 'w1' }): AuditedChange => ({ seq: 77, actor: 'system:uplink-liveness', action: 'uplink.route-down', subjectId: 'sat-nord', details });

    it('reads a route going down and coming back from the trail, and nothing else of the liveness', async () => {
      const none = () => Promise.reject(new Error('no failed share for a route'));
      expect(await pushKindOf(down(), none, 0.05)).toBe('route-down');
      expect(await pushKindOf({ ...down(), action: 'uplink.route-up' }, none, 0.05)).toBe('route-up');
      expect(await pushKindOf({ ...down(), action: 'uplink.route-checked' }, none, 0.05)).toBeNull();
    });

    it('tells every subscribed operator and approver of any territory, the trail having no other role subscribed', () => {
      const withAuditor = [...everyone, candidate('auditor', ['auditor'], 'IT'), candidate('admin', ['admin'], 'IT')];
      expect(routeRecipientsOf(withAuditor).map((c) => c.userId)).toEqual(['drafter', 'sicily-approver', 'national-approver', 'sicily-operator', 'lombardy-approver']);
    });

    it('names the gateway and the moment it was seen down, no alert, one notice per entry and subscription', () => {
      const ns = planRouteNotices(down(), 'route-down', [candidate('lombardy-approver', ['approver'], 'IT-R03')]);
      expect(ns).toEqual([
        { subscriptionId: 's-lombardy-approver', userId: 'lombardy-approver', kind: 'route-down', alertId: null, dedupeKey: 'audit:77', payload: { kind: 'route-down', gatewayId: 'sat-nord', since: '2026-12-06T20:41:09.000Z', url: '/' } },
      ]);
      // An entry without the liveness's details still tells, without a time.
      expect(planRouteNotices(down({}), 'route-down', [candidate('x', ['operator'], 'IT')])[0].payload).toEqual({ kind: 'route-down', gatewayId: 'sat-nord', since: null, url: '/' });
    });
  });
});
