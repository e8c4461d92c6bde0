import type { Alert } from './alert';
import { FanOutAlert } from './fan-out-alert';
import type { CellTargeter, FanoutQueue, FanoutStore, GroupKeys, SigningKeys } from './fanout-ports';
import type { AlertStore, AlertTransaction, AuditEntry } from './ports';

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
    commitBroadcastPlan: async (p: { alert: Alert }) => void planned.push(p.alert.id),
    pendingBatches: async () => [],
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
