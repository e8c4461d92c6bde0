import { routeStatusOf } from './route-status';

describe('route state from the audit trail', () => {
  const at = new Date('2026-12-06T20:41:09Z');

  it('is down since the audited change, with the last heartbeat heard before it', () => {
    expect(routeStatusOf({ action: 'uplink.route-down', at, details: { lastHeardAt: '2026-12-06T20:41:00.000Z', silentForMs: 9000 } })).toEqual({ state: 'down', since: '2026-12-06T20:41:09.000Z', lastHeardAt: '2026-12-06T20:41:00.000Z' });
  });

  it('is up again after a route-up, since then', () => {
    expect(routeStatusOf({ action: 'uplink.route-up', at, details: { lastHeardAt: '2026-12-06T20:41:08.000Z' } })).toEqual({ state: 'up', since: '2026-12-06T20:41:09.000Z', lastHeardAt: '2026-12-06T20:41:08.000Z' });
  });

  it('is up with no time when the liveness never recorded a change, and ignores other entries and bad details', () => {
    expect(routeStatusOf(null)).toEqual({ state: 'up', since: null, lastHeardAt: null });
    expect(routeStatusOf({ action: 'gateway.key-rotated', at, details: {} })).toEqual({ state: 'up', since: null, lastHeardAt: null });
    expect(routeStatusOf({ action: 'uplink.route-down', at, details: { lastHeardAt: 'yesterday' } })).toEqual({ state: 'down', since: '2026-12-06T20:41:09.000Z', lastHeardAt: null });
  });
});
