import type { Principal } from '@faro/identity';
import type { Alert } from './alert';
import { isSingleApproverCancel, RoleAndJurisdictionPolicy, type JurisdictionGuard } from './release-rules';

class OutsideError extends Error {
  readonly code = 'jurisdiction/outside';
}

// A fake guard: everything is inside Sicily's jurisdiction except areas marked 'far'.
const guard: JurisdictionGuard = {
  async assertWithin(areas, jurisdictionId) {
    if (jurisdictionId !== 'IT' && areas.some((a) => a.kind === 'geocode' && a.code === 'far')) {
      throw new OutsideError(`area outside ${jurisdictionId}`);
    }
  },
};

const user = (id: string, roles: Principal['roles'], jurisdictionId = 'IT-R19'): Principal => ({ kind: 'user', id, name: id, roles, jurisdictionId });

function alert(over: Partial<Alert> = {}): Alert {
  return {
    msgType: 'Alert',
    capStatus: 'Actual',
    messageIdentifier: 4371,
    draftedBy: 'user:olga',
    referencesAlertId: null,
    areas: [{ description: 'Catania', spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' } }],
    ...over,
  } as Alert;
}

async function refusal(p: Promise<void>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('RoleAndJurisdictionPolicy', () => {
  const policy = new RoleAndJurisdictionPolicy(guard);

  it('lets a second person with the approver role release an operator-drafted alert', async () => {
    await expect(policy.assertMayRelease(alert(), user('anna', ['approver']))).resolves.toBeUndefined();
  });

  it('refuses a user without the approver role', async () => {
    const r = await refusal(policy.assertMayRelease(alert(), user('otto', ['operator'])));
    expect(r).toEqual({ code: 'alert/forbidden', message: 'Releasing an alert needs the approver role' });
  });

  it('refuses the drafter approving their own alert, even with the approver role', async () => {
    const r = await refusal(policy.assertMayRelease(alert({ draftedBy: 'user:anna' }), user('anna', ['operator', 'approver'])));
    expect(r.code).toBe('alert/own-approval');
  });

  it('lets one approver release the Cancel they drafted of a live alert at once', async () => {
    const cancel = alert({ msgType: 'Cancel', draftedBy: 'user:anna', referencesAlertId: 'a1' });
    await expect(policy.assertMayRelease(cancel, user('anna', ['approver']))).resolves.toBeUndefined();
  });

  it('refuses the approver who drafted an Update of a live alert: new content needs a second person', async () => {
    const update = alert({ msgType: 'Update', draftedBy: 'user:anna', referencesAlertId: 'a1' });
    const r = await refusal(policy.assertMayRelease(update, user('anna', ['operator', 'approver'])));
    expect(r).toEqual({ code: 'alert/own-approval', message: 'The drafter of an Update (it puts new content on air) cannot approve it: a second approver must release it' });
    await expect(policy.assertMayRelease(update, user('bruno', ['approver']))).resolves.toBeUndefined();
  });

  it('refuses an area outside the approver jurisdiction with the guard error', async () => {
    const far = alert({ areas: [{ description: 'Milano', spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: 'far' } }] });
    const r = await refusal(policy.assertMayRelease(far, user('anna', ['approver'])));
    expect(r).toEqual({ code: 'jurisdiction/outside', message: 'area outside IT-R19' });
  });

  it('never puts a test alert on air under a live identifier', async () => {
    const r = await refusal(policy.assertMayRelease(alert({ capStatus: 'Test', messageIdentifier: 4371 }), user('anna', ['approver'])));
    expect(r.code).toBe('alert/illegal-transition');
    await expect(policy.assertMayRelease(alert({ capStatus: 'Test', messageIdentifier: 4398 }), user('anna', ['approver']))).resolves.toBeUndefined();
  });

  it('lets a sensor release only what it reported', async () => {
    const sensor: Principal = { kind: 'sensor', id: 's1', name: 'INGV', roles: [], jurisdictionId: 'IT' };
    await expect(policy.assertMayRelease(alert({ draftedBy: 'sensor:s1' }), sensor)).resolves.toBeUndefined();
    const r = await refusal(policy.assertMayRelease(alert({ draftedBy: 'sensor:s2' }), sensor));
    expect(r.code).toBe('alert/forbidden');
    expect(r.message).toContain('s1');
  });
  it('refuses an Exercise on a live identifier as it does a Test', async () => {
    const r = await refusal(policy.assertMayRelease(alert({ capStatus: 'Exercise', messageIdentifier: 4375 }), user('anna', ['approver'])));
    expect(r.code).toBe('alert/illegal-transition');
    expect(r.message).toBe('An Exercise alert cannot go on air with live message identifier 4375');
  });

  it("lets the platform's own processes release without a role or a jurisdiction", async () => {
    const far = alert({ areas: [{ description: 'Milano', spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: 'far' } }] });
    const system: Principal = { kind: 'system', id: 'faro', name: 'Faro', roles: [], jurisdictionId: 'IT-R19' };
    await expect(policy.assertMayRelease(far, system)).resolves.toBeUndefined();
  });

  it('refuses a sensor an area outside its jurisdiction even for its own alert', async () => {
    const sensor: Principal = { kind: 'sensor', id: 's1', name: 'INGV', roles: [], jurisdictionId: 'IT-R19' };
    const far = alert({ draftedBy: 'sensor:s1', areas: [{ description: 'Milano', spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: 'far' } }] });
    expect((await refusal(policy.assertMayRelease(far, sensor))).code).toBe('jurisdiction/outside');
  });
});

describe('isSingleApproverCancel', () => {
  it('holds for a Cancel only', () => {
    expect(['Alert', 'Update', 'Cancel'].map((msgType) => isSingleApproverCancel({ msgType: msgType as 'Cancel' }))).toEqual([false, false, true]);
  });
});
