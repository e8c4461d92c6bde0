import { randomUUID } from 'node:crypto';
import { broadcastAad, type SealedBroadcast } from '@faro/broadcast-security';
import type { CellReceipt, UplinkPort, UplinkSubmission } from '@faro/uplink';
import type { Alert } from './alert';
import { AlertError } from './alert-error';
import { companionOf, type BroadcastMessage } from './broadcast-message';
import type { BatchRef } from './fanout-ports';
import { finishCancel } from './finish-cancel';
import { messageEnvelope } from './message-envelope';
import { move } from './move-alert';
import { notTransmittedReason } from './not-transmitted-reason';
import { batchKillId, batchSubmissionId, unrecordedKillId } from './submission-ids';
import type { AlertStore, Clock } from './ports';

export interface DeliveryStore {
  batchStatus(ref: BatchRef): Promise<'pending' | 'done' | 'failed' | null>;
  // Marks a pending batch as taken by a job (kept across its retries); null when it is no longer
  // pending. A Cancel or Update planned after the claim leaves the batch to finish and kills what
  // it put on air, instead of dropping cells that may already be on their way to the gateway.
  // The claim also takes the batch's lease under the job's token, unless another job's lease
  // still holds (BatchClaim.heldElsewhere), which it leaves as it is.
  claimBatch(ref: BatchRef, lease: ClaimLease): Promise<BatchClaim | null>;
  // Extends the lease while its token holds it; a lease another job took over is left alone.
  renewClaim(ref: BatchRef, lease: ClaimLease): Promise<void>;
  // Gives the lease up (a job that failed and leaves the batch pending for its retry).
  releaseClaim(ref: BatchRef, token: string): Promise<void>;
  // A pending batch of an alert no longer on air: failed, its queued cells killed with the reason.
  dropBatch(ref: BatchRef, cellReason: string): Promise<void>;
  messages(alertId: string): Promise<BroadcastMessage[]>;
  // Cells of the batch that have not been put on air for this message yet.
  queuedCells(ref: BatchRef, message: BroadcastMessage): Promise<string[]>;
  // Cells of the target alert's batch that are on air, for a kill.
  // With the identifier of the message's FS2 companion, if it has one: it is killed with it.
  liveCells(targetAlertId: string, ref: BatchRef): Promise<Array<{ cellId: string; messageIdentifier: number; serialNumber: number; companionMessageIdentifier?: number | null }>>;
  recordReceipts(ref: BatchRef, message: BroadcastMessage, receipts: CellReceipt[]): Promise<void>;
  recordKill(targetAlertId: string, ref: BatchRef, receipts: CellReceipt[]): Promise<void>;
  completeBatch(ref: BatchRef, attempts: number): Promise<void>;
  // Exhausted retries: the batch and its still-queued cells become failed, with the reason.
  failBatch(ref: BatchRef, reason: string, attempts: number): Promise<void>;
  hasPendingBatches(alertId: string): Promise<boolean>;
  // Which gateway carries the broadcast batch now (another after a failover) and which the fan-out
  // chose; null for a batch that does not exist.
  carrierOf(ref: BatchRef): Promise<{ carrier: string; home: string } | null>;
  // How many cells the alert targets on the route, over all its batches (the plan's counts).
  routeCellCount(alertId: string, routeId: string): Promise<number>;
}

export interface BatchClaim {
  // The gateway that carries the batch now (another after a failover) and the one the fan-out chose.
  carrier: string;
  home: string;
  // The batch's cells when this claim wrote its deliveries (every one queued, for every message):
  // the job need not read them back. Null on a later claim (a retry) and for a batch whose
  // deliveries came with the plan.
  written: string[] | null;
  // A job claimed the batch before this one: it may have put cells on air and died (or failed)
  // before recording them, which leaves them queued here.
  claimedBefore: boolean;
  // Another job's lease on the batch still holds: that job may be transmitting it now (its BullMQ
  // lock lapsed on a loaded machine and the job runs again beside itself, or the relay made a
  // second job for a batch it saw stale).
  heldElsewhere: boolean;
}

