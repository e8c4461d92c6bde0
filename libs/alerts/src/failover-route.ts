import { satelliteCells } from '@faro/inventory';
import { gatewayKindOf, type UplinkPort } from '@faro/uplink';
import { fanoutPriority } from './alert';
import { batchPriority } from './batch-priority';
import type { AlertState } from './alert-lifecycle';
import { companionOf } from './broadcast-message';
import type { DeliveryStore, GatewaySealer, RepetitionPolicy } from './deliver-batch';
import type { BatchRef, BatchRequeue } from './fanout-ports';
import type { AlertStore, Clock } from './ports';
import { stillOnAir } from './restore-route';
import { resubmitCells } from './resubmit-cells';
import type { SkyCell, SkyWindow, UnservedCell } from './satellite-reach';
import { carriedSubmissionId, leftCarrierKillId } from './submission-ids';

// A broadcast batch and what the failover needs of it: its alert, and every cell it holds.
export interface CarriedBatch {
  alertId: string;
  routeId: string;
  batch: number;
  status: 'pending' | 'done';
  alertState: AlertState;
  expiresAt: Date;
  cellIds: string[];
}

// A move of a batch away from a gateway that has not yet been told to stop it.
export interface UnsettledMove {
  id: number;
  alertId: string;
  routeId: string;
  batch: number;
  toGatewayId: string;
}

// Cells a down gateway had on air for one message of a batch, to hand to its new carrier.
export interface CarryCells {
  messageId: string;
  cellIds: string[];
}

// A move whose on-air cells the new carrier has not yet taken.
export interface UncarriedMove {
  id: number;
  alertId: string;
  routeId: string;
  batch: number;
  toGatewayId: string;
  carry: CarryCells[];
}

export interface FailoverStore extends Pick<DeliveryStore, 'messages'> {
  // Broadcast batches (pending or done) the gateway carries, of alerts broadcasting or active and
  // not yet expired at `now`.
  batchesCarriedBy(gatewayId: string, now: Date): Promise<CarriedBatch[]>;
  // Hands the batch to `to` if `from` still carries it (another worker may have moved it first),
  // recording the move with the cells to carry (none: marked carried); the move's id, or null
  // when it did not move.
  moveBatch(ref: Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>, from: string, to: string, carry: CarryCells[]): Promise<number | null>;
  // Moves whose cells have not been handed over yet (their first try failed), oldest first.
  uncarriedMoves(limit: number): Promise<UncarriedMove[]>;
  markCarried(moveId: number): Promise<void>;
  // Cells of the batch recorded on air for the message (deliveries 'broadcasting').
  onAirCells(ref: Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>, messageId: string): Promise<string[]>;
  // Cells of the batch ever put on air for the message ('broadcasting' or since 'killed').
  sentCells(ref: Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>, messageId: string): Promise<string[]>;
  unsettledMovesFrom(gatewayId: string): Promise<UnsettledMove[]>;
  settleMoves(ids: number[]): Promise<void>;
}

// libs/constellation's ConstellationSky, matched by shape.
export interface CarrierSky {
  carrier(cells: SkyCell[], window: SkyWindow, candidates: readonly string[]): { gatewayId: string | null; unserved: UnservedCell[] };
}

export interface FailoverOutcome {
  moved: Array<{ alertId: string; routeId: string; batch: number; status: 'pending' | 'done'; to: string }>;
  // Batches no other gateway can serve before their alert expires: they wait for their gateway.
  stranded: Array<{ alertId: string; routeId: string; batch: number; reason: string }>;
  // Cells already on air through the down gateway, put on air again through the new carrier.
  cellsCarried: number;
  failed: number;
}

/**
 * A satellite gateway went down mid-alert: every batch it carries, of an alert still due on air,
 * moves to a gateway that is up and can reach a satellite serving the batch's cells before the
 * alert expires (the constellation decides, CarrierSky). A pending batch is queued again at once
 * and its job sends its queued cells to the new carrier; the cells the down gateway had already
 * put on air go to the new carrier now, since a gateway that cannot be reached feeds no satellite.
 * Terrestrial routes do not fail over: an operator's cells are reachable through its CBC only.
 * Safe to run from several workers at once: a batch moves once (moveBatch is conditional), and the
 * submissions to the new carrier have ids the gateway deduplicates.
 */
export class FailoverRoute {
  constructor(
    private readonly alerts: AlertStore,
    private readonly store: FailoverStore,
    private readonly sky: CarrierSky,
    private readonly queue: BatchRequeue,
    private readonly sealer: GatewaySealer,
    private readonly uplink: UplinkPort,
    private readonly clock: Clock,
    private readonly repetition: RepetitionPolicy = { periodSeconds: 60 },
  ) {}

