import type { FastifyReply } from 'fastify';
import { alertReportPdf, type AlertReport, periodReportPdf, type PeriodReport, reportCsv } from '@faro/reports';

export type ReportFormat = 'json' | 'csv' | 'pdf';

// One report in the format asked: JSON as is, CSV and PDF as attachments named for what they hold
// (names built from ids and dates only, never from a request's text).
export async function reportAnswer(reply: FastifyReply, report: AlertReport | PeriodReport, format: ReportFormat, name: string): Promise<unknown> {
  if (format === 'json') return report;
  reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
  reply.header('cache-control', 'no-store');
  if (format === 'csv') {
    reply.type('text/csv; charset=utf-8');
    return reportCsv(report);
  }
  reply.type('application/pdf');
  return report.kind === 'alert' ? alertReportPdf(report) : periodReportPdf(report);
}

export const periodName = (r: { from: string; to: string }) => `faro-period-${r.from.slice(0, 10)}-${r.to.slice(0, 10)}`;