// A job's hold on a batch: lapses ms after it was taken or last renewed, so a job whose worker
// died holds the batch no longer than that. One token per run, never reused.
export interface ClaimLease {
  token: string;
  ms: number;
}

export interface GatewaySealer {
  seal(gatewayId: string, plaintext: Uint8Array, aad: Uint8Array): Promise<SealedBroadcast>;
}

// What the worker counts (Prometheus metrics): told after the fact, never in a transaction.
export interface DeliveryObserver {
  // The gateway's receipts for one message of a batch (kill receipts too).
  receipts?(ref: BatchRef, receipts: CellReceipt[]): void;
  // Every batch of the alert finished: it moved from broadcasting to active at `at`.
  alertOnAir?(alert: Alert, at: Date): void;
}

export interface RepetitionPolicy {
  periodSeconds: number;
}

// One uplink job: a batch of cells on one route. Only cells still queued are submitted,
// under a submission id the gateway deduplicates, so a retry never puts the same message
// on the same cell twice.
export class DeliverBatch {
  constructor(
    private readonly alerts: AlertStore,
    private readonly store: DeliveryStore,
    private readonly sealer: GatewaySealer,
    private readonly uplink: UplinkPort,
    private readonly clock: Clock,
    private readonly repetition: RepetitionPolicy = { periodSeconds: 60 },
    private readonly observer: DeliveryObserver = {},
    // Longer than the job's BullMQ lock, which is what lapses on a loaded machine.
    private readonly claimLeaseMs = 20_000,
  ) {}

  async run(ref: BatchRef, attempt: number): Promise<{ submitted: number }> {
    const lease: ClaimLease = { token: randomUUID(), ms: this.claimLeaseMs };
    const claim = await this.store.claimBatch(ref, lease);
    if (!claim) return { submitted: 0 };
    const renewal = claim.heldElsewhere ? undefined : setInterval(() => void this.store.renewClaim(ref, lease).catch(() => undefined), lease.ms / 3);
    renewal?.unref();
    try {
      return await this.runClaimed(ref, attempt, claim);
    } catch (e) {
      // Left pending: its retry, or the relay's job, need not wait out the lease.
      if (renewal) await this.store.releaseClaim(ref, lease.token).catch(() => undefined);
      throw e;
    } finally {
      clearInterval(renewal);
    }
  }

  private async runClaimed(ref: BatchRef, attempt: number, claim: BatchClaim): Promise<{ submitted: number }> {
    const alert = await this.alerts.findAlert(ref.alertId);
    if (!alert) throw new AlertError('alert/not-found', `No alert ${ref.alertId}`);
    if (ref.kind === 'broadcast' && alert.state !== 'broadcasting') {
      // Another job may be putting these cells on air now: dropped, they would be recorded as never
      // sent and the Cancel's kill would skip them. Its receipts, then the kill, settle them instead.
      if (claim.heldElsewhere) throw new AlertError('alert/batch-in-flight', `batch ${ref.batch} of alert ${ref.alertId} on ${ref.routeId} is held by another job`);
      if (claim.claimedBefore && (alert.state === 'cancelling' || alert.state === 'cancelled')) await this.stopUnrecorded(alert, ref, claim);
      // Cancelled, replaced or expired between this batch's attempts: nothing more goes on air.
      await this.store.dropBatch(ref, notTransmittedReason(alert.state));
      return { submitted: 0 };
    }
    const submitted = ref.kind === 'kill' ? await this.kill(alert, ref) : await this.broadcast(alert, ref, claim);
    await this.store.completeBatch(ref, attempt);
    await this.completeIfDone(alert.id);
    return { submitted };
  }

