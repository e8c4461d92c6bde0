import type { SealedBroadcast } from '@faro/broadcast-security';
import { UplinkError, type UplinkErrorCode } from './uplink-error';
import type { CellReceipt, Repetition, UplinkAck, UplinkKill, UplinkKillAck, UplinkSubmission } from './uplink-port';

// The gateway protocol (docs/gateway-protocol.md) as data: paths, bodies and the error table,
// shared by the worker's adapter and apps/uplink-sim so the two sides cannot drift apart.
// HTTP/1.1 + JSON. Submissions and kills are PUT to a URL naming their id: PUT is idempotent
// (RFC 9110 §9.2.2), and the id in the path is the idempotency key the gateway deduplicates on.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://faro.example/problems/';

export const submissionPath = (gatewayId: string, submissionId: string) =>
  `/v1/gateways/${encodeURIComponent(gatewayId)}/submissions/${encodeURIComponent(submissionId)}`;
export const killPath = (gatewayId: string, killId: string) => `/v1/gateways/${encodeURIComponent(gatewayId)}/kills/${encodeURIComponent(killId)}`;
export const heartbeatPath = (gatewayId: string) => `/v1/gateways/${encodeURIComponent(gatewayId)}/heartbeat`;

// The body of PUT …/submissions/{submissionId}: the submission without the two ids in the path.
export type SubmissionBody = Omit<UplinkSubmission, 'submissionId' | 'gatewayId'>;
export type KillBody = Omit<UplinkKill, 'killId' | 'gatewayId'>;

interface WireReceipt {
  cellId: string;
  status: CellReceipt['status'];
  at: string;
  reason?: string;
}

export interface AckBody {
  submissionId: string;
  gatewayId: string;
  acceptedAt: string;
  receipts: WireReceipt[];
  duplicate: boolean;
}

export interface KillAckBody {
  killId: string;
  receipts: WireReceipt[];
  duplicate: boolean;
}

export interface HeartbeatBody {
  gatewayId: string;
  status: 'up';
  at: string;
  // The epoch of what the gateway holds on air: a new one means it restarted empty.
  bootId?: string;
}

// RFC 9457 with the uplink's stable code and whether the same request may succeed later.
export interface GatewayProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: UplinkErrorCode;
  retryable: boolean;
}

export const GATEWAY_PROBLEMS: Record<UplinkErrorCode, { status: number; title: string; retryable: boolean }> = {
  'uplink/rejected': { status: 422, title: 'Submission rejected', retryable: false },
  'uplink/unsealed': { status: 422, title: 'The seal does not open', retryable: false },
  'uplink/unknown-gateway': { status: 404, title: 'No such gateway', retryable: false },
  'uplink/in-progress': { status: 409, title: 'Submission in progress', retryable: true },
  'uplink/transient': { status: 503, title: 'Gateway unavailable', retryable: true },
  'uplink/rate-limited': { status: 429, title: 'Over the gateway\'s rate', retryable: true },
};

// A rate-limited answer without a Retry-After is tried again after this.
export const DEFAULT_RATE_LIMIT_WAIT_MS = 1000;

export function problemOf(error: UplinkError): GatewayProblem {
  const entry = GATEWAY_PROBLEMS[error.code];
  return { type: `${PROBLEM_TYPE_BASE}${error.code}`, title: entry.title, status: entry.status, detail: error.message, code: error.code, retryable: entry.retryable };
}

export function submissionBody(s: UplinkSubmission): SubmissionBody {
  const { routeId, alertId, messageIdentifier, serialNumber, sealed, cellIds, repetition } = s;
  return { routeId, alertId, messageIdentifier, serialNumber, sealed, cellIds, repetition };
}

export function killBody(k: UplinkKill): KillBody {
  const { routeId, alertId, messageIdentifier, serialNumber, companionMessageIdentifier, cellIds } = k;
  return { routeId, alertId, messageIdentifier, serialNumber, ...(companionMessageIdentifier === undefined ? {} : { companionMessageIdentifier }), cellIds };
}

// The server's side: a body as received, typed loosely. The simulator validates every field
// itself (and answers uplink/rejected); this only refuses what is not an object at all.
export function submissionFromBody(gatewayId: string, submissionId: string, body: unknown): UplinkSubmission {
  const b = objectBody(body, `submission ${submissionId}`);
  return { submissionId, gatewayId, ...messageOf(b), sealed: b.sealed as SealedBroadcast, repetition: b.repetition as Repetition };
}

export function killFromBody(gatewayId: string, killId: string, body: unknown): UplinkKill {
  const b = objectBody(body, `kill ${killId}`);
  return {
    killId,
    gatewayId,
    ...messageOf(b),
    ...(b.companionMessageIdentifier === undefined ? {} : { companionMessageIdentifier: b.companionMessageIdentifier as number }),
  };
}

