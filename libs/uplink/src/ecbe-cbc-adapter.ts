import type { Clock } from '@faro/identity';
import { type CbcHeldMessage, type CbcStateStore, InMemoryCbcStateStore } from './cbc-state-store';
import { type EcbeCategory, type EcbeCbcMessage, ecbeMessage } from './ecbe-message';
import type { EcbeResponse, EcbeTransport } from './ecbe-transport';
import type { CellIdSet } from './packed-cell-ids';
import { UplinkError } from './uplink-error';
import type { Repetition } from './uplink-port';

// One operator's Cell Broadcast Centre reached over ECBE, and the cells its peers (BSCs, MMEs,
// AMFs) serve. osmo-cbc 0.5.3 takes no cell list: a message goes to every peer, so to all of
// these cells whichever of them were targeted.
export interface TerrestrialCbc {
  id: string;
  // A Set, or PackedCellIds for a national inventory's.
  cells: CellIdSet;
  transport: EcbeTransport;
  /** The peers' repetition-period unit in seconds: 1 for SBc-AP (default), ≈1.883 for CBSP. */
  repetitionUnitSeconds?: number;
}

export interface TerrestrialBroadcast {
  alertId: string;
  messageIdentifier: number;
  serialNumber: number;
  dcs: number;
  /** Whole CBS pages from libs/cell-broadcast, hex (the envelope's pages). */
  pages: readonly string[];
  cellIds: readonly string[];
  repetition: Repetition;
  category?: EcbeCategory;
  /**
   * How many of each CBC's cells the alert targets in all (every batch, not only these cellIds).
   * osmo-cbc 0.5.3 puts a message on every cell of its peers (scope_plmn): a CBC is asked only
   * when the alert targets all of them, else its cells are refused with the reason. A CBC not
   * named here is never asked.
   */
  targetedPerCbc: Readonly<Record<string, number>>;
}

export interface TerrestrialWithdrawal {
  messageIdentifier: number;
  serialNumber: number;
  cellIds: readonly string[];
}

export type TerrestrialCellStatus =
  // 201: every peer of the CBC answered. It answers so on a NACK too: not proof that the cell broadcasts.
  | 'accepted'
  // 200 with an empty body: no peer answered within the CBC's wait. The CBC keeps the message.
  | 'unconfirmed'
  // Refused: a 400 with the CBC's reason, a 409 that replacing did not clear, no CBC for the cell.
  | 'rejected'
  // Unreachable, timed out, or a 5xx: the same request may succeed later.
  | 'failed'
  | 'stopped';

export interface TerrestrialCellReceipt {
  cellId: string;
  cbcId: string | null;
  status: TerrestrialCellStatus;
  retryable: boolean;
  reason?: string;
}

export interface TerrestrialCbcOutcome {
  cbcId: string;
  // Every request made to this CBC for this call, in order, with its answer.
  exchanges: Array<{ request: string; status: number | null }>;
  // How many of the CBC's cells not in this request the message reaches (or leaves) anyway
  // (scope_plmn): the alert's cells in its other batches, since a CBC is asked only for all.
  alsoReached: number;
  duplicate: boolean;
}

export interface TerrestrialAck {
  receipts: TerrestrialCellReceipt[];
  cbcs: TerrestrialCbcOutcome[];
}

export interface EcbeCbcAdapterOptions {
  cbeName?: string;
  // What each CBC holds; in memory unless given (the worker gives PostgreSQL's).
  store?: CbcStateStore;
}

// A CBC's messages after a reassertion: those it had lost and got again, by alert.
export interface CbcReassertion {
  cbcId: string;
  // cells: all of the CBC's, which a message reaches (scope_plmn).
  restored: Array<{ alertId: string; messageIdentifier: number; serialNumber: number; cells: number }>;
  stillHeld: number;
  failed: Array<{ alertId: string; messageIdentifier: number; reason: string }>;
}

