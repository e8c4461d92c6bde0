import type { AlertReport } from './alert-report';
import type { PeriodReport } from './period-report';
import type { AuditFact, ChainHead } from './report-facts';

/**
 * A report as one long table, one figure a row: what the CSV holds. Long rather than wide so
 * that both reports, and every route and hazard, fit one header a spreadsheet can pivot.
 */
export interface ReportFigure {
  section: string;
  subject: string;
  route: string;
  metric: string;
  value: string | number;
}

export const FIGURE_COLUMNS: ReadonlyArray<keyof ReportFigure> = ['section', 'subject', 'route', 'metric', 'value'];

const row = (section: string, subject: string, route: string, metric: string, value: string | number | null | undefined): ReportFigure => ({
  section,
  subject,
  route,
  metric,
  value: value === null || value === undefined ? '' : value,
});

function head(kind: string, h: ChainHead | null): ReportFigure[] {
  return [row('report', kind, '', 'chain-head-seq', h?.seq ?? 0), row('report', kind, '', 'chain-head-hash', h?.hash ?? '')];
}

const auditRows = (section: string, entries: AuditFact[]) =>
  entries.flatMap((e) => [row(section, String(e.seq), '', 'action', e.action), row(section, String(e.seq), '', 'at', e.at), row(section, String(e.seq), '', 'actor', e.actor), row(section, String(e.seq), '', 'subject', `${e.subjectType}:${e.subjectId}`), row(section, String(e.seq), '', 'hash', e.hash)]);

export function alertReportFigures(r: AlertReport): ReportFigure[] {
  const a = r.alert;
  const out = [...head('alert', r.generatedFrom.chainHead)];
  for (const [k, v] of Object.entries({ id: a.id, msgType: a.msgType, capStatus: a.capStatus, state: a.state, hazard: a.hazard, severity: a.severity, jurisdiction: a.jurisdictionId, headline: a.headline })) out.push(row('alert', a.id, '', k, v));
  for (const t of r.timeline) out.push(row('timeline', t.event, t.route ?? '', 'at', t.at), ...(t.by ? [row('timeline', t.event, t.route ?? '', 'by', t.by)] : []), ...(t.detail ? [row('timeline', t.event, t.route ?? '', 'detail', t.detail)] : []));
  for (const rt of r.routes) {
    for (const m of ['targeted', 'delivered', 'failed', 'neverReached'] as const) out.push(row('cells', a.id, rt.routeId, m, rt[m]));
    for (const reason of rt.reasons) out.push(row('cell-reasons', reason.outcome, rt.routeId, reason.reason, reason.cells));
  }
  for (const m of ['targeted', 'delivered', 'failed', 'neverReached'] as const) out.push(row('cells', a.id, 'all', m, r.totals[m]));
  if (r.area) for (const [k, v] of Object.entries(r.area)) out.push(row('area', a.id, '', k, v));
  out.push(row('population', a.id, '', 'resident', r.residentPopulation));
  for (const l of r.languages) out.push(...(l.headline ? [row('language', l.language, '', 'headline', l.headline)] : []), row('language', l.language, '', 'text', l.text), row('language', l.language, '', 'alphabet', l.alphabet), row('language', l.language, '', 'characters', l.characters), row('language', l.language, '', 'pages', l.pages), row('language', l.language, '', 'signing-key', l.signingKey));
  for (const c of r.chain) out.push(row('chain', c.id, '', c.msgType, c.state));
  out.push(...auditRows('audit', r.audit));
  out.push(row('verification', 'chain', '', 'intact', String(r.verification.intact)), row('verification', 'chain', '', 'entries', r.verification.entries), row('verification', 'chain', '', 'head-hash', r.verification.headHash));
  if (r.verification.firstBad) out.push(row('verification', 'chain', '', 'first-bad', `${r.verification.firstBad.seq}: ${r.verification.firstBad.reason}`));
  return out;
}

export function periodReportFigures(r: PeriodReport): ReportFigure[] {
  const out = [...head('period', r.generatedFrom.chainHead), row('report', 'period', '', 'from', r.period.from), row('report', 'period', '', 'to', r.period.to), row('report', 'period', '', 'territory', r.territory)];
  for (const c of r.counts) for (const m of ['alerts', 'updates', 'cancels'] as const) out.push(row('counts', c.statusClass, '', m, c[m]));
  for (const a of r.alerts) {
    for (const m of ['statusClass', 'msgType', 'hazard', 'severity', 'state', 'jurisdictionId', 'createdAt', 'releasedAt', 'targeted', 'delivered', 'failed', 'neverReached', 'releaseTo95Ms'] as const) out.push(row('alerts', a.id, '', m, a[m]));
  }
  for (const h of r.releaseTo95ByHazard) for (const m of ['count', 'medianMs', 'p95Ms', 'notReached'] as const) out.push(row('release-to-95-by-hazard', `${h.statusClass}/${h.hazard}`, '', m, h[m]));
  for (const h of r.releaseTo95ByRoute) for (const m of ['count', 'medianMs', 'p95Ms', 'notReached'] as const) out.push(row('release-to-95-by-route', h.statusClass, h.routeId, m, h[m]));
  // Each cause, then each stored reason with the cause it counts under.
  for (const [section, reasons, causes] of [['failures', 'failure-reasons', r.failuresByCause], ['never-reached', 'never-reached-reasons', r.neverReachedByCause]] as const) {
    for (const f of causes) {
      out.push(row(section, f.cause, '', 'cells', f.cells), row(section, f.cause, '', 'alerts', f.alerts));
      for (const x of f.reasons) out.push(row(reasons, x.reason, '', 'cause', f.cause), row(reasons, x.reason, '', 'cells', x.cells), row(reasons, x.reason, '', 'alerts', x.alerts));
    }
  }
  out.push(...auditRows('refused-actions', r.refusedActions));
  for (const s of r.sensors) out.push(row('sensors', s.sensorId, '', 'incidents', s.incidents));
  out.push(...auditRows('rejected-webhooks', r.rejectedWebhooks));
  out.push(...auditRows('key-rotations', r.keyRotations));
  return out;
}
