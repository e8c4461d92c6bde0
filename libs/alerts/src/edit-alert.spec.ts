import { EditAlert } from './edit-alert';
import type { Alert } from './alert';
import { ACIREALE, anAlert, aUser, fakeJurisdictions, FakeTargeter, fixedClock, MILANO, OPEN_SEA } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

const olga = aUser('olga', ['operator']);
const clock = fixedClock('2026-12-06T10:30:00.000Z');

function setUp(alerts: Alert[]) {
  const store = new InMemoryAlertStore(alerts);
  const targeter = new FakeTargeter();
  return { store, targeter, edit: new EditAlert(store, targeter, fakeJurisdictions, clock) };
}

describe('EditAlert', () => {
  it('saves new content of a draft as its next version, audited as an edit with how the operator signed in', async () => {
    const { store, edit } = setUp([anAlert({ version: 2 })]);
    const text = [{ language: 'it-IT', text: 'Terremoto: raggiungere le aree di attesa.' }];
    const edited = await edit.run('alert-1', { languages: text }, olga);
    expect(store.alerts.get('alert-1')).toMatchObject({ state: 'draft', version: 3, languages: text, updatedAt: clock.now() });
    expect(edited.version).toBe(3);
    expect(store.trail).toEqual([expect.objectContaining({ actor: 'user:olga', action: 'alert.edited', subjectId: 'alert-1', details: { edited: ['languages'], state: 'draft', via: olga.via } })]);
  });

  it('sends an approved alert back to pending approval, drops the approval and closes its fan-out intent', async () => {
    const { store, edit } = setUp([anAlert({ state: 'approved', version: 3, approvedBy: 'user:anna', releasedAt: new Date('2026-12-06T10:10:00Z') })]);
    store.outbox.push({ kind: 'alert.fanout', alertId: 'alert-1' });
    await edit.run('alert-1', { severity: 'Severe' }, olga);
    expect(store.alerts.get('alert-1')).toMatchObject({ state: 'pending_approval', version: 4, approvedBy: null, releasedAt: null, severity: 'Severe' });
    expect(store.outbox).toEqual([{ kind: 'alert.fanout', alertId: 'alert-1', closed: 'superseded by an edit after approval' }]);
    expect(store.auditOf('alert-1')).toEqual([['alert.pending_approval', expect.objectContaining({ from: 'approved', edited: ['severity'], reason: 'edit after approval', by: 'user:olga', via: olga.via })]]);
  });

  it('re-targets new areas and keeps the new summary', async () => {
    const { store, targeter, edit } = setUp([anAlert()]);
    await edit.run('alert-1', { areas: [ACIREALE] }, olga);
    expect(targeter.calls).toBe(1);
    expect(store.alerts.get('alert-1')).toMatchObject({ areas: [ACIREALE], targeting: { counts: { total: 10 } } });
  });

  it('moves the alert to the identifier and scope its new classification chooses', async () => {
    const { store, edit } = setUp([anAlert({ severity: 'Extreme', urgency: 'Immediate', geographicalScope: 0, messageIdentifier: 4371 })]);
    await edit.run('alert-1', { severity: 'Severe' }, olga);
    const a = store.alerts.get('alert-1')!;
    expect(a.messageIdentifier).not.toBe(4371);
    expect(a.geographicalScope).toBe(3);
  });

  it('keeps an Update on the scope of the message it updates while its identifier stays the same', async () => {
    const live = anAlert({ id: 'live', state: 'active', geographicalScope: 3 });
    const { store, edit } = setUp([live, anAlert({ id: 'upd', msgType: 'Update', referencesAlertId: 'live', geographicalScope: 3 })]);
    await edit.run('upd', { languages: [{ language: 'it-IT', text: 'Nuova scossa.' }] }, olga);
    expect(store.alerts.get('upd')?.geographicalScope).toBe(3);
  });

  it('refuses an alert already on air: that takes an Update or a Cancel', async () => {
    for (const state of ['broadcasting', 'active', 'expired', 'cancelled'] as const) {
      const before = anAlert({ state });
      const { store, edit } = setUp([before]);
      await expect(edit.run('alert-1', { severity: 'Minor' }, olga)).rejects.toMatchObject({ code: 'alert/illegal-transition' });
      expect(store.alerts.get('alert-1')).toEqual(before);
    }
  });

  it('refuses to edit a Cancel', async () => {
    const { edit } = setUp([anAlert({ msgType: 'Cancel', referencesAlertId: 'x' })]);
    await expect(edit.run('alert-1', { severity: 'Minor' }, olga)).rejects.toMatchObject({ code: 'alert/illegal-transition', message: 'A Cancel is not edited; cancel it and draft another' });
  });

  it('refuses a user without the operator role before reading anything', async () => {
    const { store, targeter, edit } = setUp([anAlert()]);
    await expect(edit.run('alert-1', { areas: [ACIREALE] }, aUser('anna', ['approver']))).rejects.toMatchObject({ code: 'alert/forbidden' });
    expect([targeter.calls, store.trail.length]).toEqual([0, 0]);
  });

  it("answers another territory's alert as not found, as if it did not exist", async () => {
    const theirs = anAlert({ jurisdictionId: 'IT-R03', areas: [MILANO] });
    const { store, edit } = setUp([theirs]);
    await expect(edit.run('alert-1', { severity: 'Minor' }, olga)).rejects.toMatchObject({ code: 'alert/not-found', message: 'No alert alert-1' });
    expect(store.alerts.get('alert-1')).toEqual(theirs);
  });

  it('refuses new areas outside the territory or reaching no cell, pointing at the area', async () => {
    const { store, edit } = setUp([anAlert()]);
    await expect(edit.run('alert-1', { areas: [ACIREALE, MILANO] }, olga)).rejects.toMatchObject({ code: 'jurisdiction/outside', pointer: '/areas/1' });
    await expect(edit.run('alert-1', { areas: [OPEN_SEA] }, olga)).rejects.toMatchObject({ code: 'alert/area-reaches-no-cell', pointer: '/areas/0' });
    expect(store.alerts.get('alert-1')?.version).toBe(1);
  });

  it('refuses a text that does not fit the broadcast', async () => {
    const { edit } = setUp([anAlert()]);
    await expect(edit.run('alert-1', { languages: [{ language: 'it-IT', text: 'Evacuare. '.repeat(200) }] }, olga)).rejects.toMatchObject({ code: 'alert/text-too-long', pointer: '/languages/0/text' });
  });

  it('refuses an expiry in the past or now, as drafting does, and writes nothing', async () => {
    const { edit, store } = setUp([anAlert()]);
    const now = clock.now();
    await expect(edit.run('alert-1', { expires: new Date(now.getTime() - 60_000) }, olga)).rejects.toMatchObject({ code: 'alert/invalid-incident', pointer: '/expires' });
    await expect(edit.run('alert-1', { expires: now }, olga)).rejects.toMatchObject({ code: 'alert/invalid-incident', pointer: '/expires' });
    expect(store.alerts.get('alert-1')?.version).toBe(1);
    await expect(edit.run('alert-1', { expires: new Date(now.getTime() + 3_600_000) }, olga)).resolves.toMatchObject({ version: 2 });
  });
});
