import type { Alert } from './alert';
import { ExpireAlerts, type ExpiryStore } from './expire-alerts';
import type { AlertStore, AlertTransaction } from './ports';

// The sweeper records alerts leaving the air at expiry; a Cancel puts nothing on air and an alert
// being cancelled leaves it by its Cancel, so neither is expired even if the store offers them.
describe('ExpireAlerts', () => {
  const past = new Date(1_000);
  const now = new Date(2_000);
  const alerts = new Map<string, Alert>(
    (
      [
        ['on-air', 'active', 'Alert'],
        ['cancel-done', 'done', 'Cancel'],
        ['cancel-killing', 'killing', 'Cancel'],
        ['being-cancelled', 'cancelling', 'Alert'],
      ] as const
    ).map(([id, state, msgType]) => [id, { id, state, msgType, version: 1, expiresAt: past } as Alert]),
  );
  const tx = {
    findAlertForUpdate: async (id: string) => alerts.get(id) ?? null,
    saveAlert: async (a: Alert) => void alerts.set(a.id, a),
    audit: async () => undefined,
  } as unknown as AlertTransaction;
  const store = { transaction: async <T>(work: (t: AlertTransaction) => Promise<T>) => work(tx) } as unknown as AlertStore;
  const expiry: ExpiryStore = { onAirExpiredBefore: async () => [...alerts.keys()] };

  it('expires only what is on air, never a Cancel or an alert its Cancel is taking off the air', async () => {
    expect(await new ExpireAlerts(store, expiry, { now: () => now }).run()).toBe(1);
    expect([...alerts.values()].map((a) => [a.id, a.state])).toEqual([
      ['on-air', 'expired'],
      ['cancel-done', 'done'],
      ['cancel-killing', 'killing'],
      ['being-cancelled', 'cancelling'],
    ]);
  });
});
