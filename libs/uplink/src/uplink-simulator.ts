import { broadcastAad, openAsGateway, SecurityError } from '@faro/broadcast-security';
import { OnAirCells } from './on-air-cells';
import { OpenedSeals } from './opened-seals';
import { decodeBroadcastEnvelope, type BroadcastEnvelope } from './broadcast-envelope';
import { checkCbsPages } from './cbs-pages';
import { unservableCellReason, validateGatewayProfile, type GatewayProfile } from './gateway-profile';
import { ClaimLostError, type SubmissionClaim, type TransmissionRecorder } from './transmission-recorder';
import { UplinkError } from './uplink-error';
import type { CellReceipt, Repetition, UplinkAck, UplinkKill, UplinkKillAck, UplinkPort, UplinkSubmission } from './uplink-port';

export interface UplinkSimulatorOptions {
  gateways: GatewayProfile[];
  recorder: TransmissionRecorder;
  // In [0, 1), like Math.random; seeded in tests.
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => Date;
  // With a recorder that has a durable memory: the lease of a claim. A transmission renews its
  // claim every third of it; the claim of one whose process died blocks the id for at most this
  // long before another may take it over.
  claimLeaseMs?: number;
  // Through which satellite a satellite gateway puts each cell on air at a moment (libs/constellation,
  // wired by the app): recorded with the transmission. None: the satellite is not recorded.
  satellites?: SatelliteLookup;
}

export type SatelliteLookup = (gatewayId: string, cellIds: string[], at: Date) => Map<string, string | null>;

export type GatewaySettings = Omit<GatewayProfile, 'privateKeyFor'>;

const DEFAULT_CLAIM_LEASE_MS = 5_000;

// NGAP (TS 38.413 §9.3.1) carries Repetition Period in 0..131071 s and Number of Broadcasts
// Requested in 0..65535, where the zeros have special meanings; here they are a positive period
// and count: 1.
const MAX_REPETITION_PERIOD_SECONDS = 131_071;
const MAX_BROADCAST_COUNT = 65_535;
// A key id is a short printable label (Faro's are 16 hex digits); anything else names no key.
const KEY_ID = /^[\x21-\x7e]{1,64}$/;

interface Remembered<T> {
  identity: string;
  outcome: Promise<T>;
}

// remembered: the gateway's durable memory knew the id (a submission repeated after a restart).
type AckBody = Omit<UplinkAck, 'duplicate'> & { remembered?: boolean };
type KillAckBody = Omit<UplinkKillAck, 'duplicate'>;

// Gateways that behave like the real ones where the worker can tell: they open the seal, check
// the pages, take time in proportion to the cells, fail now and then, remember what they were
// sent and answer per cell. Everything put on (or taken off) the air goes through the recorder.
export class UplinkSimulator implements UplinkPort {
  private readonly gateways = new Map<string, GatewayProfile>();
  private readonly recorder: TransmissionRecorder;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly clock: () => Date;
  private readonly claimLeaseMs: number;
  private readonly satellites?: SatelliteLookup;
  private readonly submissions = new Map<string, Remembered<AckBody>>();
  private readonly kills = new Map<string, Remembered<KillAckBody>>();
  // Per gateway, the last transmission queued for its capacity: the next one starts after it.
  private readonly transmitters = new Map<string, Promise<void>>();
  // Per gateway and message, the cells the message is on air in and until when (epoch ms).
  private readonly onAir = new Map<string, OnAirCells>();
  // Per gateway and message, the submissions under way (arrival to answer), each by its cell list
  // as it came: added and removed whole, looked into only by a kill (stop), which is rare.
  private readonly underWay = new Map<string, Set<{ cells: readonly unknown[] }>>();
  private readonly opened = new OpenedSeals();

