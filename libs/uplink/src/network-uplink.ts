import { ackFromBody, errorFromProblem, heartbeatPath, killAckFromBody, killBody, killPath, submissionBody, submissionPath } from './gateway-protocol';
import type { GatewayTransport } from './gateway-transport';
import type { UplinkAck, UplinkKill, UplinkKillAck, UplinkPort, UplinkSubmission } from './uplink-port';

// The worker's UplinkPort over the gateway protocol: each submission and kill is one PUT to the
// URL of its id, so a retry after a lost answer is the same request and the gateway acknowledges
// it again instead of transmitting twice. Nothing here retries: the uplink job does, with backoff.
export class NetworkUplink implements UplinkPort {
  constructor(private readonly transport: GatewayTransport) {}

  async submit(s: UplinkSubmission): Promise<UplinkAck> {
    const what = `submission ${s.submissionId} to ${s.gatewayId}`;
    const res = await this.transport.send({ method: 'PUT', path: submissionPath(s.gatewayId, s.submissionId), body: submissionBody(s) });
    if (res.status !== 200) throw errorFromProblem(res.status, res.body, what, res.retryAfterSeconds);
    return ackFromBody(res.body, s);
  }

  async cancel(k: UplinkKill): Promise<UplinkKillAck> {
    const what = `kill ${k.killId} to ${k.gatewayId}`;
    const res = await this.transport.send({ method: 'PUT', path: killPath(k.gatewayId, k.killId), body: killBody(k) });
    if (res.status !== 200) throw errorFromProblem(res.status, res.body, what, res.retryAfterSeconds);
    return killAckFromBody(res.body, k);
  }

  // The route's heartbeat: resolves when the gateway says it is up within timeoutMs, with the boot
  // id it names (a new one: it restarted empty), if it names one.
  async heartbeat(gatewayId: string, timeoutMs: number): Promise<{ bootId?: string }> {
    const res = await this.transport.send({ method: 'GET', path: heartbeatPath(gatewayId), timeoutMs });
    if (res.status !== 200) throw errorFromProblem(res.status, res.body, `heartbeat of ${gatewayId}`);
    const bootId = (res.body as { bootId?: unknown } | undefined)?.bootId;
    return typeof bootId === 'string' && bootId.length > 0 && bootId.length <= 200 ? { bootId } : {};
  }
}
