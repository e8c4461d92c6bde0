import { generateGroupKey, generateSigningKey, signEd25519 } from '@faro/broadcast-security';
import type { Alert } from './alert';
import type { BroadcastMessage } from './broadcast-message';
import { FanOutAlert, planBatches } from './fan-out-alert';
import type { BatchPlan, BatchRef, CellTargeter, FanoutQueue, FanoutStore, FanoutTransaction, GroupKeys, PlannedDeliveries, RouteCells, SigningKeys } from './fanout-ports';
import { notTransmittedReason } from './not-transmitted-reason';
import type { AlertStore, AlertTransaction, AuditEntry } from './ports';
import { anAlert, FakeTargeter, fixedClock } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

// FanOutAlert's decision for an Update whose alert a Cancel took off the air between the Update's
// release and its fan-out, over in-memory ports.

function alertStore(alerts: Alert[]) {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const audit: AuditEntry[] = [];
  const tx = {
    findAlertForUpdate: async (id: string) => byId.get(id) ?? null,
    saveAlert: async (a: Alert) => void byId.set(a.id, a),
    audit: async (e: AuditEntry) => void audit.push(e),
  } as unknown as AlertTransaction;
  const store = {
    findAlert: async (id: string) => byId.get(id) ?? null,
    transaction: async <T>(work: (t: AlertTransaction) => Promise<T>) => work(tx),
  } as unknown as AlertStore;
  return { store, audit, byId };
}

const alert = (id: string, state: Alert['state'], msgType: Alert['msgType'], referencesAlertId: string | null = null) =>
  ({ id, state, msgType, referencesAlertId, version: 1, areas: [], audienceGroupId: null }) as unknown as Alert;

function fanOut(alerts: Alert[]) {
  const { store, audit, byId } = alertStore(alerts);
  const planned: string[] = [];
  const completed: number[] = [];
  const fanoutStore = {
    transaction: async () => void planned.push('a plan'),
    pendingBatches: async () => [],
    alertBatches: async () => [],
    completeOutbox: async (id: number) => void completed.push(id),
  } as unknown as FanoutStore;
  const targeter: CellTargeter = { cellsFor: async () => { throw new Error('targeting must not run'); } };
  const keys = { active: async () => { throw new Error('no key needed'); } } as unknown as SigningKeys;
  const queue: FanoutQueue = { enqueueBatches: async () => undefined };
  const groupKeys = {} as GroupKeys;
  const run = new FanOutAlert(store, fanoutStore, targeter, keys, queue, { now: () => new Date(0) }, 1000, groupKeys);
  return { run, audit, byId, planned, completed };
}

describe('FanOutAlert for an Update of a cancelled alert', () => {
  it('cancels the Update instead of putting it on air when its alert is being cancelled', async () => {
    for (const targetState of ['cancelling', 'cancelled'] as const) {
      const { run, audit, byId, planned, completed } = fanOut([alert('target', targetState, 'Alert'), alert('update', 'approved', 'Update', 'target')]);
      expect(await run.run({ alertId: 'update', outboxId: 7 })).toEqual({ batches: 0, planned: true });
      expect(byId.get('update')?.state).toBe('cancelled');
      expect(planned).toEqual([]);
      expect(completed).toEqual([7]);
      expect(audit.map((e) => [e.action, e.details.reason])).toEqual([['alert.cancelled', 'alert target was cancelled before this Update went on air']]);
    }
  });
});

// The fan-out store over the in-memory alerts: the alerts' transaction with the plan's rows kept
// in maps. Which cells a kill covers is planned in SQL (libs/persistence fanout-store.ts); here a
// Cancel's kill is one batch per route the target's batches used, and an Update's as many as
// `replacedKills` says.
class FakeFanoutStore implements FanoutStore {
  broadcastPlans: Array<{ alertId: string; messages: BroadcastMessage[]; batches: BatchPlan[]; deliveries: PlannedDeliveries }> = [];
  dropped: Array<[string, string, string]> = [];
  batches = new Map<string, Array<BatchRef & { done?: boolean }>>();
  outbox: Array<[number, string | undefined]> = [];
  replacedKills = 0;

  constructor(private readonly alerts: InMemoryAlertStore) {}