/**
 * The terrestrial route: a broadcast to the cells of several operators' CBCs over osmo-cbc's ECBE
 * REST API, with a receipt per cell. What 0.5.3 does and this adapter answers:
 * - a 201 comes only once every peer answered, a 200 with an empty body after 15 s when none did,
 *   the message then still held by the CBC: 'unconfirmed', and a retry first DELETEs it;
 * - there is no GET, status or update: the adapter records what it put in each CBC (message id,
 *   serial, status, body) in a CbcStateStore shared by every worker, written before the POST; an
 *   Update is a DELETE of the old serial then a POST of the new, the same serial again confirmed
 *   is acknowledged without a request, and a 409 for an id the store says holds this very serial
 *   is that message already on air (another worker's or an earlier attempt's POST), not a conflict;
 * - any other 409 (`Could not allocate`) means the message id is held by a message the store does
 *   not know (another CBE, a lost record): the PWS identifiers are the alerting authority's, so it
 *   is DELETEd and the POST made once more;
 * - a CBC that restarted empty is found by reasserting: the same POST again answers 409 while the
 *   CBC still holds the message, and puts it back on air when it does not (reassert below);
 * - errors come at once as plain text: the 400's text is the cell's reason;
 * - CBCs are called in parallel, so one CBC's 15 s wait or 10 s DELETE does not hold the others.
 * 0.5.3 holds one message per identifier: a newer alert under the same identifier replaces the
 * older at that CBC (the store then names the newer one).
 */
export class EcbeCbcAdapter {
  private readonly store: CbcStateStore;
  private readonly cbeName: string;

  constructor(
    private readonly cbcs: readonly TerrestrialCbc[],
    private readonly clock: Clock,
    opts: EcbeCbcAdapterOptions = {},
  ) {
    this.cbeName = opts.cbeName ?? 'faro';
    this.store = opts.store ?? new InMemoryCbcStateStore();
  }

  async submit(broadcast: TerrestrialBroadcast): Promise<TerrestrialAck> {
    const { byCbc, unknown } = this.group(broadcast.cellIds);
    const outcomes = await Promise.all(
      [...byCbc].map(async ([cbc, cellIds]) => {
        const beyond = beyondTheAlert(cbc, broadcast.targetedPerCbc[cbc.id]);
        if (beyond) return { outcome: { cbcId: cbc.id, exchanges: [], alsoReached: 0, duplicate: false }, receipts: cellIds.map((cellId) => ({ cellId, cbcId: cbc.id, ...beyond })) };
        const outcome = this.outcome(cbc, cellIds);
        const result = await this.oneAtATime(cbc.id, broadcast.messageIdentifier, () => this.submitTo(cbc, broadcast, outcome)).catch(failure);
        return { outcome, receipts: cellIds.map((cellId) => ({ cellId, cbcId: cbc.id, ...result })) };
      }),
    );
    return this.ack(outcomes, unknown);
  }

  async withdraw(withdrawal: TerrestrialWithdrawal): Promise<TerrestrialAck> {
    const { byCbc, unknown } = this.group(withdrawal.cellIds);
    const outcomes = await Promise.all(
      [...byCbc].map(async ([cbc, cellIds]) => {
        const outcome = this.outcome(cbc, cellIds);
        const result = await this.oneAtATime(cbc.id, withdrawal.messageIdentifier, () => this.withdrawFrom(cbc, withdrawal, outcome)).catch(failure);
        return { outcome, receipts: cellIds.map((cellId) => ({ cellId, cbcId: cbc.id, ...result })) };
      }),
    );
    return this.ack(outcomes, unknown);
  }

  // A CBC holds one message per identifier, and the batches of one alert (or an Update and the
  // alert it replaces) reach the same CBC under the same identifier at once: their POSTs and
  // DELETEs must not interleave (one batch's DELETE of the old serial would meet another's POST
  // of the new one, and a 409 would refuse cells that are on air). In this process they take
  // turns; the next one then finds the message recorded and sends nothing.
  private readonly turns = new Map<string, Promise<unknown>>();

  private oneAtATime<T>(cbcId: string, messageIdentifier: number, work: () => Promise<T>): Promise<T> {
    const key = `${cbcId}\u0000${messageIdentifier}`;
    const run = (this.turns.get(key) ?? Promise.resolve()).then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(key, settled);
    void settled.then(() => {
      if (this.turns.get(key) === settled) this.turns.delete(key);
    });
    return run;
  }

