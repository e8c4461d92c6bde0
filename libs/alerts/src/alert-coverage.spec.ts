import { cellCoverage, ReadAlertCoverage, type CellCoverageFacts, type CoverageSource } from './alert-coverage';
import { anAlert, aUser, InMemoryAlertStore } from './testing';

const t = (m: number) => new Date(Date.UTC(2026, 11, 6, 10, m));

function facts(over: Partial<CellCoverageFacts> = {}): CellCoverageFacts {
  return { cellId: 'S-1', kind: 'satellite', routeId: 'sat-isole-bg00', deliveryStatus: 'broadcasting', deliveryReason: null, planned: [], planUnserved: null, transmitted: [], ...over };
}

describe('cellCoverage', () => {
  it('gives a satellite cell its planned satellites and gateways, its missed stretches, and what the uplink transmitted', () => {
    const row = cellCoverage(facts({
      planned: [
        { cellId: 'S-1', kind: 'route', satelliteId: '58705', gatewayId: 'gw-sicilia', from: t(0), until: t(2), repetitions: 3 },
        { cellId: 'S-1', kind: 'missed', reason: 'beam-capacity', from: t(3), until: t(3), repetitions: 1 },
        { cellId: 'S-1', kind: 'route', satelliteId: '58710', gatewayId: 'gw-malta', from: t(4), until: t(9), repetitions: 6 },
      ],
      transmitted: [{ gatewayId: 'sat-isole', at: t(1) }, { gatewayId: 'sat-isole', at: t(0) }],
    }));
    expect(row.planned.map((p) => [p.satelliteId, p.gatewayId, p.repetitions])).toEqual([['58705', 'gw-sicilia', 3], ['58710', 'gw-malta', 6]]);
    expect(row.missed).toEqual([{ reason: 'beam-capacity', from: t(3), until: t(3), repetitions: 1 }]);
    expect(row.transmitted.map((x) => x.at)).toEqual([t(0), t(1)]);
    expect(row).toMatchObject({ served: true, unserved: null });
  });

  it('reports the plan\'s reason for a cell no satellite serves before the deadline, even if the uplink was asked', () => {
    const row = cellCoverage(facts({ planUnserved: 'no-gateway-in-view', deliveryStatus: 'broadcasting', planned: [{ cellId: 'S-1', kind: 'missed', reason: 'no-gateway-in-view', from: t(0), until: t(5), repetitions: 6 }] }));
    expect(row.unserved).toEqual({ reason: 'no-gateway-in-view', detail: null });
    expect(row.planned).toEqual([]);
  });

  it('reports a cell whose delivery was rejected or failed and never transmitted, with the uplink\'s reason', () => {
    expect(cellCoverage(facts({ kind: 'terrestrial', cellId: 'T-1', deliveryStatus: 'rejected', deliveryReason: 'cell unknown to the CBC' })).unserved).toEqual({ reason: 'rejected', detail: 'cell unknown to the CBC' });
    expect(cellCoverage(facts({ deliveryStatus: 'failed', deliveryReason: 'gateway down' })).unserved).toEqual({ reason: 'failed', detail: 'gateway down' });
  });

  it('calls a queued cell neither served nor unserved', () => {
    expect(cellCoverage(facts({ deliveryStatus: 'queued' }))).toMatchObject({ served: false, unserved: null });
  });
});

describe('ReadAlertCoverage', () => {
  const cells = Array.from({ length: 5 }, (_, i) => facts({ cellId: `S-${i}` }));
  const source: CoverageSource & { asked: Array<[string | null, number]> } = {
    asked: [],
    plan: async () => null,
    async cells(_alertId, after, limit) {
      this.asked.push([after, limit]);
      return cells.filter((c) => after === null || c.cellId > after).slice(0, limit);
    },
  };
  const store = new InMemoryAlertStore([anAlert({ id: 'a-1', jurisdictionId: 'IT-R19' })]);
  const use = new ReadAlertCoverage(store, source);

  it('pages through the cells in id order, naming the next cursor until the last page', async () => {
    const first = await use.run('a-1', aUser('u', ['operator']), { after: null, limit: 2 });
    expect(first.items.map((r) => r.cellId)).toEqual(['S-0', 'S-1']);
    expect(first.next).toBe('S-1');
    const last = await use.run('a-1', aUser('u', ['operator']), { after: 'S-3', limit: 2 });
    expect(last.items.map((r) => r.cellId)).toEqual(['S-4']);
    expect(last.next).toBeNull();
  });

  it('answers not found for another territory\'s user, as every alert read does', async () => {
    await expect(use.run('a-1', aUser('u', ['operator'], { jurisdictionId: 'IT-R03' }), { after: null, limit: 2 })).rejects.toMatchObject({ code: 'alert/not-found' });
    await expect(use.run('nope', aUser('u', ['operator']), { after: null, limit: 2 })).rejects.toMatchObject({ code: 'alert/not-found' });
  });
});
