import type { Principal } from '@faro/identity';
import type { Alert } from './alert';
import { CreateIncident, type CreateIncidentCommand } from './create-incident';
import type { IncidentDraft } from './incident-draft';
import { aDraft, anAlert, aSensor, aUser, CATANIA, fakeAudiences, fakeJurisdictions, FakeTargeter, fixedClock, MILANO, OPEN_SEA } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

const olga = aUser('olga', ['operator']);
const anna = aUser('anna', ['approver']);

function setUp(alerts: Alert[] = []) {
  const store = new InMemoryAlertStore(alerts);
  const targeter = new FakeTargeter();
  const create = new CreateIncident(store, targeter, fixedClock(), fakeJurisdictions, fakeAudiences());
  const run = (draft: IncidentDraft, principal: Principal = olga, over: Partial<CreateIncidentCommand> = {}) =>
    create.run({ draft, principal, source: 'api', format: 'json', raw: null, payload: { draft: true }, dedupeKey: null, ...over });
  return { store, targeter, run };
}

// An alert on air that Updates and Cancels refer to.
const onAir = (over: Partial<Alert> = {}) => anAlert({ id: 'live', state: 'active', messageCode: 321, codeCycle: 2, updateNumber: 4, rootAlertId: 'root-0', ...over });

describe('CreateIncident drafting an Alert', () => {
  it('writes the incident and a draft owned by the drafter and their jurisdiction, audited with how they signed in', async () => {
    const { store, run } = setUp();
    const { alert, incident, duplicate } = await run(aDraft());
    expect(duplicate).toBe(false);
    expect(store.alerts.get(alert.id)).toMatchObject({ state: 'draft', version: 1, msgType: 'Alert', draftedBy: 'user:olga', jurisdictionId: 'IT-R19', origin: 'operator', updateNumber: 0, rootAlertId: alert.id, referencesAlertId: null });
    expect(store.incidents.get(incident.id)).toMatchObject({ alertId: alert.id, source: 'api', sensorId: null, jurisdictionId: 'IT-R19' });
    expect(store.auditOf(alert.id)).toEqual([['alert.drafted', expect.objectContaining({ incidentId: incident.id, msgType: 'Alert', source: 'api', audience: 'public', via: olga.via })]]);
  });

  it('gives each new alert a message code of its own', async () => {
    const { run } = setUp();
    const a = (await run(aDraft({ identifier: 'one' }))).alert;
    const b = (await run(aDraft({ identifier: 'two' }))).alert;
    expect(a.messageCode).not.toBe(b.messageCode);
  });

  it('keeps the targeting summary with the draft', async () => {
    const { run } = setUp();
    const { alert } = await run(aDraft({ areas: [CATANIA] }));
    expect(alert.targeting?.counts.total).toBe(10);
    expect(alert.targeting?.areas?.[0]).toMatchObject({ reachesCells: true, pointer: '/areas/0' });
  });

  it('chooses immediate display (scope 0) for an extreme, immediate alert and normal display (3) otherwise', async () => {
    const { run } = setUp();
    expect((await run(aDraft({ severity: 'Extreme', urgency: 'Immediate' }))).alert.geographicalScope).toBe(0);
    expect((await run(aDraft({ severity: 'Moderate', urgency: 'Expected', identifier: 'x' }))).alert.geographicalScope).toBe(3);
    expect((await run(aDraft({ severity: 'Minor', urgency: 'Future', level1: true, identifier: 'y' }))).alert.geographicalScope).toBe(0);
  });

  it('answers a repeated dedupe key with the first draft and writes nothing more', async () => {
    const { store, run } = setUp();
    const first = await run(aDraft(), olga, { dedupeKey: 'idem-1' });
    const again = await run(aDraft({ identifier: 'other' }), olga, { dedupeKey: 'idem-1' });
    expect(again).toMatchObject({ duplicate: true, alert: { id: first.alert.id }, incident: { id: first.incident.id } });
    expect([store.alerts.size, store.incidents.size, store.trail.length]).toEqual([1, 1, 1]);
  });

  it('finds the draft of a concurrent duplicate that committed first, by its dedupe key, instead of failing', async () => {
    const { store, run } = setUp();
    const competitor = await run(aDraft(), olga, { dedupeKey: 'idem-2' });
    // The next attempt does not see the competitor's row at first (it committed after the read),
    // so its own insert conflicts; the retry must find it.
    const realTransaction = store.transaction.bind(store);
    let firstRead = true;
    store.transaction = (work) =>
      realTransaction((tx) =>
        work({
          ...tx,
          findIncidentByDedupeKey: async (key) => {
            if (firstRead) {
              firstRead = false;
              return null;
            }
            return tx.findIncidentByDedupeKey(key);
          },
        }),
      );
    const again = await run(aDraft(), olga, { dedupeKey: 'idem-2' });
    expect(again).toMatchObject({ duplicate: true, alert: { id: competitor.alert.id } });
    expect([store.alerts.size, store.incidents.size]).toEqual([1, 1]);
  });

  it('drafts a sensor report as a sensor alert, with the sensor on the incident and the signed webhook in the trail', async () => {
    const { store, run } = setUp();
    const ingv = aSensor('ingv');
    const { alert, incident } = await run(aDraft(), ingv, { source: 'sensor:ingv' });
    expect([alert.origin, alert.draftedBy, incident.sensorId]).toEqual(['sensor', 'sensor:ingv', 'ingv']);
    expect(store.auditOf(alert.id)[0][1]).toMatchObject({ via: { method: 'webhook-signature' } });
  });

  it('puts a Test alert on the test channel, never a live identifier', async () => {
    const { run } = setUp();
    const live = (await run(aDraft())).alert;
    const test = (await run(aDraft({ status: 'Test', identifier: 't' }))).alert;
    expect(test.capStatus).toBe('Test');
    expect(test.messageIdentifier).not.toBe(live.messageIdentifier);
  });
});

