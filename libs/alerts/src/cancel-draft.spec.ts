import { cancelDraftFor } from './cancel-draft';
import { anAlert, CATANIA, ACIREALE } from './testing/alert-fixtures';

describe('cancelDraftFor', () => {
  const now = new Date('2026-12-06T12:00:00.000Z');

  it('drafts a Cancel referencing the alert, with its hazard, areas, classification, status and texts', () => {
    const alert = anAlert({ id: 'live', hazard: 'flood', areas: [CATANIA, ACIREALE], capStatus: 'Exercise', severity: 'Severe', urgency: 'Expected', certainty: 'Likely', level1: true });
    const d = cancelDraftFor(alert, now, 'sala-operativa@regione.sicilia.it');
    expect(d).toMatchObject({
      msgType: 'Cancel',
      references: { alertId: 'live' },
      hazard: 'flood',
      areas: [CATANIA, ACIREALE],
      status: 'Exercise',
      severity: 'Severe',
      urgency: 'Expected',
      certainty: 'Likely',
      level1: true,
      languages: alert.languages,
      sender: 'sala-operativa@regione.sicilia.it',
      sent: now,
    });
  });

  it("keeps the alert's expiry while it is ahead, and gives an hour from now to one already past", () => {
    const ahead = new Date('2026-12-06T18:00:00.000Z');
    expect(cancelDraftFor(anAlert({ expiresAt: ahead }), now, 's').expires).toEqual(ahead);
    expect(cancelDraftFor(anAlert({ expiresAt: new Date('2026-12-06T11:00:00.000Z') }), now, 's').expires).toEqual(new Date('2026-12-06T13:00:00.000Z'));
    expect(cancelDraftFor(anAlert({ expiresAt: now }), now, 's').expires).toEqual(new Date('2026-12-06T13:00:00.000Z'));
  });

  it('gives every Cancel a CAP identifier of its own', () => {
    const a = cancelDraftFor(anAlert(), now, 's').identifier;
    const b = cancelDraftFor(anAlert(), now, 's').identifier;
    expect(a).toMatch(/^faro-[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});
