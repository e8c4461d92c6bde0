import type { GatewayKeyError } from '@faro/keys';
import type { ProblemType } from '../http/problem-types';

// The key management rows of the problem table (apps/api/src/http/problem-types.ts): the codes a
// key route can meet. The rewrap's KekRewrapError is the CLI's only (faro keys:rewrap).
export const KEY_PROBLEM_TYPES: Record<GatewayKeyError['code'], ProblemType> = {
  'gateway/not-found': { status: 404, title: 'Gateway not found' },
};
