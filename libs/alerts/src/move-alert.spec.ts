import { move } from './move-alert';
import { anAlert, aUser, fixedClock } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

const olga = aUser('olga', ['operator']);
const anna = aUser('anna', ['approver']);
const clock = fixedClock('2026-12-06T10:30:00.000Z');

describe('move, the one gate for state changes', () => {
  it('saves the next version and audits the move without a via for the platform own processes', async () => {
    const store = new InMemoryAlertStore([anAlert({ state: 'active', version: 4 })]);
    const moved = await store.transaction((tx) => move(tx, store.alerts.get('alert-1')!, 'expired', { id: 'expiry', kind: 'system' }, clock, { reason: 'past expiry' }));
    expect([moved.state, moved.version, moved.updatedAt]).toEqual(['expired', 5, clock.now()]);
    expect(store.trail).toEqual([{ actor: 'system:expiry', action: 'alert.expired', subjectType: 'alert', subjectId: 'alert-1', details: { from: 'active', to: 'expired', version: 5, reason: 'past expiry' } }]);
  });

  it('refuses an illegal move, and a Cancel into a state only alerts take, before writing', async () => {
    const store = new InMemoryAlertStore([anAlert({ state: 'draft' }), anAlert({ id: 'cxl', msgType: 'Cancel', state: 'approved' })]);
    await expect(store.transaction((tx) => move(tx, store.alerts.get('alert-1')!, 'broadcasting', olga, clock))).rejects.toMatchObject({ code: 'alert/illegal-transition' });
    await expect(store.transaction((tx) => move(tx, store.alerts.get('cxl')!, 'broadcasting', olga, clock))).rejects.toMatchObject({
      code: 'alert/illegal-transition',
      message: 'A Cancel cannot go from approved to broadcasting',
    });
    expect(store.trail).toEqual([]);
  });

  it('refuses to save over a newer version (alert/conflict)', async () => {
    const stale = anAlert({ state: 'pending_approval', version: 2 });
    const store = new InMemoryAlertStore([{ ...stale, version: 3 }]);
    await expect(store.transaction((tx) => move(tx, stale, 'approved', anna, clock))).rejects.toMatchObject({ code: 'alert/conflict' });
    expect(store.alerts.get('alert-1')?.state).toBe('pending_approval');
  });
});
