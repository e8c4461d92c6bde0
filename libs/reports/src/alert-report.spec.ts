import { alertFact, cell, fakeTerritory, InMemoryReportSource, intactChain } from '@faro/reports/testing';
import { BuildAlertReport } from './alert-report';

function scenario() {
  const s = new InMemoryReportSource();
  const a = alertFact({ id: '11111111-1111-4111-8111-111111111111' });
  s.alerts.push(a, alertFact({ rootAlertId: a.id, referencesAlertId: a.id, msgType: 'Cancel', state: 'done', createdAt: '2026-03-01T11:00:00.000Z' }));
  s.head = { seq: 9, hash: 'cd'.repeat(32) };
  s.messagesOf.set(a.id, [
    { language: 'it-IT', headline: 'Alluvione', text: 'Allontanarsi dai fiumi.', alphabet: 'gsm7', characters: 120, pageCount: 2, keyId: 0x0a0b0c0d, signedAt: '2026-03-01T10:01:01.000Z' },
    { language: 'en-GB', headline: null, text: 'Keep away from rivers.', alphabet: 'gsm7', characters: 110, pageCount: 1, keyId: 0x0a0b0c0d, signedAt: '2026-03-01T10:01:01.000Z' },
  ]);
  s.cellsOf.set(a.id, [
    cell('sat', 'S-1', '2026-03-01T10:01:02.000Z'),
    cell('sat', 'S-2', '2026-03-01T10:01:04.000Z'),
    cell('ter', 'T-1', '2026-03-01T10:01:03.000Z'),
    cell('ter', 'T-2', null, { failed: true, failureReason: 'uplink/unsealed' }),
    cell('ter', 'T-3', null, { pendingReason: 'cancelled before transmission' }),
  ]);
  s.entries.push(
    { seq: 3, at: '2026-03-01T10:00:00.000Z', actor: 'user:op', actorName: 'Olga Operator', action: 'alert.drafted', subjectType: 'alert', subjectId: a.id, details: {}, hash: 'h3', jurisdictionId: 'IT-R19' },
    { seq: 5, at: '2026-03-01T10:01:00.000Z', actor: 'user:ap', actorName: 'Aldo Approver', action: 'alert.approved', subjectType: 'alert', subjectId: a.id, details: {}, hash: 'h5', jurisdictionId: 'IT-R19' },
    { seq: 10, at: '2026-03-01T10:05:00.000Z', actor: 'system', actorName: null, action: 'alert.active', subjectType: 'alert', subjectId: a.id, details: {}, hash: 'h10', jurisdictionId: 'IT-R19' },
  );
  return { s, a };
}

describe('BuildAlertReport', () => {
  it('counts cells per route as delivered, failed or never reached, with the reasons', async () => {
    const { s, a } = scenario();
    const r = await new BuildAlertReport(s, fakeTerritory, intactChain).run(a.id, 'IT-R19');
    expect(r.routes.map((x) => [x.routeId, x.targeted, x.delivered, x.failed, x.neverReached])).toEqual([
      ['sat', 2, 2, 0, 0],
      ['ter', 3, 1, 1, 1],
    ]);
    expect(r.routes[1].reasons).toEqual([
      { outcome: 'failed', reason: 'uplink/unsealed', cells: 1 },
      { outcome: 'never-reached', reason: 'cancelled before transmission', cells: 1 },
    ]);
    expect(r.totals).toMatchObject({ targeted: 5, delivered: 3, failed: 1, neverReached: 1 });
  });

  it('draws the timeline: who approved, which key signed, and each route’s milestones', async () => {
    const { s, a } = scenario();
    const r = await new BuildAlertReport(s, fakeTerritory, intactChain).run(a.id, 'IT');
    const at = (event: string, route?: string) => r.timeline.find((t) => t.event === event && t.route === route);
    expect(at('approved')).toEqual({ event: 'approved', at: '2026-03-01T10:01:00.000Z', by: 'Aldo Approver (user:ap)' });
    expect(at('signed')?.detail).toBe('key 0a0b0c0d');
    expect(at('first cell on air')?.at).toBe('2026-03-01T10:01:02.000Z');
    expect(at('100 % delivered', 'sat')?.at).toBe('2026-03-01T10:01:04.000Z');
    expect(at('50 % delivered', 'ter')?.at).toBeNull();
  });

  it('states the chain head it was built from and holds only the entries up to it', async () => {
    const { s, a } = scenario();
    const r = await new BuildAlertReport(s, fakeTerritory, intactChain).run(a.id, 'IT-R19');
    expect(r.generatedFrom.chainHead).toEqual({ seq: 9, hash: 'cd'.repeat(32) });
    expect(r.audit.map((e) => e.seq)).toEqual([3, 5]);
    expect(r.verification.intact).toBe(true);
    expect(s.snapshots).toBe(1);
  });

  it('lists the languages with alphabet and pages, and the Cancel of the alert', async () => {
    const { s, a } = scenario();
    const r = await new BuildAlertReport(s, fakeTerritory, intactChain).run(a.id, 'IT-R19');
    expect(r.languages.map((l) => [l.language, l.alphabet, l.pages])).toEqual([
      ['en-GB', 'gsm7', 1],
      ['it-IT', 'gsm7', 2],
    ]);
    expect(r.chain.map((c) => [c.msgType, c.isThis])).toEqual([
      ['Alert', true],
      ['Cancel', false],
    ]);
    expect([r.area?.overshootKm2, r.area?.uncoveredKm2, r.residentPopulation]).toEqual([4, 0.5, 1200]);
  });

  it('answers an alert of another region as not found', async () => {
    const { s, a } = scenario();
    await expect(new BuildAlertReport(s, fakeTerritory, intactChain).run(a.id, 'IT-R18')).rejects.toMatchObject({ code: 'report/not-found', message: `alert ${a.id} is not in your territory` });
  });

  it('answers an unknown alert as not found', async () => {
    const { s } = scenario();
    await expect(new BuildAlertReport(s, fakeTerritory, intactChain).run('99999999-9999-4999-8999-999999999999', 'IT')).rejects.toMatchObject({ code: 'report/not-found' });
  });
});
