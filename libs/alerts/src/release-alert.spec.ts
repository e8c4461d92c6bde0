import type { Principal } from '@faro/identity';
import type { Alert } from './alert';
import { CreateIncident } from './create-incident';
import { ReleaseAlert, SubmitAlert } from './release-alert';
import { RoleAndJurisdictionPolicy } from './release-rules';
import { aDraft, anAlert, aSensor, aUser, fakeAudiences, fakeJurisdictions, FakeTargeter, fixedClock } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

const olga = aUser('olga', ['operator']);
const anna = aUser('anna', ['approver']);
const bruno = aUser('bruno', ['approver'], { via: { method: 'api-token', tokenId: 'tok-7', scopes: ['alerts:release'], secondFactor: 'totp' } });
const clock = fixedClock('2026-12-06T10:30:00.000Z');

function setUp(alerts: Alert[]) {
  const store = new InMemoryAlertStore(alerts);
  const release = new ReleaseAlert(store, new RoleAndJurisdictionPolicy(fakeJurisdictions), clock);
  return { store, release: (id: string, p: Principal) => release.run(id, p) };
}

// What a refusal must leave: the alert as it was, no outbox row, nothing in the trail.
function untouched(store: InMemoryAlertStore, before: Alert) {
  expect(store.alerts.get(before.id)).toEqual(before);
  expect(store.outbox).toEqual([]);
  expect(store.trail).toEqual([]);
}

describe('ReleaseAlert', () => {
  it('approves a pending alert, records who released it and how, and queues its fan-out in the same transaction', async () => {
    const { store, release } = setUp([anAlert({ state: 'pending_approval', version: 2 })]);
    const a = await release('alert-1', bruno);
    expect(store.alerts.get('alert-1')).toMatchObject({ state: 'approved', version: 3, approvedBy: 'user:bruno', releasedAt: clock.now() });
    expect(a.state).toBe('approved');
    expect(store.outbox).toEqual([{ kind: 'alert.fanout', alertId: 'alert-1' }]);
    expect(store.auditOf('alert-1')).toEqual([
      ['alert.approved', expect.objectContaining({ from: 'pending_approval', to: 'approved', approvedBy: 'user:bruno', draftedBy: 'user:olga', via: bruno.via })],
    ]);
    expect(store.trail[0].actor).toBe('user:bruno');
  });

  it('submits a draft on its drafter behalf before approving it, so the trail names both', async () => {
    const { store, release } = setUp([anAlert({ state: 'draft' })]);
    await release('alert-1', anna);
    expect(store.trail.map((e) => [e.actor, e.action])).toEqual([
      ['user:olga', 'alert.pending_approval'],
      ['user:anna', 'alert.approved'],
    ]);
    expect(store.trail[0].details).toMatchObject({ submittedOnReleaseBy: 'user:anna' });
    expect(store.alerts.get('alert-1')?.version).toBe(3);
  });

  it('refuses the drafter releasing their own alert, and leaves it untouched', async () => {
    const before = anAlert({ state: 'pending_approval', draftedBy: 'user:anna' });
    const { store, release } = setUp([before]);
    await expect(release('alert-1', aUser('anna', ['operator', 'approver']))).rejects.toMatchObject({ code: 'alert/own-approval' });
    untouched(store, before);
  });

  it('refuses a user without the approver role', async () => {
    const before = anAlert({ state: 'pending_approval' });
    const { store, release } = setUp([before]);
    await expect(release('alert-1', aUser('otto', ['operator']))).rejects.toMatchObject({ code: 'alert/forbidden', message: 'Releasing an alert needs the approver role' });
    untouched(store, before);
  });

  it("refuses an approver of another territory", async () => {
    const before = anAlert({ state: 'pending_approval' });
    const { store, release } = setUp([before]);
    await expect(release('alert-1', aUser('lia', ['approver'], { jurisdictionId: 'IT-R03' }))).rejects.toMatchObject({ code: 'jurisdiction/outside' });
    untouched(store, before);
  });

  it('refuses an alert that does not exist, and one already on air', async () => {
    const before = anAlert({ state: 'active' });
    const { store, release } = setUp([before]);
    await expect(release('ghost', anna)).rejects.toMatchObject({ code: 'alert/not-found' });
    await expect(release('alert-1', anna)).rejects.toMatchObject({ code: 'alert/illegal-transition' });
    untouched(store, before);
  });

  it('needs a second approver for an Update, since it puts new content on air', async () => {
    const live = anAlert({ id: 'live', state: 'active' });
    const update = anAlert({ id: 'upd', msgType: 'Update', state: 'pending_approval', referencesAlertId: 'live', draftedBy: 'user:anna' });
    const { store, release } = setUp([live, update]);
    await expect(release('upd', anna)).rejects.toMatchObject({ code: 'alert/own-approval' });
    expect(store.outbox).toEqual([]);
    await release('upd', bruno);
    expect(store.alerts.get('upd')?.state).toBe('approved');
    // The Update replaces its alert at fan-out, not at release.
    expect(store.alerts.get('live')?.state).toBe('active');
    expect(store.outbox).toEqual([{ kind: 'alert.fanout', alertId: 'upd' }]);
  });

  it('lets the approver who drafted a Cancel release it alone, audited as single-approver, and takes its target off air at once', async () => {
    const live = anAlert({ id: 'live', state: 'active' });
    const cancel = anAlert({ id: 'cxl', msgType: 'Cancel', state: 'draft', referencesAlertId: 'live', draftedBy: 'user:anna' });
    const { store, release } = setUp([live, cancel]);
    await release('cxl', anna);
    expect(store.alerts.get('cxl')?.state).toBe('approved');
    expect(store.alerts.get('live')?.state).toBe('cancelling');
    expect(store.outbox).toEqual([{ kind: 'alert.kill', alertId: 'cxl' }]);
    expect(store.auditOf('cxl').at(-1)).toEqual(['alert.approved', expect.objectContaining({ singleApprover: true, reason: 'cancel of a live alert', via: anna.via })]);
    expect(store.auditOf('live')).toEqual([['alert.cancelling', expect.objectContaining({ from: 'active', cancelledBy: 'cxl', via: anna.via })]]);
  });

  it('refuses a second Cancel released after the first took the alert off air, writing nothing', async () => {
    const live = anAlert({ id: 'live', state: 'active' });
    const first = anAlert({ id: 'cxl-1', msgType: 'Cancel', state: 'pending_approval', referencesAlertId: 'live' });
    const second = anAlert({ id: 'cxl-2', msgType: 'Cancel', state: 'pending_approval', referencesAlertId: 'live' });
    const { store, release } = setUp([live, first, second]);
    await release('cxl-1', anna);
    const trail = store.trail.length;
    await expect(release('cxl-2', anna)).rejects.toMatchObject({ code: 'alert/already-cancelled' });
    expect(store.alerts.get('cxl-2')?.state).toBe('pending_approval');
    expect(store.outbox.map((o) => o.alertId)).toEqual(['cxl-1']);
    expect(store.trail.length).toBe(trail);
  });

  it('refuses an Update released after a Cancel took its alert off air', async () => {
    const live = anAlert({ id: 'live', state: 'cancelling' });
    const update = anAlert({ id: 'upd', msgType: 'Update', state: 'pending_approval', referencesAlertId: 'live' });
    const { store, release } = setUp([live, update]);
    await expect(release('upd', anna)).rejects.toMatchObject({ code: 'alert/already-cancelled' });
    expect(store.alerts.get('upd')?.state).toBe('pending_approval');
  });

  it('keeps a test a test: refuses a Test alert on a live identifier, releases one drafted as a test', async () => {
    const forged = anAlert({ id: 'forged', state: 'pending_approval', capStatus: 'Test', messageIdentifier: 4371 });
    const { store, release } = setUp([forged]);
    await expect(release('forged', anna)).rejects.toMatchObject({ code: 'alert/illegal-transition' });
    const drafted = await new CreateIncident(store, new FakeTargeter(), clock, fakeJurisdictions, fakeAudiences()).run({
      draft: aDraft({ status: 'Test' }),
      principal: olga,
      source: 'api',
      format: 'json',
      raw: null,
      payload: null,
      dedupeKey: null,
    });
    await expect(release(drafted.alert.id, anna)).resolves.toMatchObject({ state: 'approved', capStatus: 'Test' });
  });

  it('lets a sensor release only the alert it reported, audited with its signed webhook', async () => {
    const ingv = aSensor('ingv');
    const { store, release } = setUp([anAlert({ id: 'mine', state: 'draft', draftedBy: 'sensor:ingv', origin: 'sensor' }), anAlert({ id: 'theirs', state: 'draft' })]);
    await expect(release('theirs', ingv)).rejects.toMatchObject({ code: 'alert/forbidden' });
    await release('mine', ingv);
    expect(store.auditOf('mine').map(([action, d]) => [action, d.via])).toEqual([
      ['alert.pending_approval', undefined],
      ['alert.approved', ingv.via],
    ]);
  });
});

