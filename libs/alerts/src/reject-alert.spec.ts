import { RejectAlert } from './reject-alert';
import { anAlert, aUser, fixedClock } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

describe('RejectAlert', () => {
  const approver = aUser('ap', ['approver']);
  const operator = aUser('op', ['operator']);
  let store: InMemoryAlertStore;
  let reject: RejectAlert;

  beforeEach(() => {
    store = new InMemoryAlertStore([
      anAlert({ id: 'pending', state: 'pending_approval', version: 3, draftedBy: 'user:op' }),
      anAlert({ id: 'on-air', state: 'active', version: 3, draftedBy: 'user:op' }),
    ]);
    reject = new RejectAlert(store, fixedClock('2026-12-06T10:30:00.000Z'));
  });

  it('sends a pending alert back to draft and audits the reason, the approver and how they signed in', async () => {
    const a = await reject.run('pending', '  Wrong comune: Catania, not Acireale  ', approver);
    expect([a.state, a.version]).toEqual(['draft', 4]);
    expect(store.trail).toEqual([
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
    expect(store.alerts.get('pending')!.state).toBe('pending_approval');
  });

  it("answers another territory's alert as not there, and writes nothing", async () => {
    await expect(reject.run('pending', 'not yours', aUser('far', ['approver'], { jurisdictionId: 'IT-R03' }))).rejects.toMatchObject({ code: 'alert/not-found' });
    await expect(reject.run('ghost', 'no such alert', approver)).rejects.toMatchObject({ code: 'alert/not-found' });
    expect(store.alerts.get('pending')!.state).toBe('pending_approval');
    expect(store.trail).toEqual([]);
  });

  it('refuses a rejection without a reason, or with one over 500 characters', async () => {
    await expect(reject.run('pending', '   ', approver)).rejects.toMatchObject({ code: 'alert/invalid-incident', pointer: '/reason' });
    await expect(reject.run('pending', 'x'.repeat(501), approver)).rejects.toMatchObject({ code: 'alert/invalid-incident' });
    expect(store.trail).toEqual([]);
  });

  it('refuses an alert that is not awaiting approval', async () => {
    await expect(reject.run('on-air', 'too late', approver)).rejects.toMatchObject({ code: 'alert/illegal-transition' });
    expect(store.alerts.get('on-air')!.state).toBe('active');
  });
});