  transaction<T>(work: (tx: FanoutTransaction) => Promise<T>): Promise<T> {
    return this.alerts.transaction((tx) =>
      work({
        ...tx,
        writePlan: async (alertId, messages, batches, deliveries) => {
          this.broadcastPlans.push({ alertId, messages, batches, deliveries });
          this.batches.set(alertId, batches.map((b) => ({ alertId, routeId: b.routeId, batch: b.batch, kind: b.kind, gatewayId: b.gatewayId })));
        },
        dropUnclaimedBatches: async (alertId, batchReason, cellReason) => void this.dropped.push([alertId, batchReason, cellReason]),
        planCancelKills: async (cancelId, targetId) => {
          const routes = [...new Set((this.batches.get(targetId) ?? []).map((b) => `${b.routeId}|${b.gatewayId}`))];
          this.batches.set(cancelId, routes.map((r) => ({ alertId: cancelId, routeId: r.split('|')[0], gatewayId: r.split('|')[1], batch: 0, kind: 'kill' as const })));
          return routes.length;
        },
        planReplacedKills: async () => this.replacedKills,
      }),
    );
  }

  async pendingBatches(alertId: string): Promise<BatchRef[]> {
    return (this.batches.get(alertId) ?? []).filter((b) => !b.done).map(({ done: _, ...b }) => b);
  }

  async alertBatches(alertId: string): Promise<BatchRef[]> {
    return (this.batches.get(alertId) ?? []).map(({ done: _, ...b }) => b);
  }

  async completeOutbox(outboxId: number, error?: string): Promise<void> {
    this.outbox.push([outboxId, error]);
  }
}

const ROUTES: Record<string, RouteCells> = {
  'tim-sicilia': { kind: 'terrestrial', gatewayId: 'tim', cellIds: ['c5', 'c1', 'c3', 'c2', 'c4'] },
  'sat-isole-bg01': { kind: 'satellite', gatewayId: 'sat-isole', cellIds: ['s2', 's1'] },
};

function fanOutOver(alerts: Alert[], opts: { batchSize?: number; groupKey?: Uint8Array; routes?: Record<string, RouteCells> } = {}) {
  const store = new InMemoryAlertStore(alerts);
  const fanout = new FakeFanoutStore(store);
  const targeting = new FakeTargeter();
  const targeter: CellTargeter = { cellsFor: async (areas) => ({ byRoute: opts.routes ?? ROUTES, summary: await targeting.summarize(areas), geofence: [] }) };
  const signing = generateSigningKey();
  const keys: SigningKeys = { active: async () => ({ keyId: signing.keyId, sign: (p: Uint8Array) => signEd25519(signing.privateKey, p) }) };
  const enqueued: Array<[BatchRef[], number[]]> = [];
  const queue: FanoutQueue = { enqueueBatches: async (b) => void enqueued.push([b.map((q) => q.ref), b.map((q) => q.priority)]) };
  const groupKeys: GroupKeys = { active: async (groupId) => ({ groupId, keyId: 3, key: opts.groupKey ?? new Uint8Array(32) }) };
  const run = new FanOutAlert(store, fanout, targeter, keys, queue, fixedClock(), opts.batchSize ?? 2, groupKeys);
  return { store, fanout, enqueued, run };
}

