import type { Principal } from '@faro/identity';
import type { Alert } from './alert';
import type { AuditEntry, AlertStore, AlertTransaction } from './ports';
import { RejectAlert } from './reject-alert';

describe('RejectAlert', () => {
  const now = new Date(5_000);
  let alerts: Map<string, Alert>;
  let trail: AuditEntry[];
  let reject: RejectAlert;
  const approver = { kind: 'user', id: 'ap', roles: ['approver'], jurisdictionId: 'IT-R19', via: { method: 'session', secondFactor: 'totp' } } as unknown as Principal;
  const operator = { kind: 'user', id: 'op', roles: ['operator'], jurisdictionId: 'IT-R19' } as unknown as Principal;

  beforeEach(() => {
    alerts = new Map(
      (
        [
          ['pending', 'pending_approval'],
          ['on-air', 'active'],
        ] as const
      ).map(([id, state]) => [id, { id, state, msgType: 'Alert', version: 3, draftedBy: 'user:op' } as Alert]),
    );
    trail = [];
    const tx = {
      findAlertForUpdate: async (id: string) => alerts.get(id) ?? null,
      saveAlert: async (a: Alert) => void alerts.set(a.id, a),
      audit: async (e: AuditEntry) => void trail.push(e),
    } as unknown as AlertTransaction;
    const store = { transaction: async <T>(work: (t: AlertTransaction) => Promise<T>) => work(tx) } as unknown as AlertStore;
    reject = new RejectAlert(store, { now: () => now });
  });

  it('sends a pending alert back to draft and audits the reason, the approver and how they signed in', async () => {
    const a = await reject.run('pending', '  Wrong comune: Catania, not Acireale  ', approver);
    expect([a.state, a.version]).toEqual(['draft', 4]);
    expect(trail).toEqual([
      expect.objectContaining({
        actor: 'user:ap',
        action: 'alert.draft',
        subjectId: 'pending',
        details: expect.objectContaining({ from: 'pending_approval', to: 'draft', rejectedBy: 'user:ap', reason: 'Wrong comune: Catania, not Acireale', draftedBy: 'user:op', via: approver.via }),
      }),
    ]);
  });

  it('refuses someone without the approver role', async () => {
    await expect(reject.run('pending', 'no', operator)).rejects.toMatchObject({ code: 'alert/forbidden', message: 'Rejecting an alert needs the approver role' });
    expect(alerts.get('pending')!.state).toBe('pending_approval');
  });

  it('refuses a rejection without a reason, or with one over 500 characters', async () => {
    await expect(reject.run('pending', '   ', approver)).rejects.toMatchObject({ code: 'alert/invalid-incident', pointer: '/reason' });
    await expect(reject.run('pending', 'x'.repeat(501), approver)).rejects.toMatchObject({ code: 'alert/invalid-incident' });
    expect(trail).toEqual([]);
  });

  it('refuses an alert that is not awaiting approval', async () => {
    await expect(reject.run('on-air', 'too late', approver)).rejects.toMatchObject({ code: 'alert/illegal-transition' });
    expect(alerts.get('on-air')!.state).toBe('active');
  });
});
