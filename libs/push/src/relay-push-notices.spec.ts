import type { AlertSummary, AuditedChange, PlannedNotice, PushCandidate } from './push-notice';
import { RelayPushNotices, type PushNoticeStore, type PushNoticeTransaction } from './relay-push-notices';

// An in-memory trail, cursor and notice table; a transaction that throws leaves them as they were.
class MemoryPushNotices implements PushNoticeStore {
  cursor = 0;
  notices: Array<PlannedNotice & { seq: number }> = [];
  failed = 0;
  constructor(
    readonly trail: AuditedChange[],
    readonly alerts: Record<string, AlertSummary>,
    readonly subscribers: PushCandidate[],
  ) {}

  async transaction<T>(work: (tx: PushNoticeTransaction) => Promise<T>): Promise<T> {
    const staged = { cursor: this.cursor, notices: [...this.notices] };
    const tx: PushNoticeTransaction = {
      lockCursor: async () => staged.cursor,
      auditAfter: async (seq, limit) => this.trail.filter((e) => e.seq > seq).slice(0, limit),
      alertSummary: async (id) => this.alerts[id] ?? null,
      candidates: async () => this.subscribers,
      failedShare: async () => this.failed,
      addNotices: async (seq, ns) => {
        for (const n of ns) if (!staged.notices.some((m) => m.subscriptionId === n.subscriptionId && m.dedupeKey === n.dedupeKey)) staged.notices.push({ ...n, seq });
      },
      advanceCursor: async (seq) => {
        staged.cursor = seq;
      },
    };
    const out = await work(tx);
    this.cursor = staged.cursor;
    this.notices = staged.notices;
    return out;
  }
}

const alert: AlertSummary = { id: 'a1', jurisdictionId: 'IT-R19', draftedBy: 'user:op', hazard: 'flood', msgType: 'Alert', capStatus: 'Actual', headline: 'Piena' };
const everywhere = () => true;
const entry = (seq: number, action: string, actor = 'user:op'): AuditedChange => ({ seq, actor, action, subjectId: 'a1', details: {} });

describe('relaying push notices from the audit trail', () => {
  const subscribers: PushCandidate[] = [
    { subscriptionId: 's-op', userId: 'op', roles: ['operator'], jurisdictionId: 'IT-R19' },
    { subscriptionId: 's-ap', userId: 'ap', roles: ['approver'], jurisdictionId: 'IT-R19' },
  ];

  it('turns each notified entry into notices and moves the cursor past every entry read, notified or not', async () => {
    const store = new MemoryPushNotices([entry(1, 'auth.login'), entry(2, 'alert.pending_approval'), entry(3, 'alert.edited'), entry(4, 'alert.approved', 'user:ap')], { a1: alert }, subscribers);
    expect(await new RelayPushNotices(store, everywhere, 0.05).run()).toBe(4);
    expect(store.cursor).toBe(4);
    expect(store.notices.map((n) => [n.seq, n.kind, n.userId])).toEqual([
      [2, 'approval-needed', 'ap'],
      [4, 'released', 'op'],
    ]);
    expect(await new RelayPushNotices(store, everywhere, 0.05).run()).toBe(0);
    expect(store.notices).toHaveLength(2);
  });

  it('reads the trail in bounded steps so a long backlog is several short transactions', async () => {
    const trail = Array.from({ length: 5 }, (_, i) => entry(i + 1, 'alert.approved', 'system:x'));
    const store = new MemoryPushNotices(trail, { a1: alert }, subscribers);
    const relay = new RelayPushNotices(store, everywhere, 0.05, 2);
    expect([await relay.run(), await relay.run(), await relay.run(), await relay.run()]).toEqual([2, 2, 1, 0]);
    expect(store.notices).toHaveLength(10);
  });

  it('notifies failures once per alert however many batches fail afterwards', async () => {
    const store = new MemoryPushNotices([entry(1, 'alert.batch-failed', 'system:uplink'), entry(2, 'alert.batch-failed', 'system:uplink'), entry(3, 'alert.batch-failed', 'system:uplink')], { a1: alert }, subscribers);
    store.failed = 0.5;
    await new RelayPushNotices(store, everywhere, 0.05).run();
    expect(store.notices.map((n) => [n.kind, n.userId, n.seq])).toEqual([
      ['delivery-failures', 'op', 1],
      ['delivery-failures', 'ap', 1],
    ]);
  });

  it('leaves the cursor where it was when writing the notices fails, so the entries are read again', async () => {
    const store = new MemoryPushNotices([entry(1, 'alert.approved', 'system:x')], { a1: alert }, subscribers);
    const broken: PushNoticeStore = {
      transaction: (work) => store.transaction((tx) => work({ ...tx, addNotices: () => Promise.reject(new Error('connection lost')) })),
    };
    await expect(new RelayPushNotices(broken, everywhere, 0.05).run()).rejects.toThrow('connection lost');
    expect(store.cursor).toBe(0);
    await new RelayPushNotices(store, everywhere, 0.05).run();
    expect(store.notices).toHaveLength(2);
  });

  it("turns a route's change into a notice for every subscriber, looking up no alert", async () => {
    const route: AuditedChange = { seq: 1, actor: 'system:uplink-liveness', action: 'uplink.route-down', subjectId: 'sat-nord', details: { lastHeardAt: '2026-12-06T20:41:00.000Z', silentForMs: 8000 } };
    const elsewhere: PushCandidate = { subscriptionId: 's-lo', userId: 'lo', roles: ['approver'], jurisdictionId: 'IT-R03' };
    const store = new MemoryPushNotices([route, { ...route, seq: 2, action: 'uplink.route-up' }], {}, [...subscribers, elsewhere]);
    await new RelayPushNotices(store, () => false, 0.05).run();
    expect(store.notices.map((n) => [n.seq, n.kind, n.userId, n.alertId])).toEqual([
      [1, 'route-down', 'op', null],
      [1, 'route-down', 'ap', null],
      [1, 'route-down', 'lo', null],
      [2, 'route-up', 'op', null],
      [2, 'route-up', 'ap', null],
      [2, 'route-up', 'lo', null],
    ]);
  });
});