describe('SubmitAlert', () => {
  const submit = (store: InMemoryAlertStore, id: string, p: Principal) => new SubmitAlert(store, clock).run(id, p);

  it('sends a draft for approval, audited with the operator and how they signed in', async () => {
    const store = new InMemoryAlertStore([anAlert()]);
    await expect(submit(store, 'alert-1', olga)).resolves.toMatchObject({ state: 'pending_approval', version: 2 });
    expect(store.trail).toEqual([expect.objectContaining({ actor: 'user:olga', action: 'alert.pending_approval', details: expect.objectContaining({ from: 'draft', via: olga.via }) })]);
  });

  it('refuses a user without the operator role, and an alert that is not a draft', async () => {
    const store = new InMemoryAlertStore([anAlert(), anAlert({ id: 'on-air', state: 'active' })]);
    await expect(submit(store, 'alert-1', anna)).rejects.toMatchObject({ code: 'alert/forbidden' });
    await expect(submit(store, 'on-air', olga)).rejects.toMatchObject({ code: 'alert/illegal-transition' });
    await expect(submit(store, 'ghost', olga)).rejects.toMatchObject({ code: 'alert/not-found' });
    expect(store.trail).toEqual([]);
  });

  it("answers another territory's alert as not there, and writes nothing", async () => {
    const store = new InMemoryAlertStore([anAlert()]);
    await expect(submit(store, 'alert-1', aUser('olaf', ['operator'], { jurisdictionId: 'IT-R03' }))).rejects.toMatchObject({ code: 'alert/not-found' });
    expect(store.trail).toEqual([]);
  });

  it('lets a sensor submit what it reported', async () => {
    const store = new InMemoryAlertStore([anAlert({ draftedBy: 'sensor:ingv' })]);
    await expect(submit(store, 'alert-1', aSensor('ingv'))).resolves.toMatchObject({ state: 'pending_approval' });
  });
});
