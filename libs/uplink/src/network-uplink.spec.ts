import { broadcastAad, generateGatewayKeyPair, sealForGateway, type GatewayKeyPair } from '@faro/broadcast-security';
import { encodeBroadcastEnvelope } from './broadcast-envelope';
import { GatewayEndpoint, type EndpointResponse } from './gateway-endpoint';
import { GatewayFaults } from './gateway-faults';
import type { GatewayRequest, GatewayResponse, GatewayTransport } from './gateway-transport';
import { NetworkUplink } from './network-uplink';
import type { TransmissionRecord, TransmissionRecorder } from './transmission-recorder';
import { UplinkError } from './uplink-error';
import type { UplinkSubmission } from './uplink-port';
import { UplinkSimulator } from './uplink-simulator';

class MemoryRecorder implements TransmissionRecorder {
  readonly transmissions: TransmissionRecord[] = [];
  async recordTransmission(t: TransmissionRecord): Promise<void> {
    this.transmissions.push(t);
  }
  async recordKill(): Promise<void> {}
}

// The network between the adapter and the gateway, in memory: requests go through JSON both
// ways (as on the wire), and a test can lose an answer after the gateway acted on it, or put a
// proxy's answer in place of the gateway's.
class LoopbackTransport implements GatewayTransport {
  readonly requests: GatewayRequest[] = [];
  loseNextAnswer = false;
  replaceNext?: GatewayResponse;

  constructor(private readonly endpoint: GatewayEndpoint) {}

  async send(req: GatewayRequest): Promise<GatewayResponse> {
    this.requests.push(req);
    if (this.replaceNext) {
      const r = this.replaceNext;
      this.replaceNext = undefined;
      return r;
    }
    const body = req.body === undefined ? undefined : JSON.parse(JSON.stringify(req.body));
    const res: EndpointResponse = await this.endpoint.handle({ method: req.method, path: req.path, body });
    if ('silent' in res) throw new UplinkError('uplink/transient', `gateway ${req.method} ${req.path}: no answer within ${req.timeoutMs ?? 30000} ms`, true);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new UplinkError('uplink/transient', `gateway ${req.method} ${req.path}: unreachable`, true);
    }
    return { status: res.status, body: JSON.parse(JSON.stringify(res.body)) };
  }
}

const NOW = new Date('2026-01-20T08:00:00Z');
const MI = 0x1112;
const SERIAL = 0x3001;

function page(n: number, count: number): string {
  const bytes = Buffer.alloc(88, 0x0d);
  bytes.writeUInt16BE(SERIAL, 0);
  bytes.writeUInt16BE(MI, 2);
  bytes[4] = 0x01;
  bytes[5] = (n << 4) | count;
  return bytes.toString('hex');
}

async function sealedSubmission(keys: GatewayKeyPair, overrides: Partial<UplinkSubmission> = {}): Promise<UplinkSubmission> {
  const plaintext = encodeBroadcastEnvelope({
    alertId: 'it-2026-0001', messageIdentifier: MI, serialNumber: SERIAL, dcs: 0x01, language: 'it', keyId: 42,
    issueTime: NOW.getTime() / 1000, signature: 'ab'.repeat(64), pages: [page(1, 1)], warningAreaCoordinates: '0102',
  });
  const sealed = await sealForGateway(keys, plaintext, broadcastAad({ alertId: 'it-2026-0001', messageIdentifier: MI, serialNumber: SERIAL }));
  return {
    submissionId: 'msg-1:sat-lombardia:0', gatewayId: 'sat-lombardia', routeId: 'sat-lombardia', alertId: 'it-2026-0001',
    messageIdentifier: MI, serialNumber: SERIAL, sealed, cellIds: ['S-1', 'S-2', 'T-9'], repetition: { periodSeconds: 60, count: 3 }, ...overrides,
  };
}