// What a submission and a kill both name: the route, the alert, the message and its cells.
function messageOf(b: Record<string, unknown>) {
  return {
    routeId: b.routeId as string,
    alertId: b.alertId as string,
    messageIdentifier: b.messageIdentifier as number,
    serialNumber: b.serialNumber as number,
    cellIds: b.cellIds as string[],
  };
}

export function ackBody(ack: UplinkAck): AckBody {
  return { submissionId: ack.submissionId, gatewayId: ack.gatewayId, acceptedAt: ack.acceptedAt.toISOString(), receipts: ack.receipts.map(wireReceipt), duplicate: ack.duplicate };
}

export function killAckBody(ack: UplinkKillAck): KillAckBody {
  return { killId: ack.killId, receipts: ack.receipts.map(wireReceipt), duplicate: ack.duplicate };
}

// The client's side: an answer is checked before the worker trusts it, since a receipt decides
// what PostgreSQL records as on air. An ack for another id or a malformed one is a protocol
// error, retried like a dropped link (the gateway deduplicates the retry).
export function ackFromBody(body: unknown, expect: { submissionId: string; gatewayId: string }): UplinkAck {
  const b = objectBody(body, 'ack', 'transient');
  if (b.submissionId !== expect.submissionId || b.gatewayId !== expect.gatewayId) {
    throw protocolError(`the ack names submission ${String(b.submissionId)} of ${String(b.gatewayId)}, not ${expect.submissionId} of ${expect.gatewayId}`);
  }
  return { submissionId: expect.submissionId, gatewayId: expect.gatewayId, acceptedAt: dateOf(b.acceptedAt, 'acceptedAt'), receipts: receiptsOf(b.receipts), duplicate: b.duplicate === true };
}

export function killAckFromBody(body: unknown, expect: { killId: string }): UplinkKillAck {
  const b = objectBody(body, 'kill ack', 'transient');
  if (b.killId !== expect.killId) throw protocolError(`the kill ack names ${String(b.killId)}, not ${expect.killId}`);
  return { killId: expect.killId, receipts: receiptsOf(b.receipts), duplicate: b.duplicate === true };
}

// A problem answer as the worker's UplinkError. Where the body is not one of ours (a proxy's
// error page), the status decides: 429 is the gateway's rate (uplink/rate-limited, waited out for
// Retry-After), 5xx and 408 may pass, other 4xx will not.
export function errorFromProblem(status: number, body: unknown, what: string, retryAfterSeconds?: number): UplinkError {
  const b = typeof body === 'object' && body !== null ? (body as Partial<GatewayProblem>) : {};
  const known = typeof b.code === 'string' && b.code in GATEWAY_PROBLEMS ? (b.code as UplinkErrorCode) : undefined;
  const code = known ?? (status === 429 ? 'uplink/rate-limited' : undefined);
  const detail = typeof b.detail === 'string' ? b.detail : `HTTP ${status}`;
  if (code === 'uplink/rate-limited') {
    const retryAfterMs = retryAfterSeconds === undefined ? DEFAULT_RATE_LIMIT_WAIT_MS : retryAfterSeconds * 1000;
    return new UplinkError(code, `${what}: ${detail}`, true, { retryAfterMs });
  }
  if (code) return new UplinkError(code, `${what}: ${detail}`, GATEWAY_PROBLEMS[code].retryable);
  if (status >= 500 || status === 408) return new UplinkError('uplink/transient', `${what}: ${detail}`, true);
  return new UplinkError('uplink/rejected', `${what}: ${detail}`, false);
}

function receiptsOf(value: unknown): CellReceipt[] {
  if (!Array.isArray(value)) throw protocolError('receipts must be an array');
  return value.map((r: unknown) => {
    const w = objectBody(r, 'receipt', 'transient');
    if (typeof w.cellId !== 'string' || !['broadcasting', 'rejected', 'stopped'].includes(w.status as string)) {
      throw protocolError('a receipt needs a cellId and a status broadcasting | rejected | stopped');
    }
    const receipt: CellReceipt = { cellId: w.cellId, status: w.status as CellReceipt['status'], at: dateOf(w.at, 'receipt at') };
    if (typeof w.reason === 'string') receipt.reason = w.reason;
    return receipt;
  });
}

function wireReceipt(r: CellReceipt): WireReceipt {
  return { cellId: r.cellId, status: r.status, at: r.at.toISOString(), ...(r.reason === undefined ? {} : { reason: r.reason }) };
}

function dateOf(value: unknown, field: string): Date {
  const d = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw protocolError(`${field} must be an RFC 3339 date-time`);
  return d;
}

function objectBody(value: unknown, what: string, code: 'rejected' | 'transient' = 'rejected'): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  if (code === 'transient') throw protocolError(`${what} is not a JSON object`);
  throw new UplinkError('uplink/rejected', `${what}: the body must be a JSON object`, false);
}

function protocolError(problem: string): UplinkError {
  return new UplinkError('uplink/transient', `gateway protocol: ${problem}`, true);
}
