import type { GatewayKeyErrorCode } from '@faro/persistence';
import type { ProblemType } from '../http/problem-types';

// The key management rows of the problem table (apps/api/src/http/problem-types.ts).
export const KEY_PROBLEM_TYPES: Record<GatewayKeyErrorCode, ProblemType> = {
  'gateway/not-found': { status: 404, title: 'Gateway not found' },
};