  constructor(options: UplinkSimulatorOptions) {
    for (const profile of options.gateways) {
      validateGatewayProfile(profile);
      if (this.gateways.has(profile.gatewayId)) {
        throw new RangeError(`gateway profile ${profile.gatewayId} is given twice`);
      }
      this.gateways.set(profile.gatewayId, { ...profile, latencyMs: { ...profile.latencyMs } });
    }
    this.recorder = options.recorder;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.clock = options.clock ?? (() => new Date());
    this.claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
    this.satellites = options.satellites;
  }

  // The control plane's knob (apps/uplink-sim's admin endpoint): a gateway's latency, capacity
  // and failure rate change while it runs; the next submission sees them.
  reconfigure(gatewayId: string, change: Partial<Pick<GatewayProfile, 'latencyMs' | 'capacityCellsPerSecond' | 'transientFailureRate'>>): GatewaySettings {
    const next = { ...this.gateway(gatewayId), ...change };
    validateGatewayProfile(next);
    this.gateways.set(gatewayId, { ...next, latencyMs: { ...next.latencyMs } });
    return this.settingsOf(gatewayId);
  }

  settingsOf(gatewayId: string): GatewaySettings {
    const { kind, latencyMs, capacityCellsPerSecond, transientFailureRate } = this.gateway(gatewayId);
    return { gatewayId, kind, latencyMs: { ...latencyMs }, capacityCellsPerSecond, transientFailureRate };
  }

  async submit(submission: UplinkSubmission): Promise<UplinkAck> {
    requireText('submission', 'submissionId', submission?.submissionId);
    const identity = JSON.stringify([
      submission.gatewayId,
      submission.routeId,
      submission.alertId,
      submission.messageIdentifier,
      submission.serialNumber,
    ]);
    // Under way from its arrival to its answer (its latency, the seal, its turn at the capacity):
    // a kill of these cells meanwhile is refused, to be tried again (stop).
    const key = messageKey(submission.gatewayId, submission);
    const run = { cells: Array.isArray(submission.cellIds) ? submission.cellIds : [] };
    const runs = this.underWay.get(key) ?? new Set();
    this.underWay.set(key, runs.add(run));
    try {
      const { result, duplicate } = await this.once(this.submissions, 'submission', submission.submissionId, identity, () =>
        this.transmitOnce(submission, identity),
        // With a durable memory, the map only joins a duplicate to a transmission still under way:
        // the memory answers any later one, and the map kept every ack with a receipt per cell
        // (a million-cell alert's million objects in the process that hosts the gateways).
        { keep: this.recorder.claimSubmission === undefined },
      );
      return { ...result, receipts: [...result.receipts], duplicate: duplicate || result.remembered === true };
    } finally {
      runs.delete(run);
      if (runs.size === 0 && this.underWay.get(key) === runs) this.underWay.delete(key);
    }
  }

  async cancel(kill: UplinkKill): Promise<UplinkKillAck> {
    requireText('kill', 'killId', kill?.killId);
    const identity = JSON.stringify([kill.gatewayId, kill.routeId, kill.alertId, kill.messageIdentifier, kill.serialNumber, kill.companionMessageIdentifier ?? null]);
    const { result, duplicate } = await this.once(this.kills, 'kill', kill.killId, identity, () => this.stop(kill));
    return { ...result, receipts: [...result.receipts], duplicate };
  }

