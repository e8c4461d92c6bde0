import { seededRandom } from '@faro/inventory';
import { broadcastAad, generateGatewayKeyPair, sealForGateway, type GatewayKeyPair, type GatewayPublicKey, type SealedBroadcast } from '@faro/broadcast-security';
import { assembleCompanionMessage } from '@faro/cell-broadcast';
import { encodeBroadcastEnvelope, type BroadcastEnvelope } from './broadcast-envelope';
import type { GatewayProfile } from './gateway-profile';
import { ClaimLostError, type KillRecord, type SubmissionClaim, type TransmissionRecord, type TransmissionRecorder } from './transmission-recorder';
import { UplinkError } from './uplink-error';
import type { UplinkKill, UplinkSubmission } from './uplink-port';
import { UplinkSimulator } from './uplink-simulator';

class MemoryRecorder implements TransmissionRecorder {
  readonly transmissions: TransmissionRecord[] = [];
  readonly kills: KillRecord[] = [];
  failures = 0;

  async recordTransmission(transmission: TransmissionRecord): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('connection to PostgreSQL lost');
    }
    this.transmissions.push(transmission);
  }

  async recordKill(kill: KillRecord): Promise<void> {
    this.kills.push(kill);
  }
}

// A gateway's durable memory as gateway_submissions keeps it: it outlives a simulator instance,
// as the table outlives a worker process.
class DurableRecorder extends MemoryRecorder {
  readonly claims = new Map<string, { identity: string; claimedAt: number; token: string; transmitted?: { cellIds: string[]; at: Date } }>();
  now = () => Date.now();
  consulted = 0;
  private tokens = 0;

  async claimSubmission(c: { submissionId: string; gatewayId: string; identity: string; leaseMs: number }): Promise<SubmissionClaim> {
    this.consulted++;
    const known = this.claims.get(c.submissionId);
    if (!known || (!known.transmitted && known.identity === c.identity && known.claimedAt < this.now() - c.leaseMs)) {
      const token = `t${++this.tokens}`;
      this.claims.set(c.submissionId, { identity: c.identity, claimedAt: this.now(), token });
      return { kind: 'claimed', token };
    }
    if (known.identity !== c.identity) return { kind: 'conflict' };
    if (!known.transmitted) return { kind: 'busy' };
    return { kind: 'transmitted', cellIds: known.transmitted.cellIds, transmittedAt: known.transmitted.at };
  }

  async renewClaim(submissionId: string, token: string): Promise<boolean> {
    const claim = this.claims.get(submissionId);
    if (claim?.token !== token || claim.transmitted) return false;
    claim.claimedAt = this.now();
    return true;
  }

  async releaseSubmission(submissionId: string, token: string): Promise<void> {
    const claim = this.claims.get(submissionId);
    if (claim?.token === token && !claim.transmitted) this.claims.delete(submissionId);
  }

  override async recordTransmission(t: TransmissionRecord): Promise<void> {
    const claim = this.claims.get(t.submissionId);
    if (t.claimToken !== undefined && (claim?.token !== t.claimToken || claim.transmitted)) throw new ClaimLostError(t.submissionId);
    await super.recordTransmission(t);
    if (claim) claim.transmitted = { cellIds: t.cellIds, at: t.transmittedAt };
  }
}

// A gateway's key store as the simulator sees it: keys can be added while it runs, and a retired
// key no longer resolves.
class MemoryGatewayKeys {
  private readonly keys = new Map<string, { privateKey: Uint8Array; retired: boolean }>();
  readonly asked: string[] = [];

  constructor(...pairs: GatewayKeyPair[]) {
    for (const pair of pairs) this.add(pair);
  }

  add(pair: GatewayKeyPair): void {
    this.keys.set(pair.kid, { privateKey: pair.privateKey, retired: false });
  }

  retire(kid: string): void {
    const key = this.keys.get(kid);
    if (key) key.retired = true;
  }

  readonly privateKeyFor = async (kid: string): Promise<Uint8Array | undefined> => {
    this.asked.push(kid);
    const key = this.keys.get(kid);
    return key && !key.retired ? key.privateKey : undefined;
  };
}

// Resolves at once and remembers what it was asked to wait.
class InstantSleep {
  readonly requests: number[] = [];
  readonly sleep = async (ms: number): Promise<void> => {
    this.requests.push(ms);
  };
}

// Waits until the test releases each request, so that concurrency can be observed.
class ManualSleep {
  readonly pending: { ms: number; release: () => void }[] = [];
  readonly sleep = (ms: number): Promise<void> =>
    new Promise((release) => {
      this.pending.push({ ms, release });
    });
}


function scripted(...values: number[]): () => number {
  return () => {
    const value = values.shift();
    if (value === undefined) throw new Error('the test scripted too few random draws');
    return value;
  };
}

// Waits by the clock, not by event-loop turns: opening a seal runs on WebCrypto's thread pool,
// which under a loaded CI machine takes more turns than any fixed count.
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (!condition()) throw new Error('the condition never held');
}

const NOW = new Date('2026-01-20T08:00:00Z');
const MESSAGE_IDENTIFIER = 0x1112; // TS 23.041: CMAS Presidential Level (ETWS/CMAS range)
const SERIAL_NUMBER = 0x3001;
const DCS = 0x01;

function page(number: number, count: number, header: Partial<{ serial: number; messageIdentifier: number; dcs: number }> = {}): string {
  const bytes = Buffer.alloc(88, 0x0d);
  bytes.writeUInt16BE(header.serial ?? SERIAL_NUMBER, 0);
  bytes.writeUInt16BE(header.messageIdentifier ?? MESSAGE_IDENTIFIER, 2);
  bytes[4] = header.dcs ?? DCS;
  bytes[5] = (number << 4) | count;
  return bytes.toString('hex');
}