  // After the last attempt. A kill still waiting for its target batch stays pending (the relay
  // puts stale batches back on the queue): failing it would leave that batch's cells on air.
  async giveUp(ref: BatchRef, reason: string, attempts: number, code?: string): Promise<{ deferred: boolean }> {
    // The gateway is still transmitting this batch's submission (its earlier job's worker may have
    // died mid-submission): what it did will be known; the batch stays pending for the relay.
    // So is a batch another job holds, for the same reason.
    if (code === 'uplink/in-progress' || code === 'alert/batch-in-flight') return { deferred: true };
    const kill = ref.kind === 'kill' ? await this.alerts.findAlert(ref.alertId) : null;
    if (kill?.referencesAlertId && (await this.targetInFlight(kill.referencesAlertId, ref))) return { deferred: true };
    await this.store.failBatch(ref, reason, attempts);
    await this.completeIfDone(ref.alertId);
    return { deferred: false };
  }

  // A public alert's FS2 companion travels in the same submission as the message it signs: the
  // gateway puts both on air in the same cells with the same repetition, and a cell's receipt
  // (its delivery) says both are on air. A message of a group alert carries its FS1 page instead.
  private async broadcast(alert: Alert, ref: BatchRef, claim: BatchClaim): Promise<number> {
    let submitted = 0;
    const { carrier, home } = claim;
    const all = await this.store.messages(alert.id);
    // A CBC broadcasts to its whole network: it is asked only when the alert targets all of it.
    const plain = this.uplink.plainPages?.(carrier) ?? false;
    const routeCellCount = plain ? await this.store.routeCellCount(alert.id, ref.routeId) : undefined;
    for (const m of all.filter((x) => x.kind === 'alert')) {
      const companion = companionOf(all, m);
      const cellIds = claim.written ?? (await this.store.queuedCells(ref, m));
      if (cellIds.length === 0) continue;
      const ack = await this.uplink.submit({
        submissionId: batchSubmissionId(m.id, ref.routeId, ref.batch, carrier, home),
        gatewayId: carrier,
        routeId: ref.routeId,
        alertId: alert.id,
        messageIdentifier: m.messageIdentifier,
        serialNumber: m.serialNumber,
        ...(await this.payload(carrier, alert.id, m, companion)),
        cellIds,
        repetition: { periodSeconds: this.repetition.periodSeconds, untilEpochSeconds: Math.floor(alert.expiresAt.getTime() / 1000) },
        ...(routeCellCount === undefined ? {} : { routeCellCount }),
      });
      await this.store.recordReceipts(ref, m, ack.receipts);
      this.observer.receipts?.(ref, ack.receipts);
      submitted += cellIds.length;
    }
    return submitted;
  }

  // A cancelled alert's batch that an earlier job claimed: that job may have put its queued cells
  // on air before it died or failed, unrecorded, where the Cancel's kill (which stops the cells
  // recorded on air) would never look. They are stopped at the carrier before the batch is dropped:
  // a cell the gateway stops was on air, and is recorded so, then killed; one it never had is
  // refused and dropped as never sent. An Update's replaced alert is left to its kills (a CBC
  // holds one message per identifier, which may be the Update's now); an expired one stops alone.
  private async stopUnrecorded(alert: Alert, ref: BatchRef, { carrier, home }: BatchClaim): Promise<void> {
    const all = await this.store.messages(alert.id);
    for (const m of all.filter((x) => x.kind === 'alert')) {
      const cellIds = await this.store.queuedCells(ref, m);
      if (cellIds.length === 0) continue;
      const companion = companionOf(all, m);
      const { receipts } = await this.uplink.cancel({
        killId: unrecordedKillId(m.id, ref.routeId, ref.batch, carrier, home),
        gatewayId: carrier,
        routeId: ref.routeId,
        alertId: alert.id,
        messageIdentifier: m.messageIdentifier,
        serialNumber: m.serialNumber,
        ...(companion ? { companionMessageIdentifier: companion.messageIdentifier } : {}),
        cellIds,
      });
      const stopped = receipts.filter((r) => r.status === 'stopped');
      if (stopped.length === 0) continue;
      await this.store.recordReceipts(ref, m, stopped.map((r) => ({ cellId: r.cellId, status: 'broadcasting', at: r.at })));
      await this.store.recordKill(alert.id, ref, stopped);
      this.observer.receipts?.(ref, stopped);
    }
  }