  // The gateway's durable memory first, where the recorder keeps one: a submission id it
  // transmitted before is acknowledged again with the same cells and time and never put on air a
  // second time, even after the process restarted (the in-memory map above forgets).
  private async transmitOnce(s: UplinkSubmission, identity: string): Promise<AckBody> {
    const claim = this.recorder.claimSubmission;
    if (!claim) return this.transmit(s);
    const gateway = this.gateway(s.gatewayId);
    let found: SubmissionClaim;
    try {
      found = await claim.call(this.recorder, { submissionId: s.submissionId, gatewayId: gateway.gatewayId, identity, leaseMs: this.claimLeaseMs });
    } catch (cause) {
      throw new UplinkError('uplink/transient', `gateway ${gateway.gatewayId} could not consult its memory of submission ${s.submissionId}`, true, { cause });
    }
    switch (found.kind) {
      case 'conflict':
        throw new UplinkError('uplink/rejected', `submission ${s.submissionId} was already used for another broadcast`, false);
      case 'busy':
        throw new UplinkError('uplink/in-progress', `submission ${s.submissionId} is being transmitted already; try again`, true);
      case 'transmitted': {
        const sent = new Set(found.cellIds);
        const receipts = distinct(s.cellIds).map((cellId): CellReceipt => {
          const reason = unservableCellReason(gateway.kind, cellId) ?? (sent.has(cellId) ? undefined : 'not in the submission this id was first transmitted with');
          return reason ? { cellId, status: 'rejected', at: found.transmittedAt, reason } : { cellId, status: 'broadcasting', at: found.transmittedAt };
        });
        return { submissionId: s.submissionId, gatewayId: gateway.gatewayId, acceptedAt: this.clock(), receipts, remembered: true };
      }
      case 'claimed': {
        const { token } = found;
        const release = () => this.recorder.releaseSubmission?.(s.submissionId, token).catch(() => undefined);
        const renewal = this.keepClaim(s.submissionId, token);
        try {
          const ack = await this.transmit(s, token);
          // No cell it could serve: nothing went out, nothing to remember.
          if (ack.receipts.every((r) => r.status === 'rejected')) await release();
          return ack;
        } catch (e) {
          // Nothing went out (recording is the last step before the ack): the id is free again.
          await release();
          throw e;
        } finally {
          clearInterval(renewal);
        }
      }
    }
  }

  // Renews the lease while the transmission lasts; a failed renewal is tried again at the next
  // tick, and a claim lost meanwhile shows when the transmission is recorded.
  private keepClaim(submissionId: string, token: string): ReturnType<typeof setInterval> {
    const renew = this.recorder.renewClaim?.bind(this.recorder);
    const timer = setInterval(() => void renew?.(submissionId, token).catch(() => undefined), Math.max(100, Math.floor(this.claimLeaseMs / 3)));
    timer.unref?.();
    return timer;
  }

  private async transmit(s: UplinkSubmission, claimToken?: string): Promise<AckBody> {
    const gateway = this.gateway(s.gatewayId);
    checkSubmission(s, this.clock());
    await this.sleep(this.latency(gateway));
    this.failNowAndThen(gateway, `submission ${s.submissionId}`);

    const { envelope, kid } = await this.unseal(gateway, s);
    checkEnvelopeMatches(envelope, s);
    checkCbsPages(envelope);

    const cells = distinct(s.cellIds);
    const served = cells.filter((cellId) => unservableCellReason(gateway.kind, cellId) === undefined);
    let transmittedAt = this.clock();
    if (served.length > 0) {
      await this.occupy(gateway, (served.length / gateway.capacityCellsPerSecond) * 1000);
      transmittedAt = this.clock();
      await this.record(`submission ${s.submissionId}`, () =>
        this.recorder.recordTransmission({
          submissionId: s.submissionId,
          gatewayId: gateway.gatewayId,
          routeId: s.routeId,
          envelope,
          gatewayKeyId: kid,
          cellCount: served.length,
          cellIds: served,
          transmittedAt,
          repetition: { ...s.repetition },
          claimToken,
          ...(gateway.kind === 'satellite' && this.satellites ? { satellites: Object.fromEntries(this.satellites(gateway.gatewayId, served, transmittedAt)) } : {}),
        }),
      );
      const until = endOfBroadcast(s.repetition, transmittedAt);
      // The companion goes on air with its alert, in the same cells, until the same end.
      if (envelope.companion) this.putOnAir(gateway.gatewayId, { ...s, messageIdentifier: envelope.companion.messageIdentifier }, served, until);
      this.putOnAir(gateway.gatewayId, s, served, until);
    }

    const receipts = cells.map((cellId): CellReceipt => {
      const reason = unservableCellReason(gateway.kind, cellId);
      return reason ? { cellId, status: 'rejected', at: transmittedAt, reason } : { cellId, status: 'broadcasting', at: transmittedAt };
    });
    return { submissionId: s.submissionId, gatewayId: gateway.gatewayId, acceptedAt: this.clock(), receipts };
  }

