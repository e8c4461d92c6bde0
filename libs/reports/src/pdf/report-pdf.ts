import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { AlertReport } from '../alert-report';
import type { PeriodReport } from '../period-report';
import type { AuditFact, ChainHead } from '../report-facts';
import { drawAreaMap } from './area-map';
import { deliveryChartSvg } from './delivery-chart';
import { bidiWords, hasRightToLeft, visualOrder } from './bidi-words';
import { registerReportFonts, REPORT_FONTS } from './report-fonts';

const MARGIN = 40;
const ms = (v: number | null) => (v === null ? '-' : `${(v / 1000).toFixed(1)} s`);
const km2 = (v: number) => `${v.toFixed(2)} km2`;
const orDash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '-' : String(v));


class Writer {
  constructor(readonly doc: PDFKit.PDFDocument) {}
  title(t: string) {
    this.paragraph(this.doc.font(REPORT_FONTS.bold).fontSize(16), t);
    this.doc.moveDown(0.3);
  }
  heading(t: string) {
    if (this.doc.y > this.doc.page.height - 120) this.doc.addPage();
    this.doc.moveDown(0.6).font(REPORT_FONTS.bold).fontSize(11).text(t).moveDown(0.2);
  }
  // One row a line, in a fixed-width font: columns stay aligned and pdftotext reads a row whole.
  row(...cols: Array<[string | number | null | undefined, number]>) {
    const line = cols.map(([v, w]) => orDash(v).padEnd(w)).join(' ').trimEnd();
    this.doc.font(REPORT_FONTS.mono).fontSize(7).text(line);
  }
  line(t: string) {
    this.paragraph(this.doc.font(REPORT_FONTS.sans).fontSize(9), t);
  }
  private paragraph(doc: PDFKit.PDFDocument, t: string) {
    if (hasRightToLeft(t)) this.bidiLines(t);
    else doc.text(t);
  }
  // PDFKit has no bidirectional layout: it would set Arabic or Hebrew words left to right. Such a
  // paragraph is wrapped here in logical order and each line drawn with its words in visual order
  // (bidi-words.ts), a right-to-left paragraph flush right.
  private bidiLines(t: string) {
    const doc = this.doc;
    const width = doc.page.width - 2 * MARGIN;
    const { rtl, words } = bidiWords(t);
    const lines: Array<typeof words> = [[]];
    for (const w of words) {
      const line = lines[lines.length - 1];
      if (line.length > 0 && doc.widthOfString([...line, w].map((x) => x.text).join(' ')) > width) lines.push([w]);
      else line.push(w);
    }
    for (const line of lines) {
      if (doc.y > doc.page.height - MARGIN - doc.currentLineHeight(true)) doc.addPage();
      // Word by word, a space's width apart, in visual order (PDFKit shapes each word and turns a
      // right-to-left one's glyphs around): text extractors (pdftotext) read the gaps as spaces,
      // where a space glyph at a right-to-left word's edge went missing.
      const visual = visualOrder(line);
      const space = doc.widthOfString(' ');
      let x = rtl ? MARGIN + width - doc.widthOfString(visual.join(' ')) : MARGIN;
      const y = doc.y;
      for (const word of visual) {
        doc.text(word, x, y, { lineBreak: false });
        x += doc.widthOfString(word) + space;
      }
      doc.y = y;
      doc.x = MARGIN;
      doc.moveDown(1);
    }
  }
  chainHead(h: ChainHead | null) {
    this.doc.font(REPORT_FONTS.mono).fontSize(7.5).text(`Audit chain head: seq ${h?.seq ?? 0} hash ${h?.hash ?? '-'}`);
  }
  audit(entries: AuditFact[]) {
    if (entries.length === 0) return this.line('None.');
    this.row(['seq', 7], ['at', 25], ['action', 26], ['actor', 0]);
    for (const e of entries) this.row([e.seq, 7], [e.at, 25], [e.action, 26], [e.actorName ? `${e.actorName} (${e.actor})` : e.actor, 0]);
  }
}

function render(build: (w: Writer) => void, title: string): Promise<Buffer> {
  // The same figures always print the same: dates in the document info are not today's.
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Producer: 'Faro', Creator: 'Faro', CreationDate: new Date(0) } });
  registerReportFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  build(new Writer(doc));
  doc.end();
  return done;
}