describe('FanOutAlert planning a broadcast', () => {
  it('commits the plan of an approved alert (messages, batches per route, targeting) and enqueues its batches at its priority', async () => {
    const { store, fanout, enqueued, run } = fanOutOver([anAlert({ state: 'approved', severity: 'Extreme', level1: false })]);
    expect(await run.run({ alertId: 'alert-1', outboxId: 41 })).toEqual({ batches: 4, planned: true });
    const plan = fanout.broadcastPlans[0];
    expect(plan.batches.map((b) => [b.routeId, b.batch, b.cellIds])).toEqual([
      ['sat-isole-bg01', 0, ['s1', 's2']],
      ['tim-sicilia', 0, ['c1', 'c2']],
      ['tim-sicilia', 1, ['c3', 'c4']],
      ['tim-sicilia', 2, ['c5']],
    ]);
    // One message for the one language, and the companion that signs it.
    const text = plan.messages.find((m) => m.kind === 'alert');
    expect(plan.messages.map((m) => [m.kind, m.language, m.signsMessageId]).sort()).toEqual([['alert', 'it', null], ['companion', 'it', text?.id]]);
    // A new alert's deliveries are written by the jobs that claim its batches, not before the first moves.
    expect([plan.alertId, plan.deliveries]).toEqual(['alert-1', 'at-claim']);
    // Moved to broadcasting with the targeting it was planned over, audited as the fan-out's.
    expect(store.alerts.get('alert-1')).toMatchObject({ state: 'broadcasting', version: 2, targeting: { counts: { total: 10 }, warnings: [] } });
    expect(store.trail.map((e) => [e.actor, e.action, e.details.batches, e.details.messages])).toEqual([
      ['system:fanout', 'alert.broadcasting', 4, [{ language: 'it', messageIdentifier: 4371, serialNumber: text?.serialNumber, keyId: text?.keyId, groupKeyId: null, companionMessageIdentifier: 0xa000 }]],
    ]);
    // Extreme (tier 2); ranked per gateway: sat-isole's one batch, tim's three in order.
    expect(enqueued.map(([b, p]) => [b.length, p])).toEqual([[4, [200_000, 200_000, 200_001, 200_002]]]);
    expect(fanout.outbox).toEqual([[41, undefined]]);
  });

  it('is safe to run twice: the second run plans nothing and enqueues only the unfinished batches again', async () => {
    const { fanout, enqueued, run } = fanOutOver([anAlert({ state: 'approved' })]);
    await run.run({ alertId: 'alert-1', outboxId: 1 });
    fanout.batches.get('alert-1')!.slice(0, 2).forEach((b) => (b.done = true));
    expect(await run.run({ alertId: 'alert-1', outboxId: 1 })).toEqual({ batches: 2, planned: false });
    expect(fanout.broadcastPlans).toHaveLength(1);
    expect(enqueued[1][0].map((b) => `${b.routeId}/${b.batch}`)).toEqual(['tim-sicilia/1', 'tim-sicilia/2']);
    // At the priorities they were first given: ranked among all of the alert's batches, done ones too.
    expect(enqueued[1][1]).toEqual(enqueued[0][1].slice(2));
  });

  it('replaces the alert an Update updates when that one is on air: drops what no job took, plans its kills, moves it to updated', async () => {
    const { store, fanout, enqueued, run } = fanOutOver([anAlert({ id: 'live', state: 'active' }), anAlert({ id: 'upd', msgType: 'Update', state: 'approved', referencesAlertId: 'live', updateNumber: 1 })]);
    fanout.replacedKills = 3;
    await run.run({ alertId: 'upd', outboxId: 2 });
    // Its kills were planned over its deliveries: written with the plan.
    expect(fanout.broadcastPlans.map((p) => [p.alertId, p.deliveries])).toEqual([['upd', 'with-plan']]);
    expect(fanout.dropped).toEqual([['live', 'replaced by an Update', notTransmittedReason('updated')]]);
    expect([store.alerts.get('upd')?.state, store.alerts.get('live')?.state]).toEqual(['broadcasting', 'updated']);
    expect(store.trail.map((e) => [e.subjectId, e.action, e.details.replacedBy, e.details.killBatches])).toEqual([
      ['upd', 'alert.broadcasting', undefined, undefined],
      ['live', 'alert.updated', 'upd', 3],
    ]);
    expect(enqueued).toHaveLength(1);
  });

  it('leaves alone the alert an Update updates when it has left the air', async () => {
    for (const state of ['expired', 'cancelled', 'updated'] as const) {
      const { store, fanout, run } = fanOutOver([anAlert({ id: 'old', state }), anAlert({ id: 'upd', msgType: 'Update', state: 'approved', referencesAlertId: 'old', updateNumber: 1 })]);
      await run.run({ alertId: 'upd', outboxId: 2 });
      expect([store.alerts.get('old')?.state, fanout.dropped, store.trail.map((e) => e.subjectId)]).toEqual([state, [], ['upd']]);
    }
  });

  it('finishes at once a plan with no cells and nothing to kill, and not one with kills to do', async () => {
    const { store, run } = fanOutOver([anAlert({ state: 'approved' })], { routes: {} });
    expect(await run.run({ alertId: 'alert-1', outboxId: 3 })).toEqual({ batches: 0, planned: true });
    expect(store.trail.map((e) => [e.action, e.details.reason])).toEqual([['alert.broadcasting', undefined], ['alert.active', 'no cells targeted']]);

    const update = fanOutOver([anAlert({ id: 'live', state: 'broadcasting' }), anAlert({ id: 'upd', msgType: 'Update', state: 'approved', referencesAlertId: 'live', updateNumber: 1 })], { routes: {} });
    update.fanout.replacedKills = 1;
    await update.run.run({ alertId: 'upd', outboxId: 4 });
    // Its kill batch is still to run: the Update stays broadcasting until it has.
    expect(update.store.alerts.get('upd')?.state).toBe('broadcasting');
  });

  it('plans nothing when another worker planned the alert between its read and the plan', async () => {
    const { store, fanout, run } = fanOutOver([anAlert({ state: 'approved' })]);
    let slipped = false;
    store.beforeTransaction = () => {
      if (slipped) return;
      slipped = true;
      store.alerts.set('alert-1', { ...store.alerts.get('alert-1')!, state: 'broadcasting', version: 2 });
    };
    await run.run({ alertId: 'alert-1', outboxId: 5 });
    expect([fanout.broadcastPlans, store.trail]).toEqual([[], []]);
  });

  it('plans nothing for an alert sent back to approval since the outbox row was written, and closes the row', async () => {
    const { fanout, enqueued, run } = fanOutOver([anAlert({ state: 'pending_approval' })]);
    expect(await run.run({ alertId: 'alert-1', outboxId: 9 })).toEqual({ batches: 0, planned: false });
    expect([fanout.broadcastPlans, enqueued, fanout.outbox]).toEqual([[], [], [[9, undefined]]]);
  });

  it('refuses an alert that does not exist, leaving its outbox row for another try', async () => {
    const { fanout, run } = fanOutOver([]);
    await expect(run.run({ alertId: 'ghost', outboxId: 3 })).rejects.toMatchObject({ code: 'alert/not-found' });
    expect(fanout.outbox).toEqual([]);
  });

  it('seals a group alert under its group key and wipes the key afterwards', async () => {
    const group = generateGroupKey();
    const key = Uint8Array.from(group.key);
    const { fanout, run } = fanOutOver([anAlert({ state: 'approved', audienceGroupId: 'cp-sicilia', messageIdentifier: 4400, additionalMessageIdentifier: 4401 })], { groupKey: key });
    await run.run({ alertId: 'alert-1', outboxId: 4 });
    expect(fanout.broadcastPlans[0].messages.map((m) => [m.alphabet, m.groupKeyId])).toEqual([['data', 3]]);
    expect(key.every((b) => b === 0)).toBe(true);
  });

  it('gives up on an outbox row by closing it with the reason', async () => {
    const { fanout, run } = fanOutOver([]);
    await run.giveUp({ alertId: 'a', outboxId: 5 }, 'no signing key');
    expect(fanout.outbox).toEqual([[5, 'no signing key']]);
  });

  it('refuses to start with companion identifiers outside the operator-specific range', () => {
    expect(() => new FanOutAlert(new InMemoryAlertStore(), {} as FanoutStore, {} as CellTargeter, {} as SigningKeys, {} as FanoutQueue, fixedClock(), 10, {} as GroupKeys, { primary: 4371, additionalLanguage: 0xa001 })).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field' }),
    );
  });
});

