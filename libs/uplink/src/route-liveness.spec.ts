import { RouteLiveness } from './route-liveness';

const T0 = new Date('2026-12-06T20:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('RouteLiveness', () => {
  it('marks a route down once its gateway has been silent for the timeout, once', () => {
    const live = new RouteLiveness(10_000, ['sat-nord', 'sat-sud'], T0);
    live.heard('sat-nord', at(2_000));
    live.heard('sat-sud', at(2_000));
    live.heard('sat-sud', at(9_000));
    expect(live.changes(at(11_999))).toEqual([]);
    expect(live.changes(at(12_000))).toEqual([{ gatewayId: 'sat-nord', state: 'down', at: at(12_000), lastHeardAt: at(2_000) }]);
    expect(live.changes(at(13_000))).toEqual([]);
    expect(live.stateOf('sat-nord')).toBe('down');
    expect(live.stateOf('sat-sud')).toBe('up');
  });

  it('gives a route never heard the grace of the watch start, not of the epoch', () => {
    const live = new RouteLiveness(10_000, ['sat-nord'], T0);
    expect(live.changes(at(9_999))).toEqual([]);
    expect(live.changes(at(10_000)).map((c) => [c.state, c.lastHeardAt])).toEqual([['down', T0]]);
  });

  it('says whether a route has been steadily up or down for a while (a failover waits for both)', () => {
    const live = new RouteLiveness(1_000, ['sat-nord', 'sat-sud'], T0);
    expect(live.steadily('sat-nord', 'up', 3_000, at(2_999))).toBe(false);
    expect(live.steadily('sat-nord', 'up', 3_000, at(3_000))).toBe(true);
    live.heard('sat-sud', at(2_500));
    expect(live.changes(at(2_000)).map((c) => c.gatewayId)).toEqual(['sat-nord']);
    expect(live.steadily('sat-nord', 'down', 3_000, at(4_999))).toBe(false);
    expect(live.steadily('sat-nord', 'down', 3_000, at(5_000))).toBe(true);
    expect(live.steadily('sat-nord', 'up', 0, at(5_000))).toBe(false);
    // Back up: the clock starts again.
    live.heard('sat-nord', at(5_100));
    live.changes(at(5_200));
    expect(live.steadily('sat-nord', 'up', 3_000, at(8_199))).toBe(false);
    expect(live.steadily('sat-nord', 'up', 3_000, at(8_200))).toBe(true);
    expect(live.steadily('sat-atlantide', 'up', 0, at(8_200))).toBe(false);
  });

  it('brings a route back up at the next heartbeat answered', () => {
    const live = new RouteLiveness(1_000, ['cbc-tim'], T0);
    expect(live.changes(at(1_000)).map((c) => c.state)).toEqual(['down']);
    live.heard('cbc-tim', at(1_500));
    expect(live.changes(at(1_600))).toEqual([{ gatewayId: 'cbc-tim', state: 'up', at: at(1_600), lastHeardAt: at(1_500) }]);
  });

  it('does not let a late answer from the past move the last heartbeat back', () => {
    const live = new RouteLiveness(1_000, ['cbc-tim'], T0);
    live.heard('cbc-tim', at(900));
    live.heard('cbc-tim', at(100));
    expect(live.changes(at(1_500))).toEqual([]);
  });

  it('watches a gateway registered later from the moment it is added', () => {
    const live = new RouteLiveness(1_000, [], T0);
    live.watch('sat-nord', at(5_000));
    live.watch('sat-nord', at(9_000));
    expect(live.changes(at(5_999))).toEqual([]);
    expect(live.changes(at(6_000)).map((c) => c.gatewayId)).toEqual(['sat-nord']);
    expect(live.watched()).toEqual(['sat-nord']);
  });

  it('ignores heartbeats of gateways it does not watch and refuses a timeout that is not positive', () => {
    const live = new RouteLiveness(1_000, ['cbc-tim'], T0);
    live.heard('sat-atlantide', at(10));
    expect(live.stateOf('sat-atlantide')).toBeUndefined();
    expect(() => new RouteLiveness(0, [], T0)).toThrow('timeoutMs must be positive');
  });
});
