import { parse } from 'csv-parse/sync';
import { alertFact, cell, fakeTerritory, InMemoryReportSource, intactChain } from '@faro/reports/testing';
import { BuildAlertReport } from './alert-report';
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

  it('keeps a text a spreadsheet would run as a formula as text', () => {
    expect(['=1+1', '+1', '-2', '@SUM', 'plain'].map(csvSafeText)).toEqual(["'=1+1", "'+1", "'-2", "'@SUM", 'plain']);
  });
});
