import { alertFact, cell, fakeTerritory, InMemoryReportSource, intactChain } from '@faro/reports/testing';
import { BuildAlertReport } from '../alert-report';
import { deliveryChartSvg } from './delivery-chart';
import { alertReportPdf } from './report-pdf';

async function report() {
  const s = new InMemoryReportSource();
  const a = alertFact({ releasedAt: '2026-03-01T10:01:00.000Z' });
  s.alerts.push(a);
  s.cellsOf.set(a.id, [cell('sat-1', 'S-1', '2026-03-01T10:01:02.000Z'), cell('ter-1', 'T-1', '2026-03-01T10:01:05.000Z')]);
  return new BuildAlertReport(s, fakeTerritory, intactChain).run(a.id, 'IT');
}

describe('alert report PDF', () => {
  it('draws the delivery chart as SVG with a line per route', async () => {
    const svg = deliveryChartSvg((await report()).routes, '2026-03-01T10:01:00.000Z');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('sat-1');
    expect(svg).toContain('ter-1');
  });

  it('renders a PDF, the same bytes for the same report', async () => {
    const r = await report();
    const [one, two] = [await alertReportPdf(r), await alertReportPdf(r)];
    expect(one.subarray(0, 5).toString()).toBe('%PDF-');
    expect(one.equals(two)).toBe(true);
  });
});
