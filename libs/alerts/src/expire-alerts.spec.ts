import type { Alert } from './alert';
import { ExpireAlerts, type ExpiryStore } from './expire-alerts';
import { anAlert, fixedClock } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

const past = new Date(1_000);
const clock = fixedClock('1970-01-01T00:00:02.000Z');

// The expiry store's query answered from the alerts themselves, or a fixed list of ids (a store
// whose answer is stale by the time each alert is locked).
const offering = (ids: string[]): ExpiryStore => ({ onAirExpiredBefore: async () => ids });

// The sweeper records alerts leaving the air at expiry; a Cancel puts nothing on air and an alert
// being cancelled leaves it by its Cancel, so neither is expired even if the store offers them.
describe('ExpireAlerts', () => {
  it('expires only what is on air, never a Cancel or an alert its Cancel is taking off the air', async () => {
    const store = new InMemoryAlertStore(
      (
        [
          ['on-air', 'active', 'Alert'],
          ['cancel-done', 'done', 'Cancel'],
          ['cancel-killing', 'killing', 'Cancel'],
          ['being-cancelled', 'cancelling', 'Alert'],
        ] as const
      ).map(([id, state, msgType]) => anAlert({ id, state, msgType, expiresAt: past })),
    );
    expect(await new ExpireAlerts(store, offering([...store.alerts.keys()]), clock).run()).toBe(1);
    expect([...store.alerts.values()].map((a) => [a.id, a.state])).toEqual([
      ['on-air', 'expired'],
      ['cancel-done', 'done'],
      ['cancel-killing', 'killing'],
      ['being-cancelled', 'cancelling'],
    ]);
  });

  it('audits each expiry as the expiry process, from the state it left', async () => {
    const store = new InMemoryAlertStore([anAlert({ id: 'a', state: 'broadcasting', expiresAt: past, version: 3 })]);
    await new ExpireAlerts(store, offering(['a']), clock).run();
    expect(store.trail).toEqual([{ actor: 'system:expiry', action: 'alert.expired', subjectType: 'alert', subjectId: 'a', details: { from: 'broadcasting', to: 'expired', version: 4 } }]);
  });

  it('leaves an alert whose expiry was moved later since the store listed it, and one that is gone', async () => {
    const later = new Date(clock.now().getTime() + 60_000);
    const store = new InMemoryAlertStore([anAlert({ id: 'a', state: 'active', expiresAt: later })]);
    expect(await new ExpireAlerts(store, offering(['a', 'gone']), clock).run()).toBe(0);
    expect(store.alerts.get('a')?.state).toBe('active');
    expect(store.trail).toEqual([]);
  });

  it('asks the store for what expired before now, a hundred at a time', async () => {
    const asked: Array<[Date, number]> = [];
    const expiry: ExpiryStore = { onAirExpiredBefore: async (now, limit) => (asked.push([now, limit]), []) };
    await new ExpireAlerts(new InMemoryAlertStore([] as Alert[]), expiry, clock).run();
    expect(asked).toEqual([[clock.now(), 100]]);
  });
});
