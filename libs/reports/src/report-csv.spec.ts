import { parse } from 'csv-parse/sync';
import { alertFact, cell, fakeTerritory, InMemoryReportSource, intactChain } from '@faro/reports/testing';
import { BuildAlertReport } from './alert-report';
import { BuildPeriodReport } from './period-report';
import { csvSafeText, reportCsv } from './report-csv';

describe('reportCsv', () => {
  it('states the chain head and writes one figure a row', async () => {
    const s = new InMemoryReportSource();
    const a = alertFact({ headline: '=HYPERLINK("http://x")' });
    s.alerts.push(a);
    s.head = { seq: 7, hash: 'ab'.repeat(32) };
    s.cellsOf.set(a.id, [cell('ter', 'T-1', '2026-03-01T10:01:03.000Z'), cell('ter', 'T-2', null, { failed: true, failureReason: 'quota, "exceeded"' })]);
    const rows: Array<Record<string, string>> = parse(reportCsv(await new BuildAlertReport(s, fakeTerritory, intactChain).run(a.id, 'IT')), { columns: true });
    const value = (section: string, metric: string, route = '') => rows.find((r) => r.section === section && r.metric === metric && r.route === route)?.value;
    expect(value('report', 'chain-head-seq')).toBe('7');
    expect(value('report', 'chain-head-hash')).toBe('ab'.repeat(32));
    expect(value('cells', 'failed', 'ter')).toBe('1');
    expect(rows.find((r) => r.section === 'cell-reasons')?.metric).toBe('quota, "exceeded"');
    expect(value('alert', 'headline')).toBe(`'=HYPERLINK("http://x")`);
  });

  it('writes a period’s failed and never reached cells per cause, and each stored reason with its cause', async () => {
    const s = new InMemoryReportSource();
    const a = alertFact({ releasedAt: '2026-03-01T10:01:00.000Z' });
    s.alerts.push(a);
    s.cellsOf.set(a.id, [
      cell('ter', 'T-1', null, { failed: true, failureReason: 'uplink/unsealed: gateway g cannot open the broadcast' }),
      cell('ter', 'T-2', null, { pendingReason: 'cancelled before transmission' }),
    ]);
    const period = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
    const rows: Array<Record<string, string>> = parse(reportCsv(await new BuildPeriodReport(s, fakeTerritory).run(period, 'IT')), { columns: true });
    const pick = (section: string) => rows.filter((r) => r.section === section).map((r) => [r.subject, r.metric, r.value]);
    expect(pick('failures')).toEqual([['seal-not-opened', 'cells', '1'], ['seal-not-opened', 'alerts', '1']]);
    expect(pick('failure-reasons')).toEqual([
      ['uplink/unsealed: gateway g cannot open the broadcast', 'cause', 'seal-not-opened'],
      ['uplink/unsealed: gateway g cannot open the broadcast', 'cells', '1'],
      ['uplink/unsealed: gateway g cannot open the broadcast', 'alerts', '1'],
    ]);
    expect(pick('never-reached')).toEqual([['cancelled-before-air', 'cells', '1'], ['cancelled-before-air', 'alerts', '1']]);
    expect(pick('never-reached-reasons')[0]).toEqual(['cancelled before transmission', 'cause', 'cancelled-before-air']);
  });

  it('keeps a text a spreadsheet would run as a formula as text', () => {
    expect(['=1+1', '+1', '-2', '@SUM', 'plain'].map(csvSafeText)).toEqual(["'=1+1", "'+1", "'-2", "'@SUM", 'plain']);
  });
});