function envelope(overrides: Partial<BroadcastEnvelope> = {}): BroadcastEnvelope {
  return {
    alertId: 'it-2026-0001',
    messageIdentifier: MESSAGE_IDENTIFIER,
    serialNumber: SERIAL_NUMBER,
    dcs: DCS,
    language: 'it',
    keyId: 42,
    issueTime: NOW.getTime() / 1000,
    signature: 'ab'.repeat(64),
    pages: [page(1, 2), page(2, 2)],
    warningAreaCoordinates: '0102',
    ...overrides,
  };
}

function companion(o: Partial<{ companionIdentifier: number; serialNumber: number; signedMessageIdentifier: number }> = {}) {
  const id = o.companionIdentifier ?? 0xa000;
  const bytes = assembleCompanionMessage({
    companionIdentifier: id,
    serialNumber: o.serialNumber ?? SERIAL_NUMBER,
    signedMessageIdentifier: o.signedMessageIdentifier ?? MESSAGE_IDENTIFIER,
    keyId: 42,
    issueTime: NOW.getTime() / 1000,
    signature: new Uint8Array(64).fill(0xab),
  });
  return { messageIdentifier: id, dcs: 0x44, pages: [Buffer.from(bytes).toString('hex')] };
}

function profile(gatewayId: string, keys: GatewayKeyPair, overrides: Partial<GatewayProfile> = {}): GatewayProfile {
  return {
    gatewayId,
    kind: gatewayId.startsWith('sat-') ? 'satellite' : 'terrestrial',
    latencyMs: { min: 10, max: 20 },
    capacityCellsPerSecond: 1_000,
    transientFailureRate: 0,
    privateKeyFor: new MemoryGatewayKeys(keys).privateKeyFor,
    ...overrides,
  };
}