describe('CreateIncident refusals', () => {
  it('refuses an Alert from a user without the operator role, and lets an approver draft only Updates and Cancels', async () => {
    const { store, run } = setUp([onAir()]);
    await expect(run(aDraft(), aUser('aldo', ['auditor']))).rejects.toMatchObject({ code: 'alert/forbidden', message: 'Drafting an alert needs the operator role' });
    await expect(run(aDraft(), anna)).rejects.toMatchObject({ code: 'alert/forbidden' });
    await expect(run(aDraft({ msgType: 'Cancel', references: { alertId: 'live' }, areas: [] }), anna)).resolves.toMatchObject({ alert: { msgType: 'Cancel' } });
    await expect(run(aDraft({ msgType: 'Update', references: { alertId: 'live' } }), aUser('aldo', ['auditor']))).rejects.toMatchObject({
      code: 'alert/forbidden',
      message: 'Drafting an Update needs the operator or approver role',
    });
    expect(store.alerts.size).toBe(2);
  });

  it("refuses an area in another territory, pointing at it, and writes nothing", async () => {
    const { store, run } = setUp();
    await expect(run(aDraft({ areas: [CATANIA, MILANO] }))).rejects.toMatchObject({ code: 'jurisdiction/outside', pointer: '/areas/1' });
    await expect(run(aDraft({ areas: [MILANO] }), aUser('nino', ['operator'], { jurisdictionId: 'IT' }))).resolves.toBeDefined();
    expect(store.incidents.size).toBe(1);
  });

  it('refuses an area that no cell reaches (alert/area-reaches-no-cell) and writes nothing', async () => {
    const { store, run } = setUp();
    await expect(run(aDraft({ areas: [CATANIA, OPEN_SEA] }))).rejects.toMatchObject({ code: 'alert/area-reaches-no-cell', pointer: '/areas/1' });
    expect([store.alerts.size, store.incidents.size, store.trail.length]).toEqual([0, 0, 0]);
  });

  it('refuses an unknown audience group and one outside the drafter territory', async () => {
    const { run } = setUp();
    await expect(run(aDraft({ audience: 'nobody' }))).rejects.toMatchObject({ code: 'alert/unknown-audience' });
    await expect(run(aDraft({ audience: 'cp-sicilia' }), aUser('lia', ['operator'], { jurisdictionId: 'IT-R03' }))).rejects.toMatchObject({ code: 'alert/forbidden' });
    await expect(run(aDraft({ audience: 'cp-sicilia' }))).resolves.toMatchObject({ alert: { audienceGroupId: 'cp-sicilia' } });
  });

  it('refuses a text too long for the broadcast, at its text', async () => {
    const { run } = setUp();
    await expect(run(aDraft({ languages: [{ language: 'it-IT', text: 'Evacuare. '.repeat(200) }] }))).rejects.toMatchObject({ code: 'alert/text-too-long', pointer: '/languages/0/text' });
  });
});

