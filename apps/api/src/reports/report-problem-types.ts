import type { ReportErrorCode } from '@faro/reports';
import type { ProblemType } from '../http/problem-types';

// The reports' rows of the problem table (apps/api/src/http/problem-types.ts).
export const REPORT_PROBLEM_TYPES: Record<ReportErrorCode, ProblemType> = {
  'report/not-found': { status: 404, title: 'Report not found' },
  'report/invalid-period': { status: 400, title: 'Invalid report period' },
  'report/not-ready': { status: 409, title: 'Report not ready' },
  'report/unknown-territory': { status: 400, title: 'Unknown territory' },
  'report/outside-territory': { status: 403, title: 'Territory outside yours' },
};
