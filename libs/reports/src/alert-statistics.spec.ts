import { alertStatistics, BuildAlertStatistics, type JurisdictionLookup, type StatisticsFact, territoryFigureOf } from './alert-statistics';
import { fakeTerritory } from './testing';

const tree: Record<string, { name: string; parentId: string | null }> = {
  IT: { name: 'Italia', parentId: null },
  'IT-R19': { name: 'Sicilia', parentId: 'IT' },
  'IT-P087': { name: 'Catania', parentId: 'IT-R19' },
  'IT-R18': { name: 'Calabria', parentId: 'IT' },
};
const lookup: JurisdictionLookup = { get: (id) => (tree[id] ? { id, ...tree[id] } : null) };

let n = 0;
const fact = (o: Partial<StatisticsFact> = {}): StatisticsFact => ({
  id: `a${++n}`,
  msgType: 'Alert',
  capStatus: 'Actual',
  hazard: 'flood',
  severity: 'Severe',
  urgency: 'Expected',
  certainty: 'Likely',
  jurisdictionId: 'IT-P087',
  createdAt: '2026-12-02T10:00:00.000Z',
  ...o,
});
const period = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-04T00:00:00Z') };
const params = (q: string) => Object.fromEntries(new URLSearchParams(q));

describe('alert statistics', () => {
  it('counts per hazard, largest first and ties by name, each figure carrying the listing query of its alerts', () => {
    const s = alertStatistics([fact({ hazard: 'landslide' }), fact(), fact(), fact({ hazard: 'earthquake' })], period, 'IT-R19', lookup);
    expect(s.by.hazard.map((f) => [f.key, f.count])).toEqual([
      ['flood', 2],
      ['earthquake', 1],
      ['landslide', 1],
    ]);
    expect(params(s.by.hazard[0].query)).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z', territory: 'IT-R19', hazard: 'flood' });
    expect(s.total).toBe(4);
  });

  it('counts status, severity, urgency, certainty and message type each on its own', () => {
    const s = alertStatistics([fact({ capStatus: 'Exercise', severity: 'Extreme' }), fact({ urgency: 'Immediate', certainty: 'Observed', msgType: 'Cancel' })], period, 'IT-R19', lookup);
    expect(s.by.status.map((f) => [f.key, f.count])).toEqual([['Actual', 1], ['Exercise', 1]]);
    expect(s.by.severity.map((f) => f.key)).toEqual(['Extreme', 'Severe']);
    expect(s.by.urgency.map((f) => f.key)).toEqual(['Expected', 'Immediate']);
    expect(s.by.certainty.map((f) => f.key)).toEqual(['Likely', 'Observed']);
    expect(s.by.msgType.map((f) => [f.key, f.count])).toEqual([['Alert', 1], ['Cancel', 1]]);
    expect(params(s.by.status[1].query).status).toBe('Exercise');
    expect(params(s.by.msgType[1].query).msgType).toBe('Cancel');
  });

  it('rolls a province’s alerts up into its region for a national view, named, and lists the territory’s own alerts by exact jurisdiction', () => {
    const s = alertStatistics([fact(), fact({ jurisdictionId: 'IT-R19' }), fact({ jurisdictionId: 'IT-R18' }), fact({ jurisdictionId: 'IT' })], period, 'IT', lookup);
    expect(s.by.territory.map((f) => [f.key, f.label, f.count])).toEqual([
      ['IT-R19', 'Sicilia', 2],
      ['IT', 'Italia', 1],
      ['IT-R18', 'Calabria', 1],
    ]);
    expect(params(s.by.territory[0].query)).toMatchObject({ territory: 'IT-R19' });
    expect(params(s.by.territory[1].query)).toEqual({ from: period.from.toISOString(), to: period.to.toISOString(), jurisdiction: 'IT' });
  });

  it('finds the jurisdiction directly below the territory, the territory itself, or nothing outside it', () => {
    expect(territoryFigureOf('IT-P087', 'IT', lookup)).toBe('IT-R19');
    expect(territoryFigureOf('IT-P087', 'IT-R19', lookup)).toBe('IT-P087');
    expect(territoryFigureOf('IT-R19', 'IT-R19', lookup)).toBe('IT-R19');
    expect(territoryFigureOf('IT-R18', 'IT-R19', lookup)).toBeNull();
    expect(territoryFigureOf('XX', 'IT', lookup)).toBeNull();
  });

  it('puts each alert in the day it was created, by status, with every day of the period present', () => {
    const s = alertStatistics(
      [fact({ createdAt: '2026-12-01T00:00:00.000Z' }), fact({ createdAt: '2026-12-01T23:59:59.999Z', capStatus: 'Test' }), fact({ createdAt: '2026-12-03T12:00:00.000Z' })],
      period,
      'IT-R19',
      lookup,
    );
    expect(s.bucket).toBe('day');
    expect(s.overTime.map((b) => [b.from.slice(0, 10), b.count, b.byStatus])).toEqual([
      ['2026-12-01', 2, { Actual: 1, Test: 1 }],
      ['2026-12-02', 0, {}],
      ['2026-12-03', 1, { Actual: 1 }],
    ]);
    expect(params(s.overTime[2].query)).toEqual({ from: '2026-12-03T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z', territory: 'IT-R19' });
  });

  it('gives the same figures for the same alerts in any order', () => {
    const facts = [fact({ hazard: 'b' }), fact({ hazard: 'a' }), fact({ hazard: 'c', capStatus: 'Test' }), fact({ hazard: 'a' })];
    expect(alertStatistics([...facts].reverse(), period, 'IT-R19', lookup)).toEqual(alertStatistics(facts, period, 'IT-R19', lookup));
  });
});