describe('FanOutAlert planning a Cancel', () => {
  it("moves its target to cancelling, drops what no job took, plans kills over the target's batches and enqueues them while killing", async () => {
    const { fanout, enqueued, store, run } = fanOutOver([anAlert({ id: 'live', state: 'approved' }), anAlert({ id: 'cxl', msgType: 'Cancel', state: 'approved', referencesAlertId: 'live' })]);
    await run.run({ alertId: 'live', outboxId: 1 });
    expect(await run.run({ alertId: 'cxl', outboxId: 2 })).toEqual({ batches: 2, planned: true });
    expect([store.alerts.get('cxl')?.state, store.alerts.get('live')?.state]).toEqual(['killing', 'cancelling']);
    expect(fanout.dropped).toEqual([['live', 'cancelled', notTransmittedReason('cancelled')]]);
    expect(store.trail.slice(1).map((e) => [e.subjectId, e.action, e.details.cancelledBy ?? e.details.kills, e.details.batches])).toEqual([
      ['live', 'alert.cancelling', 'cxl', undefined],
      ['cxl', 'alert.killing', 'live', 2],
    ]);
    expect(fanout.broadcastPlans.map((p) => p.alertId)).toEqual(['live']);
    expect(enqueued[1][0].map((b) => [b.kind, b.routeId])).toEqual([
      ['kill', 'sat-isole-bg01'],
      ['kill', 'tim-sicilia'],
    ]);
  });

  it('is done at once, its target cancelled, when nothing is on air to kill', async () => {
    const { fanout, enqueued, store, run } = fanOutOver([anAlert({ id: 'live', state: 'cancelling' }), anAlert({ id: 'cxl', msgType: 'Cancel', state: 'approved', referencesAlertId: 'live' })]);
    expect(await run.run({ alertId: 'cxl', outboxId: 2 })).toEqual({ batches: 0, planned: true });
    expect([store.alerts.get('cxl')?.state, store.alerts.get('live')?.state]).toEqual(['done', 'cancelled']);
    expect(store.trail.map((e) => [e.subjectId, e.action, e.details.reason])).toEqual([
      ['cxl', 'alert.killing', undefined],
      ['cxl', 'alert.done', 'nothing on air to kill'],
      ['live', 'alert.cancelled', undefined],
    ]);
    expect([fanout.dropped.length, enqueued]).toEqual([1, []]);
  });

  it('drops nothing of a target that has already left the air', async () => {
    const { fanout, store, run } = fanOutOver([anAlert({ id: 'old', state: 'expired' }), anAlert({ id: 'cxl', msgType: 'Cancel', state: 'approved', referencesAlertId: 'old' })]);
    await run.run({ alertId: 'cxl', outboxId: 2 });
    expect([fanout.dropped, store.alerts.get('old')?.state, store.alerts.get('cxl')?.state]).toEqual([[], 'expired', 'done']);
  });

  it('refuses a Cancel whose reference names no alert', async () => {
    const { fanout, store, run } = fanOutOver([anAlert({ id: 'cxl', msgType: 'Cancel', state: 'approved', referencesAlertId: 'ghost' })]);
    await expect(run.run({ alertId: 'cxl', outboxId: 2 })).rejects.toMatchObject({ code: 'alert/unknown-reference' });
    expect([fanout.dropped, store.trail]).toEqual([[], []]);
  });
});