  private async submitTo(cbc: TerrestrialCbc, b: TerrestrialBroadcast, outcome: TerrestrialCbcOutcome): Promise<CellResult> {
    const held = await this.store.find(cbc.id, b.messageIdentifier);
    const live = held && held.status !== 'deleted' ? held : undefined;
    if (live && live.serialNumber === b.serialNumber && live.status === 'confirmed') {
      outcome.duplicate = true;
      return { status: 'accepted', retryable: false };
    }
    const message = ecbeMessage({
      cbeName: this.cbeName,
      category: b.category ?? 'high_priority',
      messageIdentifier: b.messageIdentifier,
      serialNumber: b.serialNumber,
      dcs: b.dcs,
      pages: b.pages,
      repetitionPeriod: this.repetitionPeriod(cbc, b.repetition),
      numberOfBroadcasts: this.numberOfBroadcasts(b.repetition),
    });
    const record: CbcHeldMessage = {
      cbcId: cbc.id,
      messageIdentifier: b.messageIdentifier,
      serialNumber: b.serialNumber,
      alertId: b.alertId,
      status: 'posting',
      message,
      periodSeconds: b.repetition.periodSeconds,
      untilEpochSeconds: b.repetition.untilEpochSeconds ?? null,
      postedAt: live?.serialNumber === b.serialNumber ? live.postedAt : null,
      deletedAt: null,
      replaces: null,
    };
    // An Update (another serial), a retry of an unconfirmed POST, or a retry of an Update whose
    // DELETE was not answered: the id is taken until deleted.
    const replacing = live !== undefined && (live.serialNumber !== b.serialNumber || live.status === 'unconfirmed' || live.replaces !== null);
    if (replacing) record.replaces = live.serialNumber !== b.serialNumber ? live.serialNumber : (live.replaces ?? live.serialNumber);
    // Recorded as posting before the request, so that a 409 for this serial (a concurrent job's
    // POST, an earlier attempt whose answer was lost) is known to be it, on air.
    const { fresh } = await this.store.beginPost(record);
    if (replacing) {
      await this.delete(cbc, b.messageIdentifier, outcome);
      record.replaces = null;
      await this.store.save(record);
    }

    const post = () => this.exchange(outcome, `POST ${b.messageIdentifier}/${b.serialNumber}`, () => cbc.transport.post(message));
    let answer = await post();
    if (answer.status === 409 && !fresh && !replacing) {
      const now = await this.store.find(cbc.id, b.messageIdentifier);
      outcome.duplicate = true;
      const status = now?.status === 'unconfirmed' ? 'unconfirmed' : 'confirmed';
      await this.store.save({ ...record, status, postedAt: now?.postedAt ?? this.clock.now() });
      return status === 'unconfirmed' ? unconfirmed(cbc) : { status: 'accepted', retryable: false };
    }
    if (answer.status === 409) {
      await this.delete(cbc, b.messageIdentifier, outcome);
      answer = await post();
    }
    if (answer.status === 201) {
      await this.store.save({ ...record, status: 'confirmed', postedAt: this.clock.now() });
      return { status: 'accepted', retryable: false };
    }
    if (answer.status === 200) {
      await this.store.save({ ...record, status: 'unconfirmed', postedAt: this.clock.now() });
      return unconfirmed(cbc);
    }
    // Refused: the CBC took nothing (a 4xx is answered before allocation).
    if (answer.status >= 400 && answer.status < 500) await this.store.save({ ...record, status: 'deleted', deletedAt: this.clock.now() });
    return refusal(cbc, answer);
  }

  private async withdrawFrom(cbc: TerrestrialCbc, w: TerrestrialWithdrawal, outcome: TerrestrialCbcOutcome): Promise<CellResult> {
    const held = await this.store.find(cbc.id, w.messageIdentifier);
    // Deleting by message id would take a newer serial off the air with it.
    if (held && held.serialNumber !== w.serialNumber) {
      return { status: 'stopped', retryable: false, reason: `${cbc.id} holds serial ${held.serialNumber}, not ${w.serialNumber}` };
    }
    // Another batch's kill, or an earlier attempt, deleted it already.
    if (held?.status === 'deleted') {
      outcome.duplicate = true;
      return { status: 'stopped', retryable: false };
    }
    const answer = await this.delete(cbc, w.messageIdentifier, outcome);
    if (answer.status === 404) return { status: 'stopped', retryable: false, reason: `${cbc.id} held no message ${w.messageIdentifier}` };
    return { status: 'stopped', retryable: false };
  }