  private async stop(k: UplinkKill): Promise<KillAckBody> {
    const gateway = this.gateway(k.gatewayId);
    checkKill(k);
    await this.sleep(this.latency(gateway));
    this.failNowAndThen(gateway, `kill ${k.killId}`);

    const now = this.clock();
    const key = messageKey(gateway.gatewayId, k);
    // A cell the message is still being put on air in is neither on air nor not: saying "not on
    // air" would let the caller record it as never sent, and then it goes out. The kill is to be
    // tried again once the transmission has ended, either way.
    const pending = this.underWayIn(key, k.cellIds);
    if (pending !== undefined) {
      throw new UplinkError('uplink/in-progress', `gateway ${gateway.gatewayId} is still putting the message on air in ${pending}; kill ${k.killId} to be tried again`, true);
    }
    const onAir = this.onAir.get(key);
    const stopped: string[] = [];
    const receipts = distinct(k.cellIds).map((cellId): CellReceipt => {
      const reason = unservableCellReason(gateway.kind, cellId) ?? notOnAirReason(onAir?.untilOf(cellId), now);
      if (reason) return { cellId, status: 'rejected', at: now, reason };
      stopped.push(cellId);
      return { cellId, status: 'stopped', at: now };
    });

    // The companion is stopped with its alert wherever it is on air.
    const companionKey = k.companionMessageIdentifier === undefined ? null : messageKey(gateway.gatewayId, { ...k, messageIdentifier: k.companionMessageIdentifier });
    const companionOnAir = companionKey ? this.onAir.get(companionKey) : undefined;
    const companionStopped = stopped.filter((cellId) => companionOnAir?.has(cellId));

    if (stopped.length > 0 && this.recorder.recordKill) {
      const recordKill = this.recorder.recordKill.bind(this.recorder);
      await this.record(`kill ${k.killId}`, () =>
        recordKill({
          killId: k.killId,
          gatewayId: gateway.gatewayId,
          routeId: k.routeId,
          alertId: k.alertId,
          messageIdentifier: k.messageIdentifier,
          serialNumber: k.serialNumber,
          ...(companionStopped.length > 0 ? { companionMessageIdentifier: k.companionMessageIdentifier } : {}),
          cellCount: stopped.length,
          killedAt: now,
        }),
      );
    }
    onAir?.delete(stopped);
    if (onAir?.size === 0) this.onAir.delete(key);
    companionOnAir?.delete(companionStopped);
    if (companionKey && companionOnAir?.size === 0) this.onAir.delete(companionKey);
    return { killId: k.killId, receipts };
  }

  // The first call with an id runs; later calls with the same id share its outcome. A failure is
  // forgotten so that the caller's retry runs again.
  private async once<T>(
    store: Map<string, Remembered<T>>,
    what: string,
    id: string,
    identity: string,
    run: () => Promise<T>,
    opts: { keep: boolean } = { keep: true },
  ): Promise<{ result: T; duplicate: boolean }> {
    const known = store.get(id);
    if (known) {
      if (known.identity !== identity) {
        throw new UplinkError('uplink/rejected', `${what} ${id} was already used for another broadcast`, false);
      }
      return { result: await known.outcome, duplicate: true };
    }
    const outcome = run();
    store.set(id, { identity, outcome });
    let settled = false;
    try {
      const result = await outcome;
      settled = true;
      return { result, duplicate: false };
    } finally {
      // A failure is never kept (the id may be tried again); a success only when asked.
      if ((!settled || !opts.keep) && store.get(id)?.outcome === outcome) store.delete(id);
    }
  }

  private gateway(gatewayId: string): GatewayProfile {
    const gateway = this.gateways.get(gatewayId);
    if (!gateway) throw new UplinkError('uplink/unknown-gateway', `no gateway ${String(gatewayId)} is configured`, false);
    return gateway;
  }

