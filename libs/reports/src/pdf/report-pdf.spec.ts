import { alertFact, cell, fakeTerritory, InMemoryReportSource, intactChain } from '@faro/reports/testing';
import { BuildAlertReport } from '../alert-report';
import { deliveryChartSvg } from './delivery-chart';
import { alertReportPdf } from './report-pdf';

// Slovenian, German, Greek, Cyrillic and Arabic: none of them WinAnsi only.
const SCRIPTS = ['Poplave: umaknite se z obrežja rek, če lahko.', 'Hochwasser: Straßen über Brücken meiden, Südtirol.', 'Πλημμύρα: απομακρυνθείτε από τα ποτάμια.', 'Наводнение: держитесь подальше от рек.', 'فيضان: ابتعدوا عن الأنهار.'];

async function report() {
  const s = new InMemoryReportSource();
  const a = alertFact({ releasedAt: '2026-03-01T10:01:00.000Z', headline: SCRIPTS[0] });
  s.alerts.push(a);
  s.messagesOf.set(
    a.id,
    ['sl', 'de', 'el', 'ru', 'ar'].map((language, i) => ({ language, headline: null, text: SCRIPTS[i], alphabet: 'ucs2', characters: SCRIPTS[i].length, pageCount: 1, keyId: 1, signedAt: '2026-03-01T10:01:01.000Z' })),
  );
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

  it('embeds a Unicode font (DejaVu, subset) instead of printing what WinAnsi lacks as ?', async () => {
    const pdf = (await alertReportPdf(await report())).toString('latin1');
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSansMono\b/);
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(pdf).toContain('/FontFile2');
    expect(pdf).not.toContain('/BaseFont /Courier');
  });
});
