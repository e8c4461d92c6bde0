import { assignRoutes, type Route } from './route-assignment';
import type { ServiceSnapshot } from './service-geometry';

function snapshot(cells: Record<string, Array<[string, number]>>, gateways: Record<string, Array<[string, number]>>): ServiceSnapshot {
  return {
    at: new Date('2026-05-30T12:00:00Z'),
    satellitesOf: new Map(Object.entries(cells).map(([id, list]) => [id, list.map(([satelliteId, elevationDeg]) => ({ satelliteId, elevationDeg }))])),
    gatewaysOf: new Map(Object.entries(gateways).map(([id, list]) => [id, list.map(([gatewayId, elevationDeg]) => ({ gatewayId, elevationDeg }))])),
  };
}

describe('assignRoutes', () => {
  it('takes the highest satellite that reaches a gateway, through its highest gateway', () => {
    const s = snapshot({ a: [['s1', 70], ['s2', 40]] }, { s1: [['gw-x', 30], ['gw-y', 50]], s2: [['gw-x', 60]] });
    expect(assignRoutes(s, ['a'], new Map(), 10).routes.get('a')).toEqual({ satelliteId: 's1', gatewayId: 'gw-y', elevationDeg: 70 });
  });

  it('keeps a cell on its satellite and gateway while they still serve it, though a higher one rises', () => {
    const s = snapshot({ a: [['s2', 80], ['s1', 30]] }, { s1: [['gw-y', 50], ['gw-x', 26]], s2: [['gw-y', 60]] });
    const previous = new Map<string, Route>([['a', { satelliteId: 's1', gatewayId: 'gw-x', elevationDeg: 45 }]]);
    expect(assignRoutes(s, ['a'], previous, 10).routes.get('a')).toEqual({ satelliteId: 's1', gatewayId: 'gw-x', elevationDeg: 30 });
  });

  it('skips satellites no gateway reaches, and says so when none is left', () => {
    const s = snapshot({ a: [['s1', 70], ['s2', 40]], b: [['s1', 60]] }, { s2: [['gw-x', 60]] });
    const { routes, unrouted } = assignRoutes(s, ['a', 'b'], new Map(), 10);
    expect(routes.get('a')?.satelliteId).toBe('s2');
    expect(unrouted.get('b')).toBe('no-gateway-in-view');
  });

  it('gives no satellite more cells than its beam capacity, serving first the cells with fewest choices', () => {
    // 'a' could use s1 or s2, 'b' only s1: with one cell per satellite, b gets s1 and a s2.
    const s = snapshot({ a: [['s1', 80], ['s2', 30]], b: [['s1', 50]], c: [['s1', 40]] }, { s1: [['gw', 40]], s2: [['gw', 40]] });
    const { routes, unrouted } = assignRoutes(s, ['a', 'b', 'c'], new Map(), 1);
    expect(routes.get('b')?.satelliteId).toBe('s1');
    expect(routes.get('a')?.satelliteId).toBe('s2');
    expect(unrouted.get('c')).toBe('beam-capacity');
  });

  it('names a cell with nothing above its mask', () => {
    const { unrouted } = assignRoutes(snapshot({ a: [] }, {}), ['a'], new Map(), 10);
    expect(unrouted.get('a')).toBe('no-satellite-in-view');
  });
});