  private latency(gateway: GatewayProfile): number {
    const { min, max } = gateway.latencyMs;
    return min + this.random() * (max - min);
  }

  private failNowAndThen(gateway: GatewayProfile, what: string): void {
    if (this.random() < gateway.transientFailureRate) {
      throw new UplinkError('uplink/transient', `gateway ${gateway.gatewayId} dropped ${what} (simulated link failure)`, true);
    }
  }

  // The seal names the key it is for: any key the gateway has not retired opens it, so a
  // broadcast sealed just before a rotation still goes out. An unknown or retired key is final.
  private async unseal(gateway: GatewayProfile, s: UplinkSubmission): Promise<{ envelope: BroadcastEnvelope; kid: string }> {
    const sealed = s.sealed;
    const kid: unknown = sealed?.kid;
    if (!sealed || typeof kid !== 'string' || !KEY_ID.test(kid)) {
      throw new UplinkError('uplink/unsealed', `gateway ${gateway.gatewayId} cannot open the broadcast: the seal names no key`, false);
    }
    let privateKey: Uint8Array | undefined;
    try {
      privateKey = await gateway.privateKeyFor(kid);
    } catch (cause) {
      throw new UplinkError('uplink/transient', `gateway ${gateway.gatewayId} could not read its key ${kid}`, true, { cause });
    }
    if (!privateKey) {
      throw new UplinkError('uplink/unsealed', `gateway ${gateway.gatewayId} cannot open the broadcast: it holds no usable key ${kid}`, false);
    }
    let plaintext: Uint8Array;
    try {
      const aad = broadcastAad({ alertId: s.alertId, messageIdentifier: s.messageIdentifier, serialNumber: s.serialNumber });
      const key = privateKey;
      plaintext = await this.opened.open(gateway.gatewayId, sealed, aad, () => openAsGateway(key, sealed, aad));
    } catch (cause) {
      if (!(cause instanceof SecurityError)) throw cause;
      throw new UplinkError('uplink/unsealed', `gateway ${gateway.gatewayId} cannot open the broadcast: ${cause.message}`, false, {
        cause,
      });
    }
    return { envelope: decodeBroadcastEnvelope(plaintext), kid };
  }

  // Transmissions through one gateway queue for its capacity; their latencies overlap.
  private async occupy(gateway: GatewayProfile, airtimeMs: number): Promise<void> {
    const ahead = this.transmitters.get(gateway.gatewayId) ?? Promise.resolve();
    const mine = ahead.then(() => this.sleep(airtimeMs));
    const tail = mine.catch(() => undefined);
    this.transmitters.set(gateway.gatewayId, tail);
    try {
      await mine;
    } finally {
      if (this.transmitters.get(gateway.gatewayId) === tail) this.transmitters.delete(gateway.gatewayId);
    }
  }

  private async record<T>(what: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (cause) {
      // Another transmission took the claim over and is the one on air: a retry is told so.
      if (cause instanceof ClaimLostError) throw new UplinkError('uplink/in-progress', `${what}: ${cause.message}; try again`, true, { cause });
      throw new UplinkError('uplink/transient', `${what} went out but could not be recorded; it is not acknowledged`, true, {
        cause,
      });
    }
  }

  // A cell of `cellIds` that a submission of the message under way names, if any.
  private underWayIn(key: string, cellIds: string[]): string | undefined {
    const runs = this.underWay.get(key);
    if (!runs) return undefined;
    const asked = new Set(cellIds);
    for (const run of runs) for (const cellId of run.cells) if (asked.has(cellId as string)) return cellId as string;
    return undefined;
  }

  private putOnAir(gatewayId: string, s: UplinkSubmission, cellIds: string[], untilMs: number): void {
    const key = messageKey(gatewayId, s);
    const cells = this.onAir.get(key) ?? new OnAirCells();
    cells.add(cellIds, untilMs);
    this.onAir.set(key, cells);
  }
}

