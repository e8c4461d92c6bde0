import type { AudienceErrorCode } from '@faro/audiences';
import type { ProblemType } from '../http/problem-types';

// The restricted-audience area's rows of the problem table (apps/api/src/http/problem-types.ts).
export const AUDIENCE_PROBLEM_TYPES: Record<AudienceErrorCode, ProblemType> = {
  'audience/invalid-input': { status: 422, title: 'Invalid handset or group' },
  'audience/unknown-group': { status: 404, title: 'Group not found' },
  'audience/unknown-handset': { status: 404, title: 'Handset not found' },
  'audience/conflict': { status: 409, title: 'Handset or group exists already' },
  'audience/forbidden': { status: 403, title: 'Forbidden' },
  'audience/handset-revoked': { status: 409, title: 'Handset revoked' },
};
