import type { PushErrorCode } from '@faro/push';
import type { ProblemType } from '../http/problem-types';

// The web-push rows of the problem table (apps/api/src/http/problem-types.ts).
export const PUSH_PROBLEM_TYPES: Record<PushErrorCode, ProblemType> = {
  'push/invalid-subscription': { status: 422, title: 'Invalid push subscription' },
  'push/subscription-not-found': { status: 404, title: 'Push subscription not found' },
};