function checkSubmission(s: UplinkSubmission, now: Date): void {
  const where = `submission ${s.submissionId}`;
  requireText(where, 'routeId', s.routeId);
  requireText(where, 'alertId', s.alertId);
  requireUint16(where, 'messageIdentifier', s.messageIdentifier);
  requireUint16(where, 'serialNumber', s.serialNumber);
  requireCells(where, s.cellIds);
  const r = s.repetition;
  if (typeof r !== 'object' || r === null) reject(where, 'repetition is missing');
  if (!isIntegerIn(r.periodSeconds, 1, MAX_REPETITION_PERIOD_SECONDS)) {
    reject(where, `repetition.periodSeconds must be an integer in 1..${MAX_REPETITION_PERIOD_SECONDS}`);
  }
  if ((r.count === undefined) === (r.untilEpochSeconds === undefined)) {
    reject(where, 'repetition needs exactly one of count and untilEpochSeconds');
  }
  if (r.count !== undefined && !isIntegerIn(r.count, 1, MAX_BROADCAST_COUNT)) {
    reject(where, `repetition.count must be an integer in 1..${MAX_BROADCAST_COUNT}`);
  }
  if (r.untilEpochSeconds !== undefined && !isIntegerIn(r.untilEpochSeconds, Math.floor(now.getTime() / 1000) + 1, Number.MAX_SAFE_INTEGER)) {
    reject(where, 'repetition.untilEpochSeconds must be a whole second in the future');
  }
}

function checkKill(k: UplinkKill): void {
  const where = `kill ${k.killId}`;
  requireText(where, 'routeId', k.routeId);
  requireText(where, 'alertId', k.alertId);
  requireUint16(where, 'messageIdentifier', k.messageIdentifier);
  requireUint16(where, 'serialNumber', k.serialNumber);
  requireCells(where, k.cellIds);
}

// The AAD already ties the seal to these identifiers; the envelope inside must say the same.
function checkEnvelopeMatches(envelope: BroadcastEnvelope, s: UplinkSubmission): void {
  for (const field of ['alertId', 'messageIdentifier', 'serialNumber'] as const) {
    if (envelope[field] !== s[field]) {
      reject(`submission ${s.submissionId}`, `the envelope's ${field} ${envelope[field]} differs from the submission's ${s[field]}`);
    }
  }
}

function endOfBroadcast(repetition: Repetition, transmittedAt: Date): number {
  if (repetition.count !== undefined) {
    return transmittedAt.getTime() + (repetition.count - 1) * repetition.periodSeconds * 1000;
  }
  return (repetition.untilEpochSeconds as number) * 1000;
}

function notOnAirReason(untilMs: number | undefined, now: Date): string | undefined {
  if (untilMs === undefined) return 'the message is not on air in this cell';
  if (untilMs < now.getTime()) return 'the broadcast had already completed';
  return undefined;
}

function messageKey(gatewayId: string, m: { alertId: string; messageIdentifier: number; serialNumber: number }): string {
  return JSON.stringify([gatewayId, m.alertId, m.messageIdentifier, m.serialNumber]);
}

function distinct(cellIds: string[]): string[] {
  return [...new Set(cellIds)];
}

function requireText(where: string, field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) reject(where, `${field} must be a non-empty string`);
}

function requireUint16(where: string, field: string, value: unknown): void {
  if (!isIntegerIn(value, 0, 0xffff)) reject(where, `${field} must be an integer in 0..65535`);
}

function requireCells(where: string, cellIds: unknown): void {
  if (!Array.isArray(cellIds) || cellIds.length === 0) reject(where, 'cellIds must name at least one cell');
  if (!cellIds.every((cellId) => typeof cellId === 'string' && cellId.length > 0)) {
    reject(where, 'every cell id must be a non-empty string');
  }
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function reject(where: string, problem: string): never {
  throw new UplinkError('uplink/rejected', `${where}: ${problem}`, false);
}