describe('BuildAlertStatistics', () => {
  const source = (facts: StatisticsFact[]) => ({ asked: [] as string[][], async alertsCreatedIn(_p: unknown, ids: readonly string[]) { this.asked.push([...ids]); return facts; } });

  it('reads the caller’s own territory when none is named, and keeps nothing the store answered from outside it', async () => {
    const s = source([fact(), fact({ jurisdictionId: 'IT-R18' }), fact({ createdAt: '2026-12-05T00:00:00.000Z' })]);
    const got = await new BuildAlertStatistics(s, fakeTerritory, lookup).run({ period }, 'IT-R19');
    expect(s.asked).toEqual([['IT-R19', 'IT-P087']]);
    expect([got.territory, got.total]).toEqual([{ id: 'IT-R19', name: 'Sicilia' }, 1]);
  });

  it('lets a national auditor narrow to a region', async () => {
    const s = source([fact(), fact({ jurisdictionId: 'IT-R18' })]);
    const got = await new BuildAlertStatistics(s, fakeTerritory, lookup).run({ period, territoryId: 'IT-R19' }, 'IT');
    expect([got.territory.id, got.total, s.asked]).toEqual(['IT-R19', 1, [['IT-R19', 'IT-P087']]]);
  });

  it('refuses a regional auditor another region, and a territory nobody knows', async () => {
    const build = new BuildAlertStatistics(source([]), fakeTerritory, lookup);
    await expect(build.run({ period, territoryId: 'IT-R18' }, 'IT-R19')).rejects.toMatchObject({ code: 'report/outside-territory', message: 'IT-R18 is outside your territory (IT-R19)' });
    await expect(build.run({ period, territoryId: 'IT' }, 'IT-R19')).rejects.toMatchObject({ code: 'report/outside-territory' });
    await expect(build.run({ period, territoryId: 'IT-R99' }, 'IT')).rejects.toMatchObject({ code: 'report/unknown-territory', message: 'IT-R99 is not a jurisdiction Faro knows' });
  });

  it('refuses a period that ends before it starts or lasts over 367 days', async () => {
    const build = new BuildAlertStatistics(source([]), fakeTerritory, lookup);
    await expect(build.run({ period: { from: period.to, to: period.from } }, 'IT')).rejects.toMatchObject({ code: 'report/invalid-period', message: 'to must be after from' });
    await expect(build.run({ period: { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-04T00:00:00Z') } }, 'IT')).rejects.toMatchObject({ code: 'report/invalid-period' });
  });
});
