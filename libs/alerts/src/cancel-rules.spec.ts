import type { Alert } from './alert';
import { assertCancellable, assertStillApplies, assertUpdatable } from './cancel-rules';
import type { AlertTransaction } from './ports';

const target = (state: Alert['state'], msgType: Alert['msgType'] = 'Alert') => ({ id: 'a-1', state, msgType });

describe('cancel rules', () => {
  it('lets a Cancel apply to an alert released or on air', () => {
    for (const state of ['approved', 'broadcasting', 'active'] as const) expect(() => assertCancellable(target(state))).not.toThrow();
  });

  it('refuses a Cancel of an alert another Cancel took off the air, naming it', () => {
    for (const state of ['cancelling', 'cancelled'] as const) {
      expect(() => assertCancellable(target(state))).toThrow(
        expect.objectContaining({ code: 'alert/already-cancelled', message: `Alert a-1 is ${state}: another Cancel already took it off the air` }),
      );
    }
  });

  it('refuses a Cancel of an alert not on air, and of a Cancel', () => {
    for (const state of ['draft', 'pending_approval', 'expired', 'updated'] as const) {
      expect(() => assertCancellable(target(state))).toThrow(expect.objectContaining({ code: 'alert/not-on-air', message: `Alert a-1 is ${state}, not on air: there is nothing to cancel` }));
    }
    expect(() => assertCancellable(target('done', 'Cancel'))).toThrow(expect.objectContaining({ code: 'alert/not-on-air' }));
  });

  it('refuses an Update of an alert being cancelled or expired', () => {
    expect(() => assertUpdatable(target('cancelling'))).toThrow(expect.objectContaining({ code: 'alert/already-cancelled' }));
    expect(() => assertUpdatable(target('expired'))).toThrow(expect.objectContaining({ code: 'alert/not-on-air' }));
    expect(() => assertUpdatable(target('active'))).not.toThrow();
  });

  it('checks a Cancel again at release against its target as it is now', async () => {
    const tx = { findAlertForUpdate: async () => target('cancelling') } as unknown as AlertTransaction;
    await expect(assertStillApplies(tx, { msgType: 'Cancel', referencesAlertId: 'a-1' })).rejects.toMatchObject({ code: 'alert/already-cancelled' });
    await expect(assertStillApplies(tx, { msgType: 'Alert', referencesAlertId: null })).resolves.toBeNull();
  });
});