describe('CreateIncident drafting an Update', () => {
  it('keeps the message code, root and audience of the alert it updates and advances its update number', async () => {
    const { run } = setUp([onAir()]);
    const { alert } = await run(aDraft({ msgType: 'Update', references: { alertId: 'live' }, languages: [{ language: 'it-IT', text: 'Scossa di assestamento.' }] }));
    expect(alert).toMatchObject({ msgType: 'Update', state: 'draft', messageCode: 321, codeCycle: 2, rootAlertId: 'root-0', referencesAlertId: 'live', updateNumber: 5, audienceGroupId: null });
  });

  it('wraps the update number from 15 to 0 (TS 23.041: four bits)', async () => {
    const { run } = setUp([onAir({ updateNumber: 15 })]);
    expect((await run(aDraft({ msgType: 'Update', references: { alertId: 'live' } }))).alert.updateNumber).toBe(0);
  });

  it('keeps the geographical scope of the message it updates while the identifier stays the same', async () => {
    const { run } = setUp([onAir({ geographicalScope: 3 })]);
    const { alert } = await run(aDraft({ msgType: 'Update', references: { alertId: 'live' } }));
    expect(alert.geographicalScope).toBe(3);
  });

  it('takes the scope its own classification chooses once a new severity moves it to another identifier', async () => {
    const { run } = setUp([onAir({ geographicalScope: 0 })]);
    const { alert } = await run(aDraft({ msgType: 'Update', severity: 'Severe', references: { alertId: 'live' } }));
    expect(alert.messageIdentifier).not.toBe(4371);
    expect(alert.geographicalScope).toBe(3);
  });

  it('refuses an Update of an alert being cancelled, or expired', async () => {
    for (const [state, code] of [['cancelling', 'alert/already-cancelled'], ['cancelled', 'alert/already-cancelled'], ['expired', 'alert/not-on-air']] as const) {
      const { store, run } = setUp([onAir({ state })]);
      await expect(run(aDraft({ msgType: 'Update', references: { alertId: 'live' } }))).rejects.toMatchObject({ code });
      expect(store.alerts.size).toBe(1);
    }
  });

  it('refuses an Update of a final alert it cannot apply to', async () => {
    const { run } = setUp([onAir({ state: 'updated' })]);
    await expect(run(aDraft({ msgType: 'Update', references: { alertId: 'live' } }))).rejects.toMatchObject({ code: 'alert/illegal-transition', message: 'Alert live is updated; an Update can no longer apply to it' });
  });

  it('keeps a test a test: refuses an Update that changes the status', async () => {
    const { run } = setUp([onAir({ capStatus: 'Test', messageIdentifier: 4398 })]);
    await expect(run(aDraft({ msgType: 'Update', status: 'Actual', references: { alertId: 'live' } }))).rejects.toMatchObject({
      code: 'alert/illegal-transition',
      message: 'An Update cannot change status Test to Actual; that is a new alert',
    });
  });

  it("keeps a group alert's audience and group channel for an Update that names none, checking its text against the group limit", async () => {
    const { run } = setUp([onAir({ audienceGroupId: 'cp-sicilia', messageIdentifier: 4400, additionalMessageIdentifier: 4401 })]);
    const { alert } = await run(aDraft({ msgType: 'Update', references: { alertId: 'live' }, identifier: 'u-1' }));
    const publicAlert = (await run(aDraft({ identifier: 'p-1' }))).alert;
    expect(alert.audienceGroupId).toBe('cp-sicilia');
    expect(alert.messageIdentifier).not.toBe(publicAlert.messageIdentifier);
    // 1,200 GSM 7-bit characters fit a public message's pages, but not a group's 1,109 UTF-8 octets.
    const long = [{ language: 'it-IT', text: 'e'.repeat(1200) }];
    await expect(run(aDraft({ identifier: 'p-2', languages: long }))).resolves.toBeDefined();
    await expect(run(aDraft({ msgType: 'Update', references: { alertId: 'live' }, identifier: 'u-2', languages: long }))).rejects.toMatchObject({ code: 'alert/text-too-long', message: expect.stringContaining('UTF-8 octets') });
  });

  it('refuses an Update that changes who may read the alert', async () => {
    const { run } = setUp([onAir()]);
    await expect(run(aDraft({ msgType: 'Update', audience: 'cp-sicilia', references: { alertId: 'live' } }))).rejects.toMatchObject({ code: 'alert/illegal-transition', pointer: '/audience' });
  });

  it('refuses a reference to no known alert, at /references', async () => {
    const { run } = setUp();
    await expect(run(aDraft({ msgType: 'Update', references: { alertId: 'ghost' } }))).rejects.toMatchObject({ code: 'alert/unknown-reference', pointer: '/references' });
  });

  it('applies to the newest known message of a CAP references chain', async () => {
    const older = onAir({ id: 'old', state: 'updated', capIdentifier: 'c-1', createdAt: new Date('2026-12-06T08:00:00Z') });
    const newer = onAir({ id: 'new', state: 'active', capIdentifier: 'c-2', createdAt: new Date('2026-12-06T09:00:00Z'), updateNumber: 7 });
    const { run } = setUp([older, newer]);
    const sent = older.sent.toISOString();
    const { alert } = await run(aDraft({ msgType: 'Update', references: { cap: [{ sender: older.sender, identifier: 'c-1', sent }, { sender: older.sender, identifier: 'c-2', sent }, { sender: 'x', identifier: 'unknown', sent }] } }));
    expect([alert.referencesAlertId, alert.updateNumber]).toEqual(['new', 8]);
  });
});

