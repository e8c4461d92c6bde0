import type { BroadcastPlan } from './broadcast-scheduler';
import { planSegments } from './plan-segments';

const t = (m: number) => new Date(Date.UTC(2026, 11, 6, 20, m));
const route = (m: number, satelliteId: string, gatewayId: string) => ({ at: t(m), satelliteId, gatewayId, elevationDeg: 40 });

function planOf(cells: BroadcastPlan['cells']): BroadcastPlan {
  return { start: t(0), end: t(6), deadline: t(6), repetitions: [0, 1, 2, 3, 4, 5].map(t), cells, handovers: [], unserved: [] };
}

describe('planSegments', () => {
  it('joins repetitions on one satellite and gateway into one stretch, and starts another at each hand-over', () => {
    const segments = planSegments(planOf([{
      cellId: 'S-a',
      transmissions: [route(0, '1', 'gw-a'), route(1, '1', 'gw-a'), route(2, '1', 'gw-b'), route(3, '2', 'gw-b'), route(4, '2', 'gw-b'), route(5, '2', 'gw-b')],
      missed: [],
    }]));
    expect(segments).toEqual([
      { cellId: 'S-a', kind: 'route', satelliteId: '1', gatewayId: 'gw-a', from: t(0), until: t(1), repetitions: 2 },
      { cellId: 'S-a', kind: 'route', satelliteId: '1', gatewayId: 'gw-b', from: t(2), until: t(2), repetitions: 1 },
      { cellId: 'S-a', kind: 'route', satelliteId: '2', gatewayId: 'gw-b', from: t(3), until: t(5), repetitions: 3 },
    ]);
  });

  it('keeps missed repetitions as stretches with their reason, between the routes, in time order', () => {
    const segments = planSegments(planOf([{
      cellId: 'S-b',
      transmissions: [route(0, '1', 'gw-a'), route(4, '3', 'gw-a')],
      missed: [{ at: t(1), reason: 'no-satellite-in-view' }, { at: t(2), reason: 'no-satellite-in-view' }, { at: t(3), reason: 'beam-capacity' }],
    }]));
    expect(segments.map((s) => [s.kind, s.kind === 'route' ? s.satelliteId : s.reason, s.repetitions])).toEqual([
      ['route', '1', 1], ['missed', 'no-satellite-in-view', 2], ['missed', 'beam-capacity', 1], ['route', '3', 1],
    ]);
  });

  it('gives a cell never routed only missed stretches', () => {
    const segments = planSegments(planOf([{ cellId: 'S-c', transmissions: [], missed: [0, 1, 2].map((m) => ({ at: t(m), reason: 'no-gateway-in-view' as const })) }]));
    expect(segments).toEqual([{ cellId: 'S-c', kind: 'missed', reason: 'no-gateway-in-view', from: t(0), until: t(2), repetitions: 3 }]);
  });
});