describe('planBatches', () => {
  it('batches cells per route in sorted order, never mixing routes, so a re-plan yields the same jobs', () => {
    const plans = planBatches(ROUTES, 2);
    expect(plans.map((p) => [p.routeId, p.batch, p.gatewayId, p.kind, p.cellIds])).toEqual([
      ['sat-isole-bg01', 0, 'sat-isole', 'broadcast', ['s1', 's2']],
      ['tim-sicilia', 0, 'tim', 'broadcast', ['c1', 'c2']],
      ['tim-sicilia', 1, 'tim', 'broadcast', ['c3', 'c4']],
      ['tim-sicilia', 2, 'tim', 'broadcast', ['c5']],
    ]);
    const reordered = { 'tim-sicilia': { ...ROUTES['tim-sicilia'], cellIds: ['c4', 'c2', 'c5', 'c1', 'c3'] }, 'sat-isole-bg01': ROUTES['sat-isole-bg01'] };
    expect(planBatches(reordered, 2)).toEqual(plans);
  });

  it('sorts what is not sorted, by code unit as Array.prototype.sort does, and leaves its input as it was', () => {
    const cellIds = ['b', 'a-2', 'B', 'a-10', 'é', 'a'];
    const routes = { r: { kind: 'terrestrial' as const, gatewayId: 'g', cellIds } };
    expect(planBatches(routes, 4).map((p) => p.cellIds)).toEqual([['B', 'a', 'a-10', 'a-2'], ['b', 'é']]);
    expect(cellIds).toEqual(['b', 'a-2', 'B', 'a-10', 'é', 'a']);
    // Sorted already except the last pair: still sorted.
    expect(planBatches({ r: { ...routes.r, cellIds: ['a', 'b', 'd', 'c'] } }, 10)[0].cellIds).toEqual(['a', 'b', 'c', 'd']);
  });

  it('puts every cell of a route in one batch when the batch size allows', () => {
    expect(planBatches(ROUTES, 1000).map((p) => p.cellIds.length)).toEqual([2, 5]);
  });
});
