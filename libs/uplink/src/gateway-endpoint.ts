import type { GatewayFaults } from './gateway-faults';
import { ackBody, killAckBody, killFromBody, problemOf, submissionFromBody, type HeartbeatBody } from './gateway-protocol';
import { UplinkError } from './uplink-error';
import type { UplinkPort } from './uplink-port';

export interface EndpointRequest {
  method: string;
  // The path as requested, percent-encoded, without the query.
  path: string;
  body: unknown;
}

// silent: the gateway takes the request and never answers (the caller times out).
export type EndpointResponse = { status: number; body: unknown; retryAfterSeconds?: number } | { silent: true };

export interface GatewayEndpointOptions {
  uplink: UplinkPort;
  gatewayIds: ReadonlySet<string>;
  faults: GatewayFaults;
  clock?: () => Date;
  // Named in every heartbeat: changes when the gateway restarts without what it had on air.
  bootId?: string;
}

const ROUTE = /^\/v1\/gateways\/([^/]+)\/(submissions\/([^/]+)|kills\/([^/]+)|heartbeat)$/;

// The gateway operator's side of the protocol, without HTTP: apps/uplink-sim hands every request
// under /v1/ to it, and the adapter's unit spec runs against it directly. Each answer is an ack
// or an RFC 9457 problem with the uplink's code (docs/gateway-protocol.md).
export class GatewayEndpoint {
  private readonly clock: () => Date;

  constructor(private readonly o: GatewayEndpointOptions) {
    this.clock = o.clock ?? (() => new Date());
  }

  async handle(req: EndpointRequest): Promise<EndpointResponse> {
    const match = ROUTE.exec(req.path);
    if (!match) return notFound(`no route ${req.method} ${req.path}`);
    let gatewayId: string;
    let id: string | undefined;
    try {
      gatewayId = decodeURIComponent(match[1]);
      id = match[3] ?? match[4];
      id = id === undefined ? undefined : decodeURIComponent(id);
    } catch {
      return notFound(`the path ${req.path} is not well percent-encoded`);
    }
    const expected = match[2] === 'heartbeat' ? 'GET' : 'PUT';
    if (req.method !== expected) return { status: 405, body: problem(405, 'uplink/rejected', 'Method not allowed', `${req.path} takes ${expected}`) };
    if (!this.o.gatewayIds.has(gatewayId)) return answer(new UplinkError('uplink/unknown-gateway', `no gateway ${gatewayId} here`, false));
    const state = this.o.faults.stateOf(gatewayId);
    if (state === 'silent') return { silent: true };
    if (state === 'down') return answer(new UplinkError('uplink/transient', `gateway ${gatewayId} is down`, true));
    try {
      if (match[2] === 'heartbeat') {
        const beat: HeartbeatBody = { gatewayId, status: 'up', at: this.clock().toISOString(), ...(this.o.bootId ? { bootId: this.o.bootId } : {}) };
        return { status: 200, body: beat };
      }
      if (match[3] !== undefined) {
        return { status: 200, body: ackBody(await this.o.uplink.submit(submissionFromBody(gatewayId, id as string, req.body))) };
      }
      return { status: 200, body: killAckBody(await this.o.uplink.cancel(killFromBody(gatewayId, id as string, req.body))) };
    } catch (e) {
      if (e instanceof UplinkError) return answer(e);
      throw e;
    }
  }
}

function answer(e: UplinkError): EndpointResponse {
  const p = problemOf(e);
  return { status: p.status, body: p, ...(p.retryable ? { retryAfterSeconds: 1 } : {}) };
}

function notFound(detail: string): EndpointResponse {
  return { status: 404, body: problem(404, 'uplink/rejected', 'Not found', detail) };
}

function problem(status: number, code: string, title: string, detail: string) {
  return { type: 'about:blank', title, status, detail, code, retryable: false };
}
