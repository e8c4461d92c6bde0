import type { IdentityErrorCode } from '@faro/identity';
import type { ProblemType } from '../http/problem-types';

// The auth area's rows of the problem table (apps/api/src/http/problem-types.ts).
export const AUTH_PROBLEM_TYPES: Record<IdentityErrorCode, ProblemType> = {
  'auth/unauthenticated': { status: 401, title: 'Authentication required' },
  'auth/invalid-credentials': { status: 401, title: 'Invalid credentials' },
  'auth/totp-required': { status: 401, title: 'TOTP code required' },
  'auth/totp-invalid': { status: 401, title: 'Invalid TOTP code' },
  'auth/locked': { status: 423, title: 'Account locked' },
  'auth/forbidden': { status: 403, title: 'Forbidden' },
  'auth/second-factor-required': { status: 403, title: 'Second factor required' },
  'auth/scope': { status: 403, title: 'Outside the API token\'s scopes' },
  'auth/csrf': { status: 403, title: 'Missing or invalid CSRF token' },
  'auth/not-found': { status: 404, title: 'Not found' },
  'auth/user-exists': { status: 409, title: 'User exists' },
  'auth/totp-enrolled': { status: 409, title: 'TOTP already enrolled' },
  'auth/invalid-user': { status: 422, title: 'Invalid user' },
  'auth/invalid-request': { status: 422, title: 'Invalid request' },
};