  // Sealed to a gateway (satellite, or any gateway of the gateway protocol); a terrestrial CBC
  // opens no seals and takes the CBS pages themselves (UplinkPort.plainPages). The FS2 companion
  // travels only inside the sealed envelope: the ECBE route carries the alert's own pages.
  private async payload(gatewayId: string, alertId: string, m: BroadcastMessage, companion: BroadcastMessage | undefined): Promise<Pick<UplinkSubmission, 'sealed' | 'cbs'>> {
    if (this.uplink.plainPages?.(gatewayId)) return { cbs: { dcs: m.dcs, pages: m.pages.map((p) => Buffer.from(p).toString('hex')) } };
    const aad = broadcastAad({ alertId, messageIdentifier: m.messageIdentifier, serialNumber: m.serialNumber });
    return { sealed: await this.sealer.seal(gatewayId, messageEnvelope(alertId, m, companion), aad) };
  }

  private async kill(cancel: Alert, ref: BatchRef): Promise<number> {
    const targetId = cancel.referencesAlertId;
    if (!targetId) throw new AlertError('alert/unknown-reference', `Cancel ${cancel.id} references no alert`);
    if (await this.targetInFlight(targetId, ref)) {
      throw new AlertError('alert/target-in-flight', `batch ${ref.targetBatch ?? ref.batch} of alert ${targetId} on ${ref.routeId} is still being transmitted`);
    }
    const live = await this.store.liveCells(targetId, ref);
    if (live.length === 0) return 0;
    // The kill goes to the gateway that carries the target batch now; the one it left is told to
    // stop it when it returns (SettleReturnedRoute).
    const target: BatchRef = { ...ref, alertId: targetId, batch: ref.targetBatch ?? ref.batch, kind: 'broadcast' };
    const { carrier, home } = (await this.store.carrierOf(target)) ?? { carrier: ref.gatewayId, home: ref.gatewayId };
    const receipts: CellReceipt[] = [];
    // A kill names the message on air, and its companion with it: group the cells by identifier and serial.
    const groups = new Map<string, { companion: number | null; cellIds: string[] }>();
    for (const c of live) {
      const k = `${c.messageIdentifier}:${c.serialNumber}`;
      const g = groups.get(k) ?? { companion: c.companionMessageIdentifier ?? null, cellIds: [] };
      g.cellIds.push(c.cellId);
      groups.set(k, g);
    }
    for (const [k, { companion, cellIds }] of groups) {
      const [messageIdentifier, serialNumber] = k.split(':').map(Number);
      const res = await this.uplink.cancel({
        killId: batchKillId(cancel.id, k, ref.routeId, ref.batch, carrier, home),
        gatewayId: carrier,
        routeId: ref.routeId,
        alertId: targetId,
        messageIdentifier,
        serialNumber,
        ...(companion === null ? {} : { companionMessageIdentifier: companion }),
        cellIds,
      });
      receipts.push(...res.receipts);
    }
    await this.store.recordKill(targetId, ref, receipts);
    this.observer.receipts?.(ref, receipts);
    return live.length;
  }

  // The batch a kill stops (the same number for a Cancel, target_batch for an Update) is still
  // pending: a job claimed it before the kill was planned and may be putting cells on air now.
  private async targetInFlight(targetId: string, ref: BatchRef): Promise<boolean> {
    return (await this.store.batchStatus({ ...ref, alertId: targetId, batch: ref.targetBatch ?? ref.batch, kind: 'broadcast' })) === 'pending';
  }

  private async completeIfDone(alertId: string): Promise<void> {
    if (await this.store.hasPendingBatches(alertId)) return;
    const onAir = await this.alerts.transaction(async (tx) => {
      const alert = await tx.findAlertForUpdate(alertId);
      if (alert?.state === 'broadcasting') {
        await move(tx, alert, 'active', { id: 'fanout', kind: 'system' }, this.clock, { reason: 'every batch finished' });
        return alert;
      } else if (alert?.state === 'killing') {
        await finishCancel(tx, alert, this.clock);
      }
      return null;
    });
    if (onAir) this.observer.alertOnAir?.(onAir, this.clock.now());
  }
}
