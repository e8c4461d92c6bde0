import { alertFact, cell, fakeTerritory, InMemoryReportSource } from '@faro/reports/testing';
import { BuildPeriodReport } from './period-report';

const period = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
const sec = (s: number) => new Date(Date.UTC(2026, 2, 1, 10, 1, s)).toISOString();

function scenario() {
  const s = new InMemoryReportSource();
  s.head = { seq: 40, hash: 'ee'.repeat(32) };
  const live1 = alertFact({ releasedAt: sec(0) });
  const live2 = alertFact({ releasedAt: sec(0), hazard: 'earthquake' });
  const drill = alertFact({ capStatus: 'Exercise', releasedAt: sec(0) });
  const cancel = alertFact({ msgType: 'Cancel', rootAlertId: live1.id, releasedAt: sec(30), createdAt: '2026-03-02T00:00:00.000Z' });
  const calabria = alertFact({ jurisdictionId: 'IT-R18', releasedAt: sec(0) });
  const outside = alertFact({ createdAt: '2026-04-02T00:00:00.000Z' });
  s.alerts.push(live1, live2, drill, cancel, calabria, outside);
  s.cellsOf.set(live1.id, [cell('sat', 'S-1', sec(2)), cell('ter', 'T-1', sec(4)), cell('ter', 'T-2', null, { failed: true, failureReason: 'uplink/unsealed: gateway g cannot open the broadcast' })]);
  s.cellsOf.set(live2.id, [cell('ter', 'T-9', sec(10))]);
  s.cellsOf.set(drill.id, [cell('ter', 'T-5', sec(1))]);
  s.cellsOf.set(calabria.id, [cell('ter', 'T-7', sec(1))]);
  const e = (seq: number, action: string, jurisdictionId: string | null, subjectType = 'user') => ({ seq, at: '2026-03-05T00:00:00.000Z', actor: 'user:x', actorName: 'X', action, subjectType, subjectId: `s${seq}`, details: {}, hash: `h${seq}`, jurisdictionId });
  s.entries.push(e(11, 'auth.refused', 'IT-R19'), e(12, 'auth.refused', 'IT-R18'), e(13, 'sensor.webhook-refused', 'IT-P087', 'sensor'), e(14, 'key.signing-rotated', null, 'key'), e(41, 'auth.refused', 'IT-R19'));
  s.sensors.push({ sensorId: 'sen-1', name: 'INGV', jurisdictionId: 'IT-R19', incidents: 2 }, { sensorId: 'sen-2', name: 'Cal', jurisdictionId: 'IT-R18', incidents: 1 });
  return { s, live1, live2, drill, cancel, calabria };
}