describe('CreateIncident drafting a Cancel', () => {
  it('kills exactly what is on air: the same identifiers, serial and targeting, without targeting again', async () => {
    const live = onAir({ targeting: { counts: { terrestrial: 3, satellite: 0, total: 3 } } as Alert['targeting'], messageIdentifier: 4371, additionalMessageIdentifier: 4384, geographicalScope: 3 });
    const { run, targeter } = setUp([live]);
    const { alert } = await run(aDraft({ msgType: 'Cancel', references: { alertId: 'live' }, areas: [], severity: 'Minor' }));
    expect(alert).toMatchObject({ msgType: 'Cancel', messageIdentifier: 4371, additionalMessageIdentifier: 4384, geographicalScope: 3, messageCode: 321, updateNumber: 4, areas: live.areas, targeting: live.targeting });
    expect(targeter.calls).toBe(0);
  });

  it('refuses a Cancel of an alert not yet released, and of one already cancelled', async () => {
    const { run: ofDraft } = setUp([onAir({ state: 'pending_approval' })]);
    await expect(ofDraft(aDraft({ msgType: 'Cancel', references: { alertId: 'live' }, areas: [] }))).rejects.toMatchObject({ code: 'alert/not-on-air' });
    const { run: ofCancelled } = setUp([onAir({ state: 'cancelling' })]);
    await expect(ofCancelled(aDraft({ msgType: 'Cancel', references: { alertId: 'live' }, areas: [] }))).rejects.toMatchObject({ code: 'alert/already-cancelled' });
  });
});
