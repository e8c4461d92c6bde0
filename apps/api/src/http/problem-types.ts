import { AUDIENCE_PROBLEM_TYPES } from '../audiences/audience-problem-types';
import { AUDIT_PROBLEM_TYPES } from '../audit/audit-problem-types';
import { AUTH_PROBLEM_TYPES } from '../auth/auth-problem-types';
import { KEY_PROBLEM_TYPES } from '../keys/key-problem-types';
import { PUSH_PROBLEM_TYPES } from '../push/push-problem-types';
import { REPORT_PROBLEM_TYPES } from '../reports/report-problem-types';
import { SENSOR_PROBLEM_TYPES } from '../sensors/sensor-problem-types';
import type { AlertErrorCode } from '@faro/alerts';
import type { CapErrorCode } from '@faro/cap';
import type { CellBroadcastErrorCode } from '@faro/cell-broadcast';
import type { TargetingErrorCode } from '@faro/targeting';
import type { JurisdictionErrorCode } from '@faro/jurisdictions';
import type { HttpEdgeCode } from './http-error';

// The one table from a domain error code to an RFC 9457 problem. Every code a lib's error can
// carry to the API is a key of its table's type, so a code added to a lib and not here fails the
// type check instead of becoming a 500. A thrown error with no code (a bug) is a 500 rendered
// with an error id and no internals.
export interface ProblemType {
  status: number;
  title: string;
}

const CORE_PROBLEM_TYPES: Record<AlertErrorCode | CapErrorCode | CellBroadcastErrorCode | JurisdictionErrorCode | TargetingErrorCode | HttpEdgeCode | 'server/internal' | 'persistence/caller-gone', ProblemType> = {
  'alert/not-found': { status: 404, title: 'Alert not found' },
  'alert/forbidden': { status: 403, title: 'Forbidden' },
  'alert/own-approval': { status: 403, title: 'Second approver required' },
  'alert/illegal-transition': { status: 409, title: 'Illegal alert transition' },
  'alert/conflict': { status: 409, title: 'Conflicting change' },
  'alert/not-on-air': { status: 409, title: 'Alert not on air' },
  'alert/already-cancelled': { status: 409, title: 'Alert already cancelled' },
  'alert/not-a-cancel': { status: 404, title: 'Not a Cancel' },
  'alert/invalid-incident': { status: 422, title: 'Invalid incident' },
  'alert/unknown-reference': { status: 422, title: 'Unknown referenced alert' },
  'alert/text-too-long': { status: 422, title: 'Text does not fit a cell broadcast' },
  'alert/area-reaches-no-cell': { status: 422, title: 'Area reaches no cell' },
  'alert/unknown-audience': { status: 422, title: 'Unknown restricted-audience group' },
  // Raised by the worker's kill batches, never by a request; listed so the table stays whole.
  'alert/target-in-flight': { status: 409, title: 'Target batch still being transmitted' },
  'alert/batch-in-flight': { status: 409, title: 'Batch still being transmitted' },
  'jurisdiction/unknown': { status: 422, title: 'Unknown jurisdiction' },
  'jurisdiction/outside': { status: 403, title: 'Area outside your jurisdiction' },
  'cap/not-xml': { status: 400, title: 'Malformed XML' },
  'cap/doctype-forbidden': { status: 400, title: 'DOCTYPE not allowed' },
  'cap/not-cap': { status: 422, title: 'Not a CAP 1.2 alert' },
  'cap/invalid': { status: 422, title: 'Invalid CAP 1.2 alert' },
  'targeting/unknown-geocode': { status: 422, title: 'Unknown geocode' },
  'targeting/invalid-area': { status: 422, title: 'Invalid area' },
  'targeting/area-over-limit': { status: 422, title: 'Area beyond the limits' },
  'cell-broadcast/too-long': { status: 422, title: 'Text does not fit a cell broadcast' },
  'cell-broadcast/unsupported-language': { status: 422, title: 'Language not supported by cell broadcast' },
  // A field out of range or a page that does not parse is Faro's own fault, not the request's.
  'cell-broadcast/invalid-field': { status: 500, title: 'Internal server error' },
  'cell-broadcast/malformed-page': { status: 500, title: 'Internal server error' },
  'targeting/invalid-calibration': { status: 500, title: 'Internal server error' },
  'http/bad-request': { status: 400, title: 'Bad request' },
  'http/malformed-json': { status: 400, title: 'Malformed JSON body' },
  'http/unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'http/not-found': { status: 404, title: 'Not found' },
  'http/method-not-allowed': { status: 405, title: 'Method not allowed' },
  'http/invalid-query': { status: 400, title: 'Invalid query parameter' },
  'http/payload-too-large': { status: 413, title: 'Payload too large' },
  // The public feed's rate limit (@nestjs/throttler); Retry-After says when to come back.
  'http/too-many-requests': { status: 429, title: 'Too many requests' },
  // Any other 4xx the HTTP layer raises; the problem carries that status, not this one.
  'http/client-error': { status: 400, title: 'Request refused' },
  // Anything not in this table: rendered with an error id and no internals.
  'server/internal': { status: 500, title: 'Internal server error' },
  'server/unavailable': { status: 503, title: 'Service unavailable' },
  // Seen only by a client still there, when its request's deadline passed mid-transaction.
  'persistence/caller-gone': { status: 503, title: 'Request abandoned' },
};

export const PROBLEM_TYPES: Record<string, ProblemType> = { ...CORE_PROBLEM_TYPES, ...AUTH_PROBLEM_TYPES, ...SENSOR_PROBLEM_TYPES, ...AUDIT_PROBLEM_TYPES, ...AUDIENCE_PROBLEM_TYPES, ...KEY_PROBLEM_TYPES, ...PUSH_PROBLEM_TYPES, ...REPORT_PROBLEM_TYPES };

// Sent as Retry-After with every 503 (RFC 9110 §10.2.3): how long a client waits before retrying.
export const RETRY_AFTER_SECONDS = 5;

export function problemTypeUri(code: string): string {
  return `https://faro.example/problems/${code.replace('/', '-')}`;
}
