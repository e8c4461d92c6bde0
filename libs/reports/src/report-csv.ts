import { stringify } from 'csv-stringify/sync';
import type { AlertReport } from './alert-report';
import type { PeriodReport } from './period-report';
import { alertReportFigures, FIGURE_COLUMNS, periodReportFigures } from './report-figures';

// A text a spreadsheet would run as a formula (a headline typed as "=HYPERLINK(…)") is kept as
// text by a leading apostrophe (OWASP, CSV injection). Numbers are written as numbers.
export function csvSafeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// RFC 4180 (CRLF, quotes where needed) with a header, by csv-stringify.
export function reportCsv(r: AlertReport | PeriodReport): string {
  const rows = r.kind === 'alert' ? alertReportFigures(r) : periodReportFigures(r);
  return stringify(rows, { header: true, columns: FIGURE_COLUMNS as string[], record_delimiter: 'windows', cast: { string: csvSafeText } });
}