  /**
   * Puts back on air what the CBC should hold and lost (a restart empty): each message the store
   * says it holds, whose alert `due` still wants on air, is POSTed again. 409 is the CBC still
   * holding it: nothing happens; 201 or 200 is the message placed anew. Nothing is DELETEd.
   */
  async reassert(cbcId: string, due: (alertId: string) => Promise<boolean>): Promise<CbcReassertion> {
    const cbc = this.cbcs.find((c) => c.id === cbcId);
    if (!cbc) throw new UplinkError('uplink/unknown-gateway', `no terrestrial CBC ${cbcId}`, false);
    const out: CbcReassertion = { cbcId, restored: [], stillHeld: 0, failed: [] };
    const nowSeconds = this.clock.now().getTime() / 1000;
    for (const listed of await this.store.heldBy(cbcId)) {
      // In the identifier's turn, as the jobs take it: a job replacing this message (its DELETE
      // done, its POST not yet) must not meet the old one put back on air by a reassertion. What
      // the store holds is read again inside the turn, and only that message is reasserted.
      await this.oneAtATime(cbcId, listed.messageIdentifier, async () => {
        const held = await this.store.find(cbcId, listed.messageIdentifier);
        if (!held || held.serialNumber !== listed.serialNumber || held.alertId !== listed.alertId) return;
        if (held.status === 'posting' || held.status === 'deleted') return; // its POST is under way or will be retried by its job
        if (held.untilEpochSeconds !== null && held.untilEpochSeconds <= nowSeconds) return;
        if (!(await due(held.alertId))) return;
        const message: EcbeCbcMessage = {
          ...held.message,
          num_of_bcast: held.untilEpochSeconds === null ? held.message.num_of_bcast : Math.min(65535, Math.ceil((held.untilEpochSeconds - nowSeconds) / held.periodSeconds)),
        };
        try {
          const answer = await cbc.transport.post(message);
          if (answer.status === 409) out.stillHeld++;
          else if (answer.status === 201 || answer.status === 200) {
            await this.store.save({ ...held, message, status: answer.status === 201 ? 'confirmed' : 'unconfirmed', postedAt: this.clock.now() });
            out.restored.push({ alertId: held.alertId, messageIdentifier: held.messageIdentifier, serialNumber: held.serialNumber, cells: cbc.cells.size });
          } else out.failed.push({ alertId: held.alertId, messageIdentifier: held.messageIdentifier, reason: `${cbc.id} ${answer.status}: ${answer.body.trim()}` });
        } catch (e) {
          out.failed.push({ alertId: held.alertId, messageIdentifier: held.messageIdentifier, reason: (e as Error).message });
        }
      });
    }
    return out;
  }

  /**
   * Whether the CBC's REST server answers (the route's heartbeat, which ECBE has none of): any
   * answer below 500 within timeoutMs. Throws an UplinkError when it does not, saying why.
   */
  async probe(cbcId: string, timeoutMs: number): Promise<void> {
    const cbc = this.cbcs.find((c) => c.id === cbcId);
    if (!cbc) throw new UplinkError('uplink/unknown-gateway', `no terrestrial CBC ${cbcId}`, false);
    const answer = await cbc.transport.probe(timeoutMs);
    if (answer.status >= 500) throw new UplinkError('uplink/transient', `${cbcId} answered ${answer.status} ${answer.body.trim()}`.trim(), true);
  }

  // DELETE, recording the message gone once the CBC says so: 200 (deleted) or 404 (it had none).
  private async delete(cbc: TerrestrialCbc, messageId: number, outcome: TerrestrialCbcOutcome): Promise<EcbeResponse> {
    const answer = await this.exchange(outcome, `DELETE ${messageId}`, () => cbc.transport.delete(messageId));
    if (answer.status !== 200 && answer.status !== 404) {
      throw new UplinkError('uplink/transient', `${cbc.id}: DELETE of message ${messageId} answered ${answer.status} ${answer.body}`.trim(), true);
    }
    const held = await this.store.find(cbc.id, messageId);
    if (held && held.status !== 'posting') await this.store.save({ ...held, status: 'deleted', deletedAt: this.clock.now() });
    return answer;
  }