describe('NetworkUplink over the gateway protocol', () => {
  let keys: GatewayKeyPair;
  let otherKeys: GatewayKeyPair;
  let recorder: MemoryRecorder;
  let faults: GatewayFaults;
  let transport: LoopbackTransport;
  let uplink: NetworkUplink;

  beforeAll(async () => {
    keys = await generateGatewayKeyPair();
    otherKeys = await generateGatewayKeyPair();
  });

  beforeEach(() => {
    recorder = new MemoryRecorder();
    faults = new GatewayFaults();
    const simulator = new UplinkSimulator({
      gateways: [{ gatewayId: 'sat-lombardia', kind: 'satellite', latencyMs: { min: 0, max: 0 }, capacityCellsPerSecond: 1e9, transientFailureRate: 0, privateKeyFor: async (kid) => (kid === keys.kid ? keys.privateKey : undefined) }],
      recorder,
      sleep: async () => undefined,
      clock: () => NOW,
    });
    transport = new LoopbackTransport(new GatewayEndpoint({ uplink: simulator, gatewayIds: new Set(['sat-lombardia']), faults, clock: () => NOW }));
    uplink = new NetworkUplink(transport);
  });

  it('puts a submission to the URL of its id and returns the receipts per cell with their times', async () => {
    const ack = await uplink.submit(await sealedSubmission(keys));
    expect(transport.requests[0]).toMatchObject({ method: 'PUT', path: '/v1/gateways/sat-lombardia/submissions/msg-1%3Asat-lombardia%3A0' });
    expect((transport.requests[0].body as Record<string, unknown>).submissionId).toBeUndefined();
    expect(ack).toMatchObject({ submissionId: 'msg-1:sat-lombardia:0', gatewayId: 'sat-lombardia', duplicate: false });
    expect(ack.acceptedAt).toEqual(NOW);
    expect(ack.receipts.map((r) => [r.cellId, r.status])).toEqual([['S-1', 'broadcasting'], ['S-2', 'broadcasting'], ['T-9', 'rejected']]);
    expect(ack.receipts[0].at).toBeInstanceOf(Date);
    expect(ack.receipts[2].reason).toBe("a satellite gateway serves only 'S-' cells");
  });

  it('acknowledges a retry after a lost answer as a duplicate and transmits once', async () => {
    const s = await sealedSubmission(keys);
    transport.loseNextAnswer = true;
    await expect(uplink.submit(s)).rejects.toMatchObject({ code: 'uplink/transient', retryable: true });
    const again = await uplink.submit(s);
    expect(again.duplicate).toBe(true);
    expect(again.receipts.filter((r) => r.status === 'broadcasting')).toHaveLength(2);
    expect(recorder.transmissions).toHaveLength(1);
  });

  it('refuses for good a broadcast sealed to a key the gateway does not hold', async () => {
    const wrong = await sealedSubmission({ ...otherKeys, kid: keys.kid });
    await expect(uplink.submit(wrong)).rejects.toMatchObject({ code: 'uplink/unsealed', retryable: false, message: expect.stringContaining('cannot open the broadcast') });
    expect(recorder.transmissions).toHaveLength(0);
  });

  it('tells a down gateway apart from a refusal: retryable, and nothing transmitted', async () => {
    faults.set('sat-lombardia', 'down');
    await expect(uplink.submit(await sealedSubmission(keys))).rejects.toMatchObject({ code: 'uplink/transient', retryable: true, message: expect.stringContaining('is down') });
    faults.set('sat-lombardia', 'up');
    expect((await uplink.submit(await sealedSubmission(keys))).duplicate).toBe(false);
    expect(recorder.transmissions).toHaveLength(1);
  });

  it('answers an unknown gateway with a permanent uplink/unknown-gateway', async () => {
    await expect(uplink.submit(await sealedSubmission(keys, { gatewayId: 'sat-atlantide' }))).rejects.toMatchObject({ code: 'uplink/unknown-gateway', retryable: false });
  });

  it('rejects a malformed submission without transmitting', async () => {
    await expect(uplink.submit(await sealedSubmission(keys, { repetition: { periodSeconds: 0, count: 1 } }))).rejects.toMatchObject({ code: 'uplink/rejected', retryable: false });
    expect(recorder.transmissions).toHaveLength(0);
  });

  it("reads a proxy's answer by its status: 502 is retried, 400 is not", async () => {
    transport.replaceNext = { status: 502, body: undefined };
    await expect(uplink.submit(await sealedSubmission(keys))).rejects.toMatchObject({ code: 'uplink/transient', retryable: true });
    transport.replaceNext = { status: 400, body: undefined };
    await expect(uplink.submit(await sealedSubmission(keys))).rejects.toMatchObject({ code: 'uplink/rejected', retryable: false });
  });

  it("reads a 429 as the gateway's rate, to be waited out for its Retry-After, and sends nothing", async () => {
    transport.replaceNext = { status: 429, body: { type: 'https://faro.example/problems/uplink/rate-limited', title: "Over the gateway's rate", status: 429, detail: 'slow down', code: 'uplink/rate-limited', retryable: true }, retryAfterSeconds: 3 };
    await expect(uplink.submit(await sealedSubmission(keys))).rejects.toMatchObject({ code: 'uplink/rate-limited', retryable: true, retryAfterMs: 3000, message: expect.stringContaining('slow down') });
    // A proxy's bare 429 without Retry-After: the same, after a second.
    transport.replaceNext = { status: 429, body: undefined };
    await expect(uplink.submit(await sealedSubmission(keys))).rejects.toMatchObject({ code: 'uplink/rate-limited', retryable: true, retryAfterMs: 1000 });
    expect(recorder.transmissions).toHaveLength(0);
  });

  it('does not trust an ack for another submission', async () => {
    transport.replaceNext = { status: 200, body: { submissionId: 'msg-9:sat-lombardia:0', gatewayId: 'sat-lombardia', acceptedAt: NOW.toISOString(), receipts: [], duplicate: false } };
    await expect(uplink.submit(await sealedSubmission(keys))).rejects.toMatchObject({ code: 'uplink/transient', message: expect.stringContaining('names submission msg-9') });
  });

  it('does not trust a receipt without a known status', async () => {
    transport.replaceNext = { status: 200, body: { submissionId: 'msg-1:sat-lombardia:0', gatewayId: 'sat-lombardia', acceptedAt: NOW.toISOString(), receipts: [{ cellId: 'S-1', status: 'maybe', at: NOW.toISOString() }], duplicate: false } };
    await expect(uplink.submit(await sealedSubmission(keys))).rejects.toMatchObject({ code: 'uplink/transient', retryable: true });
  });

  it('stops a message with a kill put to the URL of its id, once', async () => {
    await uplink.submit(await sealedSubmission(keys));
    const kill = { killId: 'kill-1', gatewayId: 'sat-lombardia', routeId: 'sat-lombardia', alertId: 'it-2026-0001', messageIdentifier: MI, serialNumber: SERIAL, cellIds: ['S-1', 'S-3'] };
    const ack = await uplink.cancel(kill);
    expect(transport.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/v1/gateways/sat-lombardia/kills/kill-1' });
    expect(ack.receipts.map((r) => [r.cellId, r.status])).toEqual([['S-1', 'stopped'], ['S-3', 'rejected']]);
    expect((await uplink.cancel(kill)).duplicate).toBe(true);
  });

  it('hears a heartbeat from a gateway that is up, and none from a silent one', async () => {
    await expect(uplink.heartbeat('sat-lombardia', 100)).resolves.toEqual({});
    expect(transport.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/gateways/sat-lombardia/heartbeat', timeoutMs: 100 });
    faults.set('sat-lombardia', 'silent');
    await expect(uplink.heartbeat('sat-lombardia', 100)).rejects.toMatchObject({ code: 'uplink/transient' });
  });

  it("reads the boot id a gateway's heartbeat names, so a restart empty can be told from a mere outage", async () => {
    const booted = new NetworkUplink(new LoopbackTransport(new GatewayEndpoint({ uplink: new NetworkUplink(transport), gatewayIds: new Set(['sat-lombardia']), faults, bootId: 'boot-7' })));
    await expect(booted.heartbeat('sat-lombardia', 100)).resolves.toEqual({ bootId: 'boot-7' });
  });

  it('answers a method the route does not take with 405, not a transmission', async () => {
    const res = await new GatewayEndpoint({ uplink: new NetworkUplink(transport), gatewayIds: new Set(['sat-lombardia']), faults }).handle({ method: 'GET', path: '/v1/gateways/sat-lombardia/submissions/x', body: undefined });
    expect(res).toMatchObject({ status: 405 });
  });
});