  async run(downGatewayId: string, upGatewayIds: readonly string[], onError: (alertId: string, e: unknown) => void = () => undefined): Promise<FailoverOutcome> {
    const out: FailoverOutcome = { moved: [], stranded: [], cellsCarried: 0, failed: 0 };
    if (gatewayKindOf(downGatewayId) !== 'satellite') return out;
    const candidates = upGatewayIds.filter((id) => id !== downGatewayId && gatewayKindOf(id) === 'satellite');
    const now = this.clock.now();
    for (const b of await this.store.batchesCarriedBy(downGatewayId, now)) {
      const ref = { alertId: b.alertId, routeId: b.routeId, batch: b.batch };
      try {
        const cells = satelliteCells(b.cellIds);
        const window: SkyWindow = { start: now, end: b.expiresAt, deadline: b.expiresAt, repetitionSeconds: this.repetition.periodSeconds };
        const { gatewayId: to } = candidates.length === 0 ? { gatewayId: null } : this.sky.carrier(cells, window, candidates);
        if (to === null) {
          out.stranded.push({ ...ref, reason: candidates.length === 0 ? 'no other satellite gateway is up' : 'no gateway that is up reaches a satellite serving these cells before expiry' });
          continue;
        }
        const alert = await this.alerts.findAlert(b.alertId);
        if (!alert) continue;
        // What the down gateway put on air, read before the move: once moved, the batch's job sends
        // its queued cells to the new carrier, and those must not be handed over a second time.
        const carry = await this.onAirByMessage(alert.id, ref);
        const moveId = await this.store.moveBatch(ref, downGatewayId, to, carry);
        if (moveId === null) continue;
        out.moved.push({ ...ref, status: b.status, to });
        // First in its alert's tier: it has waited for a gateway that went down.
        if (b.status === 'pending') await this.queue.requeue([{ ref: { ...ref, kind: 'broadcast', gatewayId: to }, priority: batchPriority(fanoutPriority(alert), 0) }]);
        // Recorded with the move: a hand-over that fails here is finished by carryPending.
        out.cellsCarried += await this.carry({ id: moveId, ...ref, toGatewayId: to, carry });
      } catch (e) {
        out.failed++;
        onError(b.alertId, e);
      }
    }
    return out;
  }

  /**
   * The hand-overs a failover recorded but could not finish (the new carrier refused or did not
   * answer, or its rate was spent): tried again, under the same ids, until the carrier takes them
   * or the alert is no longer due on air. The liveness loop runs it every tick.
   */
  async carryPending(onError: (alertId: string, e: unknown) => void = () => undefined): Promise<{ carried: number; failed: number }> {
    const out = { carried: 0, failed: 0 };
    for (const move of await this.store.uncarriedMoves(100)) {
      try {
        out.carried += await this.carry(move);
      } catch (e) {
        out.failed++;
        onError(move.alertId, e);
      }
    }
    return out;
  }

  private async onAirByMessage(alertId: string, ref: Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>): Promise<CarryCells[]> {
    const out: CarryCells[] = [];
    for (const m of (await this.store.messages(alertId)).filter((x) => x.kind === 'alert')) {
      const cellIds = await this.store.onAirCells(ref, m.id);
      if (cellIds.length > 0) out.push({ messageId: m.id, cellIds });
    }
    return out;
  }

  // The cells the down gateway had put on air, now from the new carrier, with the repetition left;
  // nothing for an alert no longer due on air (cancelled, replaced or expired meanwhile).
  private async carry(move: UncarriedMove): Promise<number> {
    let cells = 0;
    const alert = move.carry.length === 0 ? null : await this.alerts.findAlert(move.alertId);
    if (alert && stillOnAir(alert, this.clock.now())) {
      const all = await this.store.messages(alert.id);
      for (const { messageId, cellIds } of move.carry) {
        const m = all.find((x) => x.id === messageId);
        if (!m) continue;
        await resubmitCells(this.sealer, this.uplink, {
          alertId: alert.id,
          message: m,
          companion: companionOf(all, m),
          gatewayId: move.toGatewayId,
          routeId: move.routeId,
          cellIds,
          submissionId: (chunk) => carriedSubmissionId(m.id, move.routeId, move.batch, move.toGatewayId, chunk),
          repetition: { periodSeconds: this.repetition.periodSeconds, untilEpochSeconds: Math.floor(alert.expiresAt.getTime() / 1000) },
        });
        cells += cellIds.length;
      }
    }
    await this.store.markCarried(move.id);
    return cells;
  }
}

export interface SettleOutcome {
  moves: number;
  // Cells the returned gateway was told to stop (kills sent, whatever it still held).
  cellsStopped: number;
  failed: number;
}

/**
 * A gateway that was down answers again. Under the same boot id it kept what it had on air and
 * resumes it; what moved away from it meanwhile is on air through its new carrier, so the
 * returned gateway is told to stop it (a kill; a kill of what it no longer holds stops nothing),
 * whatever became of the alert since: nothing stays on air twice. After an empty restart it holds
 * nothing, and the moves are only marked settled. The batches stay with their new carrier.
 */
export class SettleReturnedRoute {
  constructor(
    private readonly store: FailoverStore,
    private readonly uplink: UplinkPort,
  ) {}

  async run(gatewayId: string, restartedEmpty: boolean): Promise<SettleOutcome> {
    const moves = await this.store.unsettledMovesFrom(gatewayId);
    const out: SettleOutcome = { moves: moves.length, cellsStopped: 0, failed: 0 };
    if (restartedEmpty) {
      await this.store.settleMoves(moves.map((m) => m.id));
      return out;
    }
    const settled: number[] = [];
    for (const move of moves) {
      try {
        const all = await this.store.messages(move.alertId);
        for (const m of all.filter((x) => x.kind === 'alert')) {
          const cellIds = await this.store.sentCells(move, m.id);
          if (cellIds.length === 0) continue;
          const companion = companionOf(all, m);
          await this.uplink.cancel({
            killId: leftCarrierKillId(m.id, move.routeId, move.batch, gatewayId, move.id),
            gatewayId,
            routeId: move.routeId,
            alertId: move.alertId,
            messageIdentifier: m.messageIdentifier,
            serialNumber: m.serialNumber,
            ...(companion ? { companionMessageIdentifier: companion.messageIdentifier } : {}),
            cellIds,
          });
          out.cellsStopped += cellIds.length;
        }
        settled.push(move.id);
      } catch {
        out.failed++;
      }
    }
    await this.store.settleMoves(settled);
    return out;
  }
}


