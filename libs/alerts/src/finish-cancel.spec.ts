import { finishCancel } from './finish-cancel';
import { anAlert, fixedClock } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

describe('finishCancel', () => {
  const clock = fixedClock();

  it('marks the Cancel done and its target, cancelling since the release, cancelled, both by the fan-out', async () => {
    const store = new InMemoryAlertStore([anAlert({ id: 'live', state: 'cancelling', version: 5 }), anAlert({ id: 'cxl', msgType: 'Cancel', state: 'killing', referencesAlertId: 'live', version: 3 })]);
    const done = await store.transaction((tx) => finishCancel(tx, store.alerts.get('cxl')!, clock, { batches: 2 }));
    expect(done).toMatchObject({ state: 'done', version: 4 });
    expect(store.alerts.get('live')).toMatchObject({ state: 'cancelled', version: 6 });
    expect(store.trail.map((e) => [e.actor, e.action, e.subjectId])).toEqual([
      ['system:fanout', 'alert.done', 'cxl'],
      ['system:fanout', 'alert.cancelled', 'live'],
    ]);
    expect(store.auditOf('cxl')[0][1]).toMatchObject({ reason: 'every kill finished', batches: 2 });
    expect(store.auditOf('live')[0][1]).toMatchObject({ cancelledBy: 'cxl' });
  });

  it('leaves a target that is no longer cancelling as it is', async () => {
    const store = new InMemoryAlertStore([anAlert({ id: 'live', state: 'expired' }), anAlert({ id: 'cxl', msgType: 'Cancel', state: 'killing', referencesAlertId: 'live' })]);
    await store.transaction((tx) => finishCancel(tx, store.alerts.get('cxl')!, clock));
    expect(store.alerts.get('live')?.state).toBe('expired');
    expect(store.auditOf('live')).toEqual([]);
  });

  it('refuses to finish a Cancel that is not killing', async () => {
    const store = new InMemoryAlertStore([anAlert({ id: 'live', state: 'cancelling' }), anAlert({ id: 'cxl', msgType: 'Cancel', state: 'pending_approval', referencesAlertId: 'live' })]);
    await expect(store.transaction((tx) => finishCancel(tx, store.alerts.get('cxl')!, clock))).rejects.toMatchObject({ code: 'alert/illegal-transition' });
    expect(store.alerts.get('live')?.state).toBe('cancelling');
  });
});