describe('UplinkSimulator', () => {
  let cbcKeys: GatewayKeyPair;
  let satKeys: GatewayKeyPair;
  let recorder: MemoryRecorder;
  let sleeper: InstantSleep;
  let clock: Date;

  beforeAll(async () => {
    cbcKeys = await generateGatewayKeyPair();
    satKeys = await generateGatewayKeyPair();
  });

  beforeEach(() => {
    recorder = new MemoryRecorder();
    sleeper = new InstantSleep();
    clock = NOW;
  });

  function simulator(gateways?: GatewayProfile[], random: () => number = seededRandom(2026), sleep = sleeper.sleep): UplinkSimulator {
    return new UplinkSimulator({
      gateways: gateways ?? [profile('cbc-tim', cbcKeys), profile('sat-eu-1', satKeys, { capacityCellsPerSecond: 500 })],
      recorder,
      random,
      sleep,
      clock: () => clock,
    });
  }

  async function submission(
    overrides: Partial<UplinkSubmission> = {},
    sealing: { key?: GatewayPublicKey; envelope?: BroadcastEnvelope; serialNumber?: number } = {},
  ): Promise<UplinkSubmission & { sealed: SealedBroadcast }> {
    const ids = { alertId: 'it-2026-0001', messageIdentifier: MESSAGE_IDENTIFIER, serialNumber: SERIAL_NUMBER };
    const aad = broadcastAad({ ...ids, serialNumber: sealing.serialNumber ?? ids.serialNumber });
    const plaintext = encodeBroadcastEnvelope(sealing.envelope ?? envelope());
    return {
      submissionId: 'fanout:it-2026-0001:route-tim:12289:1',
      gatewayId: 'cbc-tim',
      routeId: 'route-tim',
      ...ids,
      sealed: await sealForGateway(sealing.key ?? cbcKeys, plaintext, aad),
      cellIds: ['T-222-01-1', 'T-222-01-2', 'T-222-01-3'],
      repetition: { periodSeconds: 60, count: 10 },
      ...overrides,
    };
  }

  function kill(overrides: Partial<UplinkKill> = {}): UplinkKill {
    return {
      killId: 'kill:it-2026-0001:route-tim:12289',
      gatewayId: 'cbc-tim',
      routeId: 'route-tim',
      alertId: 'it-2026-0001',
      messageIdentifier: MESSAGE_IDENTIFIER,
      serialNumber: SERIAL_NUMBER,
      cellIds: ['T-222-01-1', 'T-222-01-2', 'T-222-01-3'],
      ...overrides,
    };
  }

  describe('submit', () => {
    it("records, for a satellite gateway that knows the constellation, the satellite each cell went on air through at that moment", async () => {
      const asked: Array<[string, string[], Date]> = [];
      const sim = new UplinkSimulator({
        gateways: [profile('cbc-tim', cbcKeys), profile('sat-eu-1', satKeys)],
        recorder,
        random: seededRandom(2026),
        sleep: sleeper.sleep,
        clock: () => clock,
        satellites: (gatewayId, cellIds, at) => (asked.push([gatewayId, cellIds, at]), new Map(cellIds.map((c, i) => [c, i === 0 ? '58705' : null]))),
      });
      await sim.submit(await submission({ submissionId: 'sat-1', gatewayId: 'sat-eu-1', cellIds: ['S-1', 'S-2', 'T-222-01-9'] }, { key: satKeys }));
      await sim.submit(await submission());
      expect(asked).toEqual([['sat-eu-1', ['S-1', 'S-2'], NOW]]);
      // The terrestrial cell was not transmitted there, and a CBC's transmission names no satellite.
      expect(recorder.transmissions.map((t) => [t.gatewayId, t.satellites])).toEqual([['sat-eu-1', { 'S-1': '58705', 'S-2': null }], ['cbc-tim', undefined]]);
    });

    it('opens the seal, broadcasts in every cell and records the transmission once before acknowledging', async () => {
      const ack = await simulator().submit(await submission());

      expect(ack).toEqual({
        submissionId: 'fanout:it-2026-0001:route-tim:12289:1',
        gatewayId: 'cbc-tim',
        acceptedAt: NOW,
        duplicate: false,
        receipts: ['T-222-01-1', 'T-222-01-2', 'T-222-01-3'].map((cellId) => ({ cellId, status: 'broadcasting', at: NOW })),
      });
      expect(recorder.transmissions).toEqual([
        {
          submissionId: 'fanout:it-2026-0001:route-tim:12289:1',
          gatewayId: 'cbc-tim',
          routeId: 'route-tim',
          envelope: envelope(),
          gatewayKeyId: cbcKeys.kid,
          cellCount: 3,
          cellIds: ['T-222-01-1', 'T-222-01-2', 'T-222-01-3'],
          transmittedAt: NOW,
          repetition: { periodSeconds: 60, count: 10 },
        },
      ]);
    });

    it('refuses with a permanent uplink/unsealed a broadcast sealed to another gateway key', async () => {
      // Sealed to the satellite gateway's public key, yet naming the CBC's key id.
      const elsewhere = { kid: cbcKeys.kid, publicKey: satKeys.publicKey };
      const submit = simulator().submit(await submission({}, { key: elsewhere }));
      await expect(submit).rejects.toBeInstanceOf(UplinkError);
      await expect(simulator().submit(await submission({}, { key: elsewhere }))).rejects.toMatchObject({
        code: 'uplink/unsealed',
        retryable: false,
        message: 'gateway cbc-tim cannot open the broadcast: the sealed broadcast does not open with this gateway key',
      });
      expect(recorder.transmissions).toEqual([]);
    });

    it('refuses with uplink/unsealed a ciphertext with one byte changed', async () => {
      const s = await submission();
      const ciphertext = Buffer.from(s.sealed.ciphertext, 'base64url');
      ciphertext[10] ^= 0x01;
      const tampered = { ...s, sealed: { ...s.sealed, ciphertext: ciphertext.toString('base64url') } };
      await expect(simulator().submit(tampered)).rejects.toMatchObject({ code: 'uplink/unsealed', retryable: false });
      expect(recorder.transmissions).toEqual([]);
    });

    it('refuses with uplink/unsealed a broadcast sealed under another serial number than the one submitted', async () => {
      const s = await submission({}, { serialNumber: SERIAL_NUMBER + 1 });
      await expect(simulator().submit(s)).rejects.toMatchObject({
        code: 'uplink/unsealed',
        retryable: false,
        message: 'gateway cbc-tim cannot open the broadcast: the sealed broadcast is bound to another broadcast',
      });
      const relabelled = { ...s, sealed: { ...s.sealed, aad: Buffer.from(broadcastAad(s)).toString('base64url') } };
      await expect(simulator().submit(relabelled)).rejects.toMatchObject({ code: 'uplink/unsealed' });
      expect(recorder.transmissions).toEqual([]);
    });

    it('throws a retryable uplink/transient error and records nothing when the link fails', async () => {
      const flaky = simulator([profile('cbc-tim', cbcKeys, { transientFailureRate: 1 })]);
      await expect(flaky.submit(await submission())).rejects.toMatchObject({
        name: 'UplinkError',
        code: 'uplink/transient',
        retryable: true,
        message: 'gateway cbc-tim dropped submission fanout:it-2026-0001:route-tim:12289:1 (simulated link failure)',
      });
      expect(recorder.transmissions).toEqual([]);
    });

    it('transmits a submission retried after a transient failure, as a first delivery', async () => {
      // Draws: latency, then the failure roll against a rate of 0.5.
      const flaky = simulator([profile('cbc-tim', cbcKeys, { transientFailureRate: 0.5 })], scripted(0, 0.1, 0, 0.9));
      const s = await submission();
      await expect(flaky.submit(s)).rejects.toMatchObject({ code: 'uplink/transient' });
      const ack = await flaky.submit(s);
      expect(ack.duplicate).toBe(false);
      expect(recorder.transmissions).toHaveLength(1);
    });

    it('acknowledges a resubmitted id as a duplicate without transmitting or recording again', async () => {
      const uplink = simulator();
      const s = await submission();
      const first = await uplink.submit(s);
      const sleepsAfterFirst = sleeper.requests.length;
      clock = new Date(NOW.getTime() + 5_000);

      // A worker retrying the job re-seals, so the second copy carries a fresh ciphertext.
      const second = await uplink.submit({ ...(await submission()), submissionId: s.submissionId });

      expect(second).toEqual({ ...first, duplicate: true });
      expect(recorder.transmissions).toHaveLength(1);
      expect(sleeper.requests).toHaveLength(sleepsAfterFirst);
    });

    it('shares one transmission between concurrent submissions of the same id', async () => {
      const uplink = simulator();
      const s = await submission();
      const [first, second] = await Promise.all([uplink.submit(s), uplink.submit(s)]);
      expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
      expect(recorder.transmissions).toHaveLength(1);
    });

    it('refuses to reuse a submission id for another broadcast', async () => {
      const uplink = simulator();
      const s = await submission();
      await uplink.submit(s);
      await expect(uplink.submit({ ...s, serialNumber: SERIAL_NUMBER + 1 })).rejects.toMatchObject({
        code: 'uplink/rejected',
        retryable: false,
        message: 'submission fanout:it-2026-0001:route-tim:12289:1 was already used for another broadcast',
      });
    });

    it('does not acknowledge a transmission the recorder could not record, and transmits it on retry', async () => {
      const uplink = simulator();
      const s = await submission();
      recorder.failures = 1;
      await expect(uplink.submit(s)).rejects.toMatchObject({
        code: 'uplink/transient',
        retryable: true,
        message: 'submission fanout:it-2026-0001:route-tim:12289:1 went out but could not be recorded; it is not acknowledged',
      });
      expect((await uplink.submit(s)).duplicate).toBe(false);
      expect(recorder.transmissions).toHaveLength(1);
    });

    it('takes the link latency plus the cells over the gateway capacity', async () => {
      const cellIds = Array.from({ length: 200_000 }, (_, i) => `T-222-01-${i}`);
      const uplink = simulator([profile('cbc-tim', cbcKeys, { latencyMs: { min: 5, max: 40 }, capacityCellsPerSecond: 50_000 })]);
      const ack = await uplink.submit(await submission({ cellIds }));

      expect(ack.receipts).toHaveLength(200_000);
      expect(sleeper.requests).toHaveLength(2);
      const [latency, airtime] = sleeper.requests;
      expect(latency).toBeGreaterThanOrEqual(5);
      expect(latency).toBeLessThanOrEqual(40);
      expect(airtime).toBe(4_000);
    });

    it('draws the same latencies from the same seed', async () => {
      const first = new InstantSleep();
      const second = new InstantSleep();
      await simulator(undefined, seededRandom(7), first.sleep).submit(await submission());
      await simulator(undefined, seededRandom(7), second.sleep).submit(await submission());
      expect(second.requests).toEqual(first.requests);
    });

    it('queues concurrent submissions to one gateway behind each other for its capacity', async () => {
      const manual = new ManualSleep();
      const uplink = simulator(undefined, seededRandom(1), manual.sleep);
      const cells = (n: number) => Array.from({ length: n }, (_, i) => `T-222-01-${i}`);
      const both = Promise.all([
        uplink.submit(await submission({ submissionId: 'a', cellIds: cells(2_000) })),
        uplink.submit(await submission({ submissionId: 'b', cellIds: cells(500) })),
      ]);
      const release = () => manual.pending.splice(0).forEach((request) => request.release());

      // Both links are in flight at once: their latencies overlap.
      await until(() => manual.pending.length === 2);
      expect(manual.pending.every((request) => request.ms >= 10 && request.ms <= 20)).toBe(true);
      release();

      // Once both are unsealed, only one holds the transmitter; the other waits for its airtime.
      await until(() => manual.pending.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(manual.pending).toHaveLength(1);
      const firstAirtime = manual.pending[0].ms;
      release();
      await until(() => manual.pending.length === 1);
      const secondAirtime = manual.pending[0].ms;
      release();
      await both;

      expect([firstAirtime, secondAirtime].sort((x, y) => x - y)).toEqual([500, 2_000]);
      const order = recorder.transmissions.map((t) => (t.cellCount === 2_000 ? 2_000 : 500));
      expect(order).toEqual([firstAirtime, secondAirtime]);
    });

    it('rejects the cells a gateway cannot serve and broadcasts in the rest', async () => {
      const ack = await simulator().submit(await submission({ cellIds: ['T-222-01-1', 'S-IT-0042', 'T-222-01-1', 'T-222-01-2'] }));
      expect(ack.receipts).toEqual([
        { cellId: 'T-222-01-1', status: 'broadcasting', at: NOW },
        { cellId: 'S-IT-0042', status: 'rejected', at: NOW, reason: "a terrestrial gateway serves only 'T-' cells" },
        { cellId: 'T-222-01-2', status: 'broadcasting', at: NOW },
      ]);
      expect(recorder.transmissions[0].cellCount).toBe(2);
      expect(sleeper.requests[1]).toBe(2);
    });

    it('records nothing when the gateway can serve none of the cells', async () => {
      const ack = await simulator().submit(await submission({ cellIds: ['S-IT-0042'] }));
      expect(ack.receipts.map((r) => r.status)).toEqual(['rejected']);
      expect(recorder.transmissions).toEqual([]);
    });

    it('serves satellite cells from a satellite gateway', async () => {
      const ack = await simulator().submit(
        await submission({ gatewayId: 'sat-eu-1', cellIds: ['S-IT-0042', 'T-222-01-1'] }, { key: satKeys }),
      );
      expect(ack.receipts.map((r) => [r.cellId, r.status])).toEqual([
        ['S-IT-0042', 'broadcasting'],
        ['T-222-01-1', 'rejected'],
      ]);
    });

    it.each([
      ['a page carrying another message identifier', { pages: [page(1, 2), page(2, 2, { messageIdentifier: 0x1113 })] },
        'inconsistent CBS pages: page 2 of 2 carries message identifier 0x1113, the envelope 0x1112'],
      ['a page carrying another serial number', { pages: [page(1, 1, { serial: 0x3002 })] },
        'inconsistent CBS pages: page 1 of 1 carries serial number 0x3002, the envelope 0x3001'],
      ['a page carrying another DCS', { pages: [page(1, 1, { dcs: 0x48 })] },
        'inconsistent CBS pages: page 1 of 1 carries DCS 0x48, the envelope 0x01'],
      ['pages out of sequence', { pages: [page(2, 2), page(1, 2)] },
        'inconsistent CBS pages: page 1 of 2 is numbered 2/2'],
      ['a page count that disagrees with the pages sent', { pages: [page(1, 3), page(2, 3)] },
        'inconsistent CBS pages: page 1 of 2 is numbered 1/3'],
      ['an envelope for another serial number', { serialNumber: 0x3002, pages: [page(1, 1, { serial: 0x3002 })] },
        "submission fanout:it-2026-0001:route-tim:12289:1: the envelope's serialNumber 12290 differs from the submission's 12289"],
    ])('rejects permanently %s', async (_what, overrides, message) => {
      const s = await submission({}, { envelope: envelope(overrides) });
      await expect(simulator().submit(s)).rejects.toMatchObject({ code: 'uplink/rejected', retryable: false, message });
      expect(recorder.transmissions).toEqual([]);
    });

    it.each([
      ['both a count and an end', { periodSeconds: 60, count: 3, untilEpochSeconds: NOW.getTime() / 1000 + 600 },
        'repetition needs exactly one of count and untilEpochSeconds'],
      ['neither a count nor an end', { periodSeconds: 60 }, 'repetition needs exactly one of count and untilEpochSeconds'],
      ['a zero period', { periodSeconds: 0, count: 1 }, 'repetition.periodSeconds must be an integer in 1..131071'],
      ['a period past the NGAP maximum', { periodSeconds: 131_072, count: 1 }, 'repetition.periodSeconds must be an integer in 1..131071'],
      ['a count past the NGAP maximum', { periodSeconds: 60, count: 65_536 }, 'repetition.count must be an integer in 1..65535'],
      ['an end in the past', { periodSeconds: 60, untilEpochSeconds: NOW.getTime() / 1000 }, 'repetition.untilEpochSeconds must be a whole second in the future'],
    ])('rejects a repetition with %s', async (_what, repetition, problem) => {
      await expect(simulator().submit(await submission({ repetition }))).rejects.toMatchObject({
        code: 'uplink/rejected',
        retryable: false,
        message: `submission fanout:it-2026-0001:route-tim:12289:1: ${problem}`,
      });
    });

    it('accepts the largest NGAP repetition period and broadcast count', async () => {
      const ack = await simulator().submit(await submission({ repetition: { periodSeconds: 131_071, count: 65_535 } }));
      expect(ack.receipts.every((r) => r.status === 'broadcasting')).toBe(true);
    });

    it('rejects a submission that names no cells', async () => {
      await expect(simulator().submit(await submission({ cellIds: [] }))).rejects.toMatchObject({
        code: 'uplink/rejected',
        message: 'submission fanout:it-2026-0001:route-tim:12289:1: cellIds must name at least one cell',
      });
    });

    it('refuses a gateway it does not know, permanently', async () => {
      await expect(simulator().submit(await submission({ gatewayId: 'cbc-unknown' }))).rejects.toMatchObject({
        code: 'uplink/unknown-gateway',
        retryable: false,
        message: 'no gateway cbc-unknown is configured',
      });
    });
  });

  describe('gateway key rotation', () => {
    let previous: GatewayKeyPair;
    let next: GatewayKeyPair;

    beforeAll(async () => {
      previous = await generateGatewayKeyPair();
      next = await generateGatewayKeyPair();
    });

    const rotating = (keys: MemoryGatewayKeys) => simulator([profile('cbc-tim', previous, { privateKeyFor: keys.privateKeyFor })]);

    it('opens broadcasts sealed to the previous key and to a key added after it started, and records which one', async () => {
      const keys = new MemoryGatewayKeys(previous);
      const uplink = rotating(keys);
      await uplink.submit(await submission({ submissionId: 'before-rotation' }, { key: previous }));
      keys.add(next);
      await uplink.submit(await submission({ submissionId: 'after-rotation' }, { key: next }));
      await uplink.submit(await submission({ submissionId: 'in-flight' }, { key: previous }));

      expect(recorder.transmissions.map((t) => [t.submissionId, t.gatewayKeyId])).toEqual([
        ['before-rotation', previous.kid],
        ['after-rotation', next.kid],
        ['in-flight', previous.kid],
      ]);
      expect(keys.asked).toEqual([previous.kid, next.kid, previous.kid]);
    });

    it('refuses with a permanent uplink/unsealed a broadcast sealed to a retired key, and still opens the new one', async () => {
      const keys = new MemoryGatewayKeys(previous, next);
      keys.retire(previous.kid);
      const uplink = rotating(keys);

      await expect(uplink.submit(await submission({ submissionId: 'stale' }, { key: previous }))).rejects.toMatchObject({
        name: 'UplinkError',
        code: 'uplink/unsealed',
        retryable: false,
        message: `gateway cbc-tim cannot open the broadcast: it holds no usable key ${previous.kid}`,
      });
      expect(recorder.transmissions).toEqual([]);
      await uplink.submit(await submission({ submissionId: 'fresh' }, { key: next }));
      expect(recorder.transmissions.map((t) => t.gatewayKeyId)).toEqual([next.kid]);
    });

    // Faro seals a broadcast once per gateway key and sends that seal with every batch; the
    // gateway keeps what it opened, but asks for the key on every submission and checks the AAD.
    it('opens one seal sent with several batches, and refuses it once its key is retired or under another broadcast', async () => {
      const keys = new MemoryGatewayKeys(previous, next);
      const uplink = rotating(keys);
      const first = await submission({ submissionId: 'batch-0', cellIds: ['T-222-01-1'] }, { key: previous });
      await uplink.submit(first);
      await uplink.submit({ ...first, submissionId: 'batch-1', cellIds: ['T-222-01-2'] });
      expect(recorder.transmissions.map((t) => [t.submissionId, t.cellIds, t.envelope.pages])).toEqual([
        ['batch-0', ['T-222-01-1'], envelope().pages],
        ['batch-1', ['T-222-01-2'], envelope().pages],
      ]);
      expect(keys.asked).toEqual([previous.kid, previous.kid]);
      // The same seal, opened before, under another serial number than it was sealed for.
      await expect(uplink.submit({ ...first, submissionId: 'relabelled', serialNumber: SERIAL_NUMBER + 1, cellIds: ['T-222-01-3'] })).rejects.toMatchObject({
        code: 'uplink/unsealed',
        message: 'gateway cbc-tim cannot open the broadcast: the sealed broadcast is bound to another broadcast',
      });
      keys.retire(previous.kid);
      await expect(uplink.submit({ ...first, submissionId: 'batch-2', cellIds: ['T-222-01-3'] })).rejects.toMatchObject({
        code: 'uplink/unsealed',
        message: `gateway cbc-tim cannot open the broadcast: it holds no usable key ${previous.kid}`,
      });
      expect(recorder.transmissions).toHaveLength(2);
    });

    it('refuses with a permanent uplink/unsealed a seal naming a key the gateway never held', async () => {
      const stranger = await generateGatewayKeyPair();
      await expect(rotating(new MemoryGatewayKeys(previous)).submit(await submission({}, { key: stranger }))).rejects.toMatchObject({
        code: 'uplink/unsealed',
        retryable: false,
        message: `gateway cbc-tim cannot open the broadcast: it holds no usable key ${stranger.kid}`,
      });
      expect(recorder.transmissions).toEqual([]);
    });

    it.each([
      ['no key id', undefined],
      ['an empty key id', ''],
      ['a key id with a space', 'a b'],
      ['a key id of 65 characters', 'a'.repeat(65)],
    ])('refuses with a permanent uplink/unsealed a seal naming %s, without looking the key up', async (_what, kid) => {
      const keys = new MemoryGatewayKeys(previous);
      const s = await submission({}, { key: previous });
      const relabelled = { ...s, sealed: { ...s.sealed, kid: kid as string } };
      await expect(rotating(keys).submit(relabelled)).rejects.toMatchObject({
        code: 'uplink/unsealed',
        retryable: false,
        message: 'gateway cbc-tim cannot open the broadcast: the seal names no key',
      });
      expect(keys.asked).toEqual([]);
    });

    it('answers a retryable uplink/transient error when it cannot read its keys, and opens on the retry', async () => {
      const keys = new MemoryGatewayKeys(previous);
      let unavailable = true;
      const flaky = async (kid: string) => {
        if (unavailable) throw new Error('connection to PostgreSQL lost');
        return keys.privateKeyFor(kid);
      };
      const uplink = simulator([profile('cbc-tim', previous, { privateKeyFor: flaky })]);
      const s = await submission({}, { key: previous });
      await expect(uplink.submit(s)).rejects.toMatchObject({
        code: 'uplink/transient',
        retryable: true,
        message: `gateway cbc-tim could not read its key ${previous.kid}`,
      });
      unavailable = false;
      expect((await uplink.submit(s)).duplicate).toBe(false);
      expect(recorder.transmissions).toHaveLength(1);
    });
  });

  describe('the FS2 companion', () => {
    it('goes on air with its alert in the same transmission, and is stopped with it', async () => {
      const uplink = simulator();
      const withCompanion = envelope({ companion: companion() });
      await uplink.submit(await submission({ cellIds: ['T-222-01-1', 'T-222-01-2'] }, { envelope: withCompanion }));
      expect(recorder.transmissions.map((t) => [t.envelope.companion, t.cellIds])).toEqual([[companion(), ['T-222-01-1', 'T-222-01-2']]]);
      await uplink.cancel(kill({ companionMessageIdentifier: 0xa000, cellIds: ['T-222-01-1'] }));
      expect(recorder.kills.map((k) => [k.messageIdentifier, k.companionMessageIdentifier, k.cellCount])).toEqual([[MESSAGE_IDENTIFIER, 0xa000, 1]]);
      // Killing the companion again finds it off the air in that cell, on air in the other.
      await uplink.cancel(kill({ killId: 'kill:2', companionMessageIdentifier: 0xa000, cellIds: ['T-222-01-2'] }));
      expect(recorder.kills[1]).toMatchObject({ companionMessageIdentifier: 0xa000, cellCount: 1 });
    });

    it.each<[string, Partial<{ companionIdentifier: number; serialNumber: number; signedMessageIdentifier: number }>, string]>([
      ['signs another message identifier', { signedMessageIdentifier: 0x1113 }, 'the companion signs message identifier 0x1113, the envelope is 0x1112'],
      ['carries another serial number', { serialNumber: SERIAL_NUMBER + 1 }, 'companion page 1 of 1 carries serial number 0x3002, the envelope 0x3001'],
      ['sits on a PWS identifier', { companionIdentifier: 0x1113 }, "the companion's message identifier 0x1113 is outside 0xa000..0xafff"],
    ])('refuses, permanently, a companion that %s', async (_what, o, message) => {
      const bad = { ...companion({ ...o, companionIdentifier: 0xa000 }), messageIdentifier: o.companionIdentifier ?? 0xa000 };
      const submit = simulator().submit(await submission({}, { envelope: envelope({ companion: bad }) }));
      await expect(submit).rejects.toMatchObject({ code: 'uplink/rejected', retryable: false, message: `inconsistent CBS pages: ${message}` });
      expect(recorder.transmissions).toEqual([]);
    });
  });

  describe('cancel', () => {
    it('stops the message where it is on air and says why it cannot stop it elsewhere', async () => {
      const uplink = simulator();
      await uplink.submit(await submission({ cellIds: ['T-222-01-1', 'T-222-01-2'] }));
      clock = new Date(NOW.getTime() + 60_000);

      const ack = await uplink.cancel(kill({ cellIds: ['T-222-01-1', 'T-222-01-2', 'T-222-01-9', 'S-IT-0042'] }));

      expect(ack).toEqual({
        killId: 'kill:it-2026-0001:route-tim:12289',
        duplicate: false,
        receipts: [
          { cellId: 'T-222-01-1', status: 'stopped', at: clock },
          { cellId: 'T-222-01-2', status: 'stopped', at: clock },
          { cellId: 'T-222-01-9', status: 'rejected', at: clock, reason: 'the message is not on air in this cell' },
          { cellId: 'S-IT-0042', status: 'rejected', at: clock, reason: "a terrestrial gateway serves only 'T-' cells" },
        ],
      });
      expect(recorder.kills).toEqual([
        {
          killId: 'kill:it-2026-0001:route-tim:12289',
          gatewayId: 'cbc-tim',
          routeId: 'route-tim',
          alertId: 'it-2026-0001',
          messageIdentifier: MESSAGE_IDENTIFIER,
          serialNumber: SERIAL_NUMBER,
          cellCount: 2,
          killedAt: clock,
        },
      ]);
    });

    // A caller that reads "not on air" as "never sent" (a Cancel's batch whose earlier job died
    // unrecorded) would drop those cells, and then the transmission under way puts them on air.
    it('refuses, to be tried again, a kill of cells the message is still being put on air in, and stops them once it is', async () => {
      const manual = new ManualSleep();
      const uplink = simulator(undefined, seededRandom(1), manual.sleep);
      const sending = uplink.submit(await submission({ cellIds: ['T-222-01-1', 'T-222-01-2'] }));
      await until(() => manual.pending.length === 1); // its latency, before the seal is even opened
      const first = uplink.cancel(kill({ killId: 'first', cellIds: ['T-222-01-1'] }));
      await until(() => manual.pending.length === 2);
      manual.pending.splice(1).forEach((r) => r.release());
      await expect(first).rejects.toMatchObject({ code: 'uplink/in-progress', retryable: true });
      manual.pending.splice(0).forEach((r) => r.release()); // its latency
      await until(() => manual.pending.length === 1); // now waiting for its airtime, under way

      const early = uplink.cancel(kill({ killId: 'early', cellIds: ['T-222-01-9', 'T-222-01-2'] }));
      await until(() => manual.pending.length === 2);
      manual.pending.splice(1).forEach((r) => r.release()); // the kill's latency only
      await expect(early).rejects.toMatchObject({ code: 'uplink/in-progress', retryable: true });
      // Another message, or cells it is not being sent to, are answered as before.
      const elsewhere = uplink.cancel(kill({ killId: 'elsewhere', cellIds: ['T-222-01-9'] }));
      await until(() => manual.pending.length === 2);
      manual.pending.splice(1).forEach((r) => r.release());
      expect((await elsewhere).receipts.map((r) => r.status)).toEqual(['rejected']);

      manual.pending.splice(0).forEach((r) => r.release()); // the airtime: on air
      await sending;
      const again = uplink.cancel(kill({ killId: 'early', cellIds: ['T-222-01-9', 'T-222-01-2'] }));
      await until(() => manual.pending.length === 1);
      manual.pending.splice(0).forEach((r) => r.release());
      expect((await again).receipts.map((r) => [r.cellId, r.status])).toEqual([
        ['T-222-01-9', 'rejected'],
        ['T-222-01-2', 'stopped'],
      ]);
      expect(recorder.transmissions).toHaveLength(1);
    });

    it('acknowledges a repeated kill id as a duplicate without recording it again', async () => {
      const uplink = simulator();
      await uplink.submit(await submission());
      const first = await uplink.cancel(kill());
      const second = await uplink.cancel(kill());
      expect(second).toEqual({ ...first, duplicate: true });
      expect(recorder.kills).toHaveLength(1);
    });

    it('finds nothing on air for a second kill of a stopped message', async () => {
      const uplink = simulator();
      await uplink.submit(await submission({ cellIds: ['T-222-01-1'] }));
      await uplink.cancel(kill({ cellIds: ['T-222-01-1'] }));
      const again = await uplink.cancel(kill({ killId: 'kill:again', cellIds: ['T-222-01-1'] }));
      expect(again.receipts).toEqual([
        { cellId: 'T-222-01-1', status: 'rejected', at: NOW, reason: 'the message is not on air in this cell' },
      ]);
      expect(recorder.kills).toHaveLength(1);
    });

    it('leaves other serial numbers of the same message on air', async () => {
      const uplink = simulator();
      await uplink.submit(await submission({ cellIds: ['T-222-01-1'] }));
      const ack = await uplink.cancel(kill({ serialNumber: SERIAL_NUMBER + 1, cellIds: ['T-222-01-1'] }));
      expect(ack.receipts[0]).toMatchObject({ status: 'rejected', reason: 'the message is not on air in this cell' });
    });

    it('reports a broadcast whose repetitions have all gone out as already completed', async () => {
      const uplink = simulator();
      await uplink.submit(await submission({ cellIds: ['T-222-01-1'], repetition: { periodSeconds: 60, count: 3 } }));
      clock = new Date(NOW.getTime() + 2 * 60_000 + 1);
      const ack = await uplink.cancel(kill({ cellIds: ['T-222-01-1'] }));
      expect(ack.receipts[0]).toMatchObject({ status: 'rejected', reason: 'the broadcast had already completed' });
    });

    it('stops a broadcast that repeats until a time still to come', async () => {
      const uplink = simulator();
      const until = NOW.getTime() / 1000 + 3_600;
      await uplink.submit(await submission({ cellIds: ['T-222-01-1'], repetition: { periodSeconds: 60, untilEpochSeconds: until } }));
      clock = new Date(NOW.getTime() + 1_800_000);
      const ack = await uplink.cancel(kill({ cellIds: ['T-222-01-1'] }));
      expect(ack.receipts[0]).toMatchObject({ status: 'stopped' });
    });

    it('throws a retryable uplink/transient error and stops nothing when the link fails', async () => {
      // Draws: submit latency and roll, then kill latency and roll.
      const uplink = simulator([profile('cbc-tim', cbcKeys, { transientFailureRate: 0.5 })], scripted(0, 0.9, 0, 0.1, 0, 0.9));
      await uplink.submit(await submission({ cellIds: ['T-222-01-1'] }));
      await expect(uplink.cancel(kill({ cellIds: ['T-222-01-1'] }))).rejects.toMatchObject({ code: 'uplink/transient', retryable: true });
      expect(recorder.kills).toEqual([]);
      const retried = await uplink.cancel(kill({ cellIds: ['T-222-01-1'] }));
      expect(retried.receipts[0]).toMatchObject({ status: 'stopped' });
    });

    it('refuses a kill for a gateway it does not know', async () => {
      await expect(simulator().cancel(kill({ gatewayId: 'sat-unknown' }))).rejects.toMatchObject({
        code: 'uplink/unknown-gateway',
        retryable: false,
      });
    });
  });

  describe('durable memory', () => {
    const durableSimulator = (durable: DurableRecorder) =>
      new UplinkSimulator({ gateways: [profile('cbc-tim', cbcKeys)], recorder: durable, random: seededRandom(2026), sleep: sleeper.sleep, clock: () => clock, claimLeaseMs: 5_000 });

    it('acknowledges a submission repeated after a restart as on air, without transmitting it again', async () => {
      const durable = new DurableRecorder();
      const first = await durableSimulator(durable).submit(await submission());
      expect(first.duplicate).toBe(false);
      // A new process: the in-memory map is empty, the gateway's memory is not.
      const again = await durableSimulator(durable).submit(await submission());
      expect(again.duplicate).toBe(true);
      expect(again.receipts).toEqual(first.receipts);
      expect(durable.transmissions).toHaveLength(1);
    });

    it('keeps in memory only what is being transmitted: a later duplicate is answered from the durable memory, one in flight joins it', async () => {
      const durable = new DurableRecorder();
      const uplink = durableSimulator(durable);
      const s = await submission();
      // Two at once: the second joins the first's transmission; the memory is consulted once.
      const [first, joined] = await Promise.all([uplink.submit(s), uplink.submit(s)]);
      expect([first.duplicate, joined.duplicate, durable.consulted]).toEqual([false, true, 1]);
      // Settled: the process no longer holds the ack (a receipt per cell); the memory answers.
      const later = await uplink.submit(s);
      expect([later.duplicate, later.receipts, durable.consulted, durable.transmissions.length]).toEqual([true, first.receipts, 2, 1]);
    });

    it('says a submission still being transmitted elsewhere is busy (retryable), and lets a claim not renewed for a lease be taken over', async () => {
      const durable = new DurableRecorder();
      const s = await submission();
      const identity = JSON.stringify(['cbc-tim', s.routeId, s.alertId, s.messageIdentifier, s.serialNumber]);
      await durable.claimSubmission({ submissionId: s.submissionId, gatewayId: 'cbc-tim', identity, leaseMs: 5_000 });
      await expect(durableSimulator(durable).submit(s)).rejects.toMatchObject({ code: 'uplink/in-progress', retryable: true });
      expect(durable.transmissions).toHaveLength(0);
      durable.now = () => Date.now() + 5_001;
      const taken = await durableSimulator(durable).submit(s);
      expect(taken.duplicate).toBe(false);
      expect(durable.transmissions).toHaveLength(1);
    });

    it('records nothing when its claim was taken over while it transmitted, and answers the retry from the memory', async () => {
      const durable = new DurableRecorder();
      const s = await submission();
      // The first transmission stalls long enough for its lease to lapse and another to take over.
      const late = new UplinkSimulator({ gateways: [profile('cbc-tim', cbcKeys)], recorder: durable, random: seededRandom(2026), clock: () => clock, claimLeaseMs: 5_000,
        sleep: async () => {
          durable.now = () => Date.now() + 5_001;
          await durableSimulator(durable).submit(s);
        },
      });
      await expect(late.submit(s)).rejects.toMatchObject({ code: 'uplink/in-progress', retryable: true });
      expect(durable.transmissions).toHaveLength(1);
      expect((await durableSimulator(durable).submit(s)).duplicate).toBe(true);
      expect(durable.transmissions).toHaveLength(1);
    });

    it('gives the claim back when the transmission failed before anything went out', async () => {
      const durable = new DurableRecorder();
      durable.failures = 1;
      await expect(durableSimulator(durable).submit(await submission())).rejects.toMatchObject({ code: 'uplink/transient' });
      expect(durable.claims.size).toBe(0);
      expect((await durableSimulator(durable).submit(await submission())).duplicate).toBe(false);
      expect(durable.transmissions).toHaveLength(1);
    });

    it('refuses an id its memory holds for another broadcast', async () => {
      const durable = new DurableRecorder();
      await durableSimulator(durable).submit(await submission());
      const other = await submission({ routeId: 'route-other' });
      await expect(durableSimulator(durable).submit(other)).rejects.toMatchObject({ code: 'uplink/rejected', retryable: false });
    });
  });

  describe('construction', () => {
    it.each([
      [{ capacityCellsPerSecond: 0 }, 'gateway profile cbc-tim: capacityCellsPerSecond must be a positive number'],
      [{ latencyMs: { min: 50, max: 10 } }, 'gateway profile cbc-tim: latencyMs must satisfy 0 <= min <= max'],
      [{ transientFailureRate: 1.5 }, 'gateway profile cbc-tim: transientFailureRate must be in 0..1'],
      [{ privateKeyFor: undefined }, 'gateway profile cbc-tim: privateKeyFor must resolve a key id to a private key'],
    ])('refuses a gateway profile with %p', (overrides, message) => {
      expect(() => simulator([profile('cbc-tim', cbcKeys, overrides)])).toThrow(new RangeError(message));
    });

    it('refuses two profiles for one gateway', () => {
      expect(() => simulator([profile('cbc-tim', cbcKeys), profile('cbc-tim', cbcKeys)])).toThrow(
        new RangeError('gateway profile cbc-tim is given twice'),
      );
    });
  });
});