describe('BuildPeriodReport', () => {
  it('keeps live, exercise and test alerts apart', async () => {
    const { s } = scenario();
    const r = await new BuildPeriodReport(s, fakeTerritory).run(period, 'IT-R19');
    expect(r.counts.filter((c) => c.alerts + c.cancels > 0)).toEqual([
      { statusClass: 'live', alerts: 2, updates: 0, cancels: 1 },
      { statusClass: 'exercise', alerts: 1, updates: 0, cancels: 0 },
    ]);
  });

  it('holds nothing of another region for a regional auditor', async () => {
    const { s, calabria } = scenario();
    const r = await new BuildPeriodReport(s, fakeTerritory).run(period, 'IT-R19');
    expect(JSON.stringify(r)).not.toContain(calabria.id);
    expect(r.refusedActions.map((x) => x.seq)).toEqual([11]);
    expect(r.sensors.map((x) => x.sensorId)).toEqual(['sen-1']);
    expect(r.rejectedWebhooks.map((x) => x.seq)).toEqual([13]);
    expect(r.keyRotations).toEqual([]);
  });

  it('shows platform-wide key rotations to a national auditor only', async () => {
    const { s } = scenario();
    expect((await new BuildPeriodReport(s, fakeTerritory).run(period, 'IT')).keyRotations.map((x) => x.action)).toEqual(['key.signing-rotated']);
  });

  it('measures release to 95 % on air per hazard and per route, never for a Cancel', async () => {
    const { s } = scenario();
    const r = await new BuildPeriodReport(s, fakeTerritory).run(period, 'IT-R19');
    expect(r.releaseTo95ByHazard).toEqual([
      { statusClass: 'exercise', hazard: 'flood', notReached: 0, count: 1, medianMs: 1000, p95Ms: 1000 },
      { statusClass: 'live', hazard: 'earthquake', notReached: 0, count: 1, medianMs: 10000, p95Ms: 10000 },
      // 95 % of 3 cells is 3: one failed, so never reached.
      { statusClass: 'live', hazard: 'flood', notReached: 1, count: 0, medianMs: null, p95Ms: null },
    ]);
    expect(r.releaseTo95ByRoute).toEqual([
      { statusClass: 'exercise', routeId: 'ter', notReached: 0, count: 1, medianMs: 1000, p95Ms: 1000 },
      { statusClass: 'live', routeId: 'sat', notReached: 0, count: 1, medianMs: 2000, p95Ms: 2000 },
      { statusClass: 'live', routeId: 'ter', notReached: 1, count: 1, medianMs: 10000, p95Ms: 10000 },
    ]);
  });

  it('counts failed cells by cause, in cells and alerts, each cause with the stored reasons it groups', async () => {
    const { s, live1, live2, calabria } = scenario();
    s.cellsOf.set(live2.id, [cell('ter', 'T-9', sec(10)), cell('sat', 'S-7', null, { failed: true, failureReason: 'uplink/transient: gateway s dropped submission a:sat:0 (simulated link failure)' }), cell('sat', 'S-8', null, { failed: true, failureReason: 'uplink/transient: gateway s dropped submission a:sat:1 (simulated link failure)' })]);
    s.cellsOf.set(calabria.id, [cell('sat', 'S-9', null, { failed: true, failureReason: 'uplink/transient: gateway s dropped submission c:sat:0 (simulated link failure)' })]);
    const r = await new BuildPeriodReport(s, fakeTerritory).run(period, 'IT');
    expect(r.failuresByCause).toEqual([
      {
        cause: 'link-failure',
        cells: 3,
        alerts: 2,
        reasons: [
          { reason: 'uplink/transient: gateway s dropped submission a:sat:0 (simulated link failure)', cells: 1, alerts: 1 },
          { reason: 'uplink/transient: gateway s dropped submission a:sat:1 (simulated link failure)', cells: 1, alerts: 1 },
          { reason: 'uplink/transient: gateway s dropped submission c:sat:0 (simulated link failure)', cells: 1, alerts: 1 },
        ],
      },
      { cause: 'seal-not-opened', cells: 1, alerts: 1, reasons: [{ reason: 'uplink/unsealed: gateway g cannot open the broadcast', cells: 1, alerts: 1 }] },
    ]);
    expect(r.alerts.find((a) => a.id === live1.id)?.failed).toBe(1);
  });

  it('counts cells never reached by cause apart from failures: cancelled or expired before transmission, still queued', async () => {
    const { s, live2, drill } = scenario();
    s.cellsOf.set(live2.id, [cell('ter', 'T-9', sec(10)), cell('ter', 'T-10', null, { pendingReason: 'cancelled before transmission' }), cell('ter', 'T-11', null, { pendingReason: 'cancelled before transmission' })]);
    s.cellsOf.set(drill.id, [cell('ter', 'T-5', sec(1)), cell('sat', 'S-5', null, { pendingReason: 'expired before transmission' }), cell('sat', 'S-6', null, { pendingReason: 'queued' })]);
    const r = await new BuildPeriodReport(s, fakeTerritory).run(period, 'IT-R19');
    expect(r.neverReachedByCause).toEqual([
      { cause: 'expired', cells: 1, alerts: 1, reasons: [{ reason: 'expired before transmission', cells: 1, alerts: 1 }] },
      { cause: 'cancelled-before-air', cells: 2, alerts: 1, reasons: [{ reason: 'cancelled before transmission', cells: 2, alerts: 1 }] },
      { cause: 'still-queued', cells: 1, alerts: 1, reasons: [{ reason: 'queued', cells: 1, alerts: 1 }] },
    ]);
    expect(r.failuresByCause.map((f) => f.cause)).toEqual(['seal-not-opened']);
  });

  it('reports progress alert by alert', async () => {
    const { s } = scenario();
    const seen: string[] = [];
    await new BuildPeriodReport(s, fakeTerritory).run(period, 'IT-R19', (done, total) => void seen.push(`${done}/${total}`));
    expect(seen).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });

  it('gives the same figures twice over the same data', async () => {
    const { s } = scenario();
    const b = new BuildPeriodReport(s, fakeTerritory);
    expect(await b.run(period, 'IT')).toEqual(await b.run(period, 'IT'));
  });

  it('refuses a period that ends before it starts, or longer than 367 days', async () => {
    const { s } = scenario();
    const b = new BuildPeriodReport(s, fakeTerritory);
    await expect(b.run({ from: period.to, to: period.from }, 'IT')).rejects.toMatchObject({ code: 'report/invalid-period', message: 'to must be after from' });
    await expect(b.run({ from: new Date('2025-01-01Z'), to: new Date('2026-03-01Z') }, 'IT')).rejects.toMatchObject({ code: 'report/invalid-period', message: 'a report covers at most 367 days' });
  });
});
