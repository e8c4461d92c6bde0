import type { AreaSpec } from '@faro/targeting';
import type { CellTargeter } from './fanout-ports';
import { AssessSatelliteReach, PlanSatelliteBroadcast, reachOf, skyCellsOf, UNSERVED_LISTED, type BroadcastPlanStore, type SatelliteReach, type SatelliteSky, type SkyCell, type SkyPlan, type SkyWindow, type UnservedCell } from './satellite-reach';
import { anAlert, fixedClock, InMemoryAlertStore } from './testing';

// Two earth-fixed cells near Catania (H3 resolution 5) and one terrestrial cell.
const S1 = 'S-851e9b4ffffffff';
const S2 = 'S-851e9b43fffffff';

function targeterOf(byRoute: Awaited<ReturnType<CellTargeter['cellsFor']>>['byRoute']): CellTargeter & { calls: AreaSpec[][] } {
  const calls: AreaSpec[][] = [];
  return { calls, cellsFor: async (areas) => (calls.push(areas), { byRoute, summary: null as never, geofence: [] }) };
}

const BOTH = targeterOf({
  'sat-isole-bg00': { kind: 'satellite', gatewayId: 'sat-isole', cellIds: [S2, S1] },
  'ter-tim': { kind: 'terrestrial', gatewayId: 'cbc-tim', cellIds: ['T-222-1-1'] },
});

class FakeSky implements SatelliteSky {
  asked: Array<{ cells: SkyCell[]; window: SkyWindow }> = [];
  constructor(private readonly verdict: UnservedCell[] = []) {}
  unserved(cells: SkyCell[], window: SkyWindow): UnservedCell[] {
    this.asked.push({ cells, window });
    return this.verdict;
  }
  async plan(cells: SkyCell[], window: SkyWindow): Promise<SkyPlan> {
    this.asked.push({ cells, window });
    return { ...window, skyOffsetMs: 0, stretches: [], unserved: this.verdict };
  }
}

class FakePlans implements BroadcastPlanStore {
  saved = new Map<string, { cellCount: number; plan: SkyPlan }>();
  async hasPlan(alertId: string) {
    return this.saved.has(alertId);
  }
  async savePlan(alertId: string, cellCount: number, plan: SkyPlan) {
    this.saved.set(alertId, { cellCount, plan });
  }
  async planSummary(): Promise<SatelliteReach | null> {
    return null;
  }
}

describe('skyCellsOf', () => {
  it('keeps the satellite cells only, with their H3 centres, in id order', () => {
    const cells = skyCellsOf({ a: { kind: 'satellite', gatewayId: 'g', cellIds: [S2, S1, 'S-bad'] }, t: { kind: 'terrestrial', gatewayId: 'c', cellIds: ['T-1'] } });
    expect(cells.map((c) => c.id)).toEqual([S1, S2].sort());
    for (const c of cells) {
      expect(c.lon).toBeGreaterThan(14);
      expect(c.lon).toBeLessThan(16);
      expect(c.lat).toBeGreaterThan(37);
      expect(c.lat).toBeLessThan(38.5);
    }
  });
});

describe('reachOf', () => {
  it('counts the unserved cells by reason and lists at most the first hundred, in id order', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ cellId: `S-${String(149 - i).padStart(3, '0')}`, reason: i % 3 === 0 ? ('beam-capacity' as const) : ('no-gateway-in-view' as const) }));
    const reach = reachOf(400, new Date(0), many, 'planned');
    expect(reach.unservedCount).toBe(150);
    expect(reach.byReason).toEqual({ 'no-satellite-in-view': 0, 'no-gateway-in-view': 100, 'beam-capacity': 50 });
    expect(reach.unserved).toHaveLength(UNSERVED_LISTED);
    expect(reach.unserved[0].cellId).toBe('S-000');
  });
});

describe('AssessSatelliteReach', () => {
  it('asks the sky about the satellite cells only, from now to the expiry, at the repetition period', async () => {
    const sky = new FakeSky([{ cellId: S1, reason: 'no-gateway-in-view' }]);
    const clock = fixedClock('2026-12-06T10:00:00.000Z');
    const reach = await new AssessSatelliteReach(BOTH, sky, clock, 60).assess([], new Date('2026-12-06T11:00:00.000Z'));
    expect(sky.asked).toHaveLength(1);
    expect(sky.asked[0].cells.map((c) => c.id)).toEqual([S1, S2].sort());
    expect(sky.asked[0].window).toEqual({ start: clock.now(), end: new Date('2026-12-06T11:00:00.000Z'), deadline: new Date('2026-12-06T11:00:00.000Z'), repetitionSeconds: 60 });
    expect(reach).toMatchObject({ satelliteCells: 2, source: 'assessed', unservedCount: 1, byReason: { 'no-gateway-in-view': 1 } });
  });

  it('reports every satellite cell unserved when the expiry has passed, without asking the sky', async () => {
    const sky = new FakeSky();
    const reach = await new AssessSatelliteReach(BOTH, sky, fixedClock('2026-12-06T12:00:00.000Z'), 60).assess([], new Date('2026-12-06T11:00:00.000Z'));
    expect(sky.asked).toEqual([]);
    expect(reach.unservedCount).toBe(2);
  });

  it('answers no satellite cell and nothing unserved for a terrestrial-only area', async () => {
    const reach = await new AssessSatelliteReach(targeterOf({ t: { kind: 'terrestrial', gatewayId: 'c', cellIds: ['T-1'] } }), new FakeSky(), fixedClock(), 60).assess([], new Date('2026-12-06T16:00:00.000Z'));
    expect(reach).toMatchObject({ satelliteCells: 0, unservedCount: 0 });
  });
});

describe('PlanSatelliteBroadcast', () => {
  const released = anAlert({ id: 'a-1', state: 'broadcasting', releasedAt: new Date('2026-12-06T10:00:00.000Z'), expiresAt: new Date('2026-12-06T12:00:00.000Z') });

  it('plans from the release to the expiry and stores the plan once', async () => {
    const sky = new FakeSky([{ cellId: S2, reason: 'beam-capacity' }]);
    const plans = new FakePlans();
    const use = new PlanSatelliteBroadcast(new InMemoryAlertStore([released]), BOTH, sky, plans, 30);
    expect(await use.run('a-1')).toEqual({ planned: true, cells: 2, unserved: 1 });
    expect(sky.asked[0].window).toEqual({ start: released.releasedAt, end: released.expiresAt, deadline: released.expiresAt, repetitionSeconds: 30 });
    expect(plans.saved.get('a-1')!.cellCount).toBe(2);
    expect(await use.run('a-1')).toEqual({ planned: false, cells: 0, unserved: 0 });
    expect(sky.asked).toHaveLength(1);
  });

  it('makes no plan for a draft, a Cancel or an alert already expired at release', async () => {
    const store = new InMemoryAlertStore([
      anAlert({ id: 'draft' }),
      anAlert({ id: 'cancel', msgType: 'Cancel', releasedAt: released.releasedAt }),
      anAlert({ id: 'late', releasedAt: new Date('2026-12-06T17:00:00.000Z') }),
    ]);
    const sky = new FakeSky();
    const use = new PlanSatelliteBroadcast(store, BOTH, sky, new FakePlans(), 60);
    for (const id of ['draft', 'cancel', 'late', 'missing']) expect((await use.run(id)).planned).toBe(false);
    expect(sky.asked).toEqual([]);
  });
});