  private async exchange(outcome: TerrestrialCbcOutcome, request: string, call: () => Promise<EcbeResponse>): Promise<EcbeResponse> {
    try {
      const answer = await call();
      outcome.exchanges.push({ request, status: answer.status });
      return answer;
    } catch (e) {
      outcome.exchanges.push({ request, status: null });
      throw e;
    }
  }

  private repetitionPeriod(cbc: TerrestrialCbc, repetition: Repetition): number {
    const units = Math.round(repetition.periodSeconds / (cbc.repetitionUnitSeconds ?? 1));
    return Math.min(4095, Math.max(1, units));
  }

  // A finite count always: osmo-cbc has no expiry of its own, so "unlimited" (0) would stay on
  // air after the alert expired if the withdrawal were lost.
  private numberOfBroadcasts(repetition: Repetition): number {
    if (repetition.count !== undefined) return repetition.count;
    const left = (repetition.untilEpochSeconds ?? 0) - this.clock.now().getTime() / 1000;
    if (left <= 0) throw new UplinkError('uplink/rejected', 'the broadcast has expired', false);
    return Math.min(65535, Math.ceil(left / repetition.periodSeconds));
  }

  private group(cellIds: readonly string[]) {
    const byCbc = new Map<TerrestrialCbc, string[]>();
    const unknown: string[] = [];
    let last: TerrestrialCbc | undefined;
    for (const cellId of cellIds) {
      // The inventory gives a cell one gateway, so one CBC at most has it; a route's cells are
      // all its CBC's, so the last one found is asked first.
      const cbc = last?.cells.has(cellId) ? last : this.cbcs.find((c) => c.cells.has(cellId));
      last = cbc ?? last;
      if (!cbc) unknown.push(cellId);
      else if (byCbc.has(cbc)) byCbc.get(cbc)!.push(cellId);
      else byCbc.set(cbc, [cellId]);
    }
    return { byCbc, unknown };
  }

  // cellIds are the CBC's own (group), each once.
  private outcome(cbc: TerrestrialCbc, cellIds: string[]): TerrestrialCbcOutcome {
    return { cbcId: cbc.id, exchanges: [], alsoReached: cbc.cells.size - new Set(cellIds).size, duplicate: false };
  }

  private ack(outcomes: Array<{ outcome: TerrestrialCbcOutcome; receipts: TerrestrialCellReceipt[] }>, unknown: string[]): TerrestrialAck {
    return {
      receipts: [
        ...outcomes.flatMap((o) => o.receipts),
        ...unknown.map((cellId) => ({ cellId, cbcId: null, status: 'rejected' as const, retryable: false, reason: 'no terrestrial CBC serves this cell' })),
      ],
      cbcs: outcomes.map((o) => o.outcome),
    };
  }
}

type CellResult = Pick<TerrestrialCellReceipt, 'status' | 'retryable' | 'reason'>;

// Over-alerting is refused, never risked: a CBC whose broadcast would reach cells the alert does
// not target (or whose share of the alert is not known) is not asked. Its cells are left to the
// other routes (a satellite beam over them), and their receipts say why.
function beyondTheAlert(cbc: TerrestrialCbc, targeted: number | undefined): CellResult | null {
  const all = cbc.cells.size;
  if (targeted !== undefined && targeted >= all) return null;
  const share = targeted === undefined ? 'an unknown number' : `${targeted}`;
  return {
    status: 'rejected',
    retryable: false,
    reason: `${cbc.id} broadcasts to all its ${all} cells (ECBE takes no cell list) and the alert targets ${share} of them: not sent, so as not to alert beyond its area`,
  };
}

function unconfirmed(cbc: TerrestrialCbc): CellResult {
  return { status: 'unconfirmed', retryable: true, reason: `${cbc.id}: no peer acknowledged the message in time` };
}

function refusal(cbc: TerrestrialCbc, answer: EcbeResponse): CellResult {
  const said = answer.body.trim() || '(no reason given)';
  if (answer.status >= 400 && answer.status < 500) return { status: 'rejected', retryable: false, reason: `${cbc.id} ${answer.status}: ${said}` };
  return { status: 'failed', retryable: true, reason: `${cbc.id} ${answer.status}: ${said}` };
}

function failure(e: unknown): CellResult {
  if (e instanceof UplinkError) return { status: e.retryable ? 'failed' : 'rejected', retryable: e.retryable, reason: e.message };
  throw e;
}
