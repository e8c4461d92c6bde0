import type { ProblemType } from '../http/problem-types';

// The audit and jurisdiction rows of the problem table (apps/api/src/http/problem-types.ts).
export const AUDIT_PROBLEM_TYPES: Record<string, ProblemType> = {
  'audit/chain-broken': { status: 409, title: 'Audit chain broken' },
};