export function alertReportPdf(r: AlertReport): Promise<Buffer> {
  const a = r.alert;
  return render((w) => {
    const doc = w.doc;
    w.title(`Alert report: ${a.headline || a.hazard}`);
    w.chainHead(r.generatedFrom.chainHead);
    w.row(['Alert', 16], [a.id, 0]);
    w.row(['Type', 16], [`${a.msgType} ${a.capStatus} (${a.state})`, 0]);
    w.row(['Hazard', 16], [`${a.hazard}, ${a.severity}, ${a.urgency}, ${a.certainty}`, 0]);
    w.row(['Jurisdiction', 16], [a.jurisdictionId, 0]);

    w.heading('Timeline');
    for (const t of r.timeline) w.row([t.event, 18], [t.route ?? '', 28], [t.at, 25], [[t.by, t.detail].filter(Boolean).join(' '), 0]);

    w.heading('Cells per route');
    w.row(['route', 28], ['targeted', 9], ['delivered', 10], ['failed', 7], ['never reached', 0]);
    for (const rt of r.routes) w.row([rt.routeId, 28], [rt.targeted, 9], [rt.delivered, 10], [rt.failed, 7], [rt.neverReached, 0]);
    w.row(['all', 28], [r.totals.targeted, 9], [r.totals.delivered, 10], [r.totals.failed, 7], [r.totals.neverReached, 0]);
    for (const rt of r.routes) for (const reason of rt.reasons) w.row([rt.routeId, 28], [reason.outcome, 14], [`${reason.cells} cells`, 10], [reason.reason, 0]);

    w.heading('Area and population');
    if (r.area) w.row(['requested', 12], [km2(r.area.requestedKm2), 16], ['covered', 9], [km2(r.area.coveredKm2), 16], ['overshoot', 10], [km2(r.area.overshootKm2), 16], ['uncovered', 10], [km2(r.area.uncoveredKm2), 0]);
    w.row(['resident population', 20], [r.residentPopulation, 0]);

    w.heading('Languages');
    for (const l of r.languages) w.row([l.language, 8], [l.alphabet, 8], [`${l.characters} characters`, 16], [`${l.pages} pages`, 10], [`key ${l.signingKey}`, 0]);

    w.heading('Texts as released');
    for (const l of r.languages) {
      w.row([l.language, 0]);
      if (l.headline) w.line(l.headline);
      w.line(l.text);
    }

    w.heading('Alert chain (the Alert, its Updates, its Cancel)');
    for (const c of r.chain) w.row([c.isThis ? '>' : '', 1], [c.msgType, 7], [c.id, 37], [c.state, 16], [c.releasedAt ?? 'not released', 0]);

    doc.addPage();
    w.heading('Targeted area (green: on air, red: failed, grey: never reached; blue: requested area)');
    const mapTop = doc.y;
    drawAreaMap(doc as never, { x: MARGIN, y: mapTop, width: doc.page.width - 2 * MARGIN, height: 300 }, r.map);
    doc.y = mapTop + 310;
    doc.x = MARGIN;
    w.heading('Delivery over time');
    const chartTop = doc.y;
    SVGtoPDF(doc, deliveryChartSvg(r.routes, a.releasedAt), MARGIN, chartTop, { width: 500, height: 220 });
    doc.y = chartTop + 230;
    doc.x = MARGIN;

    w.heading('Audit entries of this alert');
    w.audit(r.audit);
    w.heading('Audit chain verification');
    w.row(['intact', 10], [String(r.verification.intact), 0]);
    w.row(['entries', 10], [r.verification.entries, 0]);
    w.row(['head hash', 10], [r.verification.headHash, 0]);
    if (r.verification.firstBad) w.row(['first bad', 10], [`${r.verification.firstBad.seq}: ${r.verification.firstBad.reason}`, 0]);
  }, `Faro alert report ${a.id}`);
}

export function periodReportPdf(r: PeriodReport): Promise<Buffer> {
  return render((w) => {
    w.title(`Period report: ${r.territory}`);
    w.chainHead(r.generatedFrom.chainHead);
    w.row(['From', 8], [r.period.from, 0]);
    w.row(['To', 8], [r.period.to, 0]);

    w.heading('Alerts by status');
    w.row(['status', 10], ['alerts', 8], ['updates', 8], ['cancels', 0]);
    for (const c of r.counts) w.row([c.statusClass, 10], [c.alerts, 8], [c.updates, 8], [c.cancels, 0]);

    w.heading('Release to 95 % of cells on air, per hazard');
    w.row(['status', 10], ['hazard', 16], ['alerts', 7], ['median', 10], ['p95', 10], ['not reached', 0]);
    for (const h of r.releaseTo95ByHazard) w.row([h.statusClass, 10], [h.hazard, 16], [h.count, 7], [ms(h.medianMs), 10], [ms(h.p95Ms), 10], [h.notReached, 0]);
    w.heading('Release to 95 % of cells on air, per route');
    w.row(['status', 10], ['route', 28], ['alerts', 7], ['median', 10], ['p95', 10], ['not reached', 0]);
    for (const h of r.releaseTo95ByRoute) w.row([h.statusClass, 10], [h.routeId, 28], [h.count, 7], [ms(h.medianMs), 10], [ms(h.p95Ms), 10], [h.notReached, 0]);

    for (const [heading, causes] of [['Failures by cause', r.failuresByCause], ['Cells never reached, by cause', r.neverReachedByCause]] as const) {
      w.heading(heading);
      if (causes.length === 0) w.line('None.');
      for (const f of causes) {
        w.row([f.cause, 22], [`${f.cells} cells`, 12], [`${f.alerts} alerts`, 0]);
        for (const x of f.reasons) w.row(['', 2], [`${x.cells} cells`, 12], [`${x.alerts} alerts`, 10], [x.reason, 0]);
      }
    }

    w.heading('Refused actions');
    w.audit(r.refusedActions);
    w.heading('Sensors');
    if (r.sensors.length === 0) w.line('None.');
    for (const s of r.sensors) w.row([s.sensorId, 37], [s.jurisdictionId, 8], [`${s.incidents} incidents`, 14], [s.name, 0]);
    w.heading('Rejected webhooks');
    w.audit(r.rejectedWebhooks);
    w.heading('Key rotations');
    w.audit(r.keyRotations);

    w.heading('Every alert');
    w.row(['id', 37], ['status', 9], ['type', 7], ['hazard', 11], ['juris.', 8], ['targeted', 8], ['deliv.', 7], ['failed', 7], ['never', 6], ['rel.->95%', 0]);
    for (const a of r.alerts) w.row([a.id, 37], [a.statusClass, 9], [a.msgType, 7], [a.hazard, 11], [a.jurisdictionId, 8], [a.targeted, 8], [a.delivered, 7], [a.failed, 7], [a.neverReached, 6], [ms(a.releaseTo95Ms), 0]);
  }, `Faro period report ${r.territory} ${r.period.from} ${r.period.to}`);
}
