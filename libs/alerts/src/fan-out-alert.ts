import { assertCompanionIdentifiers, DEFAULT_COMPANION_MESSAGE_IDENTIFIERS, type CompanionIdentifiers } from '@faro/cell-broadcast';
import { isAscending } from '@faro/targeting';
import type { Alert } from './alert';
import { fanoutPriority } from './alert';
import { AlertError } from './alert-error';
import { prioritiseBatches } from './batch-priority';
import { withTargetingWarnings } from './assess-targeting';
import { composeBroadcast } from './compose-broadcast';
import type { BatchPlan, CellTargeter, FanoutQueue, FanoutStore, FanoutTransaction, GroupKeys, RouteCells, SigningKeys } from './fanout-ports';
import { finishCancel } from './finish-cancel';
import { notTransmittedReason } from './not-transmitted-reason';
import type { AlertStore, Clock } from './ports';
import { move } from './move-alert';

const FANOUT = { id: 'fanout', kind: 'system' as const };

export interface FanOutCommand {
  alertId: string;
  outboxId: number;
}

// The worker's first step after release. It is safe to run twice: once the plan is
// committed the alert is broadcasting and a rerun only re-enqueues unfinished batches,
// which is how work lost by the queue is re-created from PostgreSQL.
export class FanOutAlert {
  constructor(
    private readonly alerts: AlertStore,
    private readonly store: FanoutStore,
    private readonly targeter: CellTargeter,
    private readonly keys: SigningKeys,
    private readonly queue: FanoutQueue,
    private readonly clock: Clock,
    private readonly batchSize: number,
    private readonly groupKeys: GroupKeys,
    // Checked here, so a worker configured with a bad pair refuses to start rather than fan out.
    private readonly companions: CompanionIdentifiers = DEFAULT_COMPANION_MESSAGE_IDENTIFIERS,
  ) {
    assertCompanionIdentifiers(companions);
  }

  async run(cmd: FanOutCommand): Promise<{ batches: number; planned: boolean }> {
    const alert = await this.alerts.findAlert(cmd.alertId);
    if (!alert) throw new AlertError('alert/not-found', `No alert ${cmd.alertId}`);
    let planned = false;
    if (alert.state === 'approved') {
      if (alert.msgType === 'Cancel') await this.planKill(alert);
      else await this.planBroadcast(alert);
      planned = true;
    }
    const current = planned ? await this.alerts.findAlert(cmd.alertId) : alert;
    // A broadcast fans out while broadcasting; a Cancel's kills while it is killing.
    if (current && (current.state === 'broadcasting' || current.state === 'killing')) {
      const pending = await this.store.pendingBatches(alert.id);
      await this.queue.enqueueBatches(prioritiseBatches(fanoutPriority(alert), await this.store.alertBatches(alert.id), pending));
      await this.store.completeOutbox(cmd.outboxId);
      return { batches: pending.length, planned };
    }
    await this.store.completeOutbox(cmd.outboxId);
    return { batches: 0, planned };
  }

  async giveUp(cmd: FanOutCommand, reason: string): Promise<void> {
    await this.store.completeOutbox(cmd.outboxId, reason);
  }

  private async planBroadcast(alert: Alert): Promise<void> {
    if (await this.withdrawnWithItsAlert(alert)) return;
    const { byRoute, summary, geofence } = await this.targeter.cellsFor(alert.areas.map((a) => a.spec));
    const key = await this.keys.active();
    const groupKey = alert.audienceGroupId ? await this.groupKeys.active(alert.audienceGroupId) : undefined;
    let messages;
    try {
      messages = composeBroadcast(alert, key, this.clock.now(), geofence, groupKey, this.companions);
    } finally {
      groupKey?.key.fill(0);
    }
    const batches = planBatches(byRoute, this.batchSize);
    const targeting = withTargetingWarnings(alert.areas, summary);
    await this.store.transaction(async (tx) => {
      const current = await tx.findAlertForUpdate(alert.id);
      // Another worker planned it first: nothing to do, the caller re-enqueues.
      if (current?.state !== 'approved') return;
      // An Update's kills are planned over its deliveries (which of the old alert's cells it
      // replaces in place), so they are written with the plan; a new alert's first batches go to
      // the uplink without waiting for every other row.
      await tx.writePlan(alert.id, messages, batches, alert.msgType === 'Update' ? 'with-plan' : 'at-claim');
      const texts = messages.filter((m) => m.kind === 'alert');
      const moved = await move(tx, { ...current, targeting }, 'broadcasting', FANOUT, this.clock, {
        messages: texts.map((m) => ({ language: m.language, messageIdentifier: m.messageIdentifier, serialNumber: m.serialNumber, keyId: m.keyId, groupKeyId: m.groupKeyId,
          companionMessageIdentifier: messages.find((c) => c.signsMessageId === m.id)?.messageIdentifier ?? null })),
        batches: batches.length,
        cells: targeting.counts,
      });
      const kills = await this.replace(tx, moved);
      // A plan with no cells at all (an area nothing covers) and nothing to kill is finished at once.
      if (batches.length === 0 && kills === 0) await move(tx, moved, 'active', FANOUT, this.clock, { reason: 'no cells targeted' });
    });
  }

  // An Update replaces its alert if that one is still on air (locked after the Update): what no job
  // has taken of the old alert is dropped, the Update's own batches carry the new text to the cells
  // it covers, and kill batches take the old text off every other cell. Returns the kill batches.
  private async replace(tx: FanoutTransaction, update: Alert): Promise<number> {
    if (update.msgType !== 'Update' || !update.referencesAlertId) return 0;
    const previous = await tx.findAlertForUpdate(update.referencesAlertId);
    if (previous?.state !== 'broadcasting' && previous?.state !== 'active') return 0;
    await tx.dropUnclaimedBatches(previous.id, 'replaced by an Update', notTransmittedReason('updated'));
    const kills = await tx.planReplacedKills(update.id, previous.id);
    await move(tx, previous, 'updated', FANOUT, this.clock, { replacedBy: update.id, killBatches: kills });
    return kills;
  }

  // An Update released before a Cancel of the alert it updates, and fanned out after it, would put
  // back on air what the Cancel takes off: it is cancelled with its alert instead.
  private async withdrawnWithItsAlert(update: Alert): Promise<boolean> {
    if (update.msgType !== 'Update' || !update.referencesAlertId) return false;
    // The Update, then the alert it updates: the order planBroadcast locks them in.
    return this.alerts.transaction(async (tx) => {
      const current = await tx.findAlertForUpdate(update.id);
      if (current?.state !== 'approved') return false;
      const target = await tx.findAlertForUpdate(update.referencesAlertId!);
      if (target?.state !== 'cancelling' && target?.state !== 'cancelled') return false;
      await move(tx, current, 'cancelled', FANOUT, this.clock, { reason: `alert ${target.id} was cancelled before this Update went on air` });
      return true;
    });
  }

  private async planKill(cancel: Alert): Promise<void> {
    const target = cancel.referencesAlertId ? await this.alerts.findAlert(cancel.referencesAlertId) : null;
    if (!target) throw new AlertError('alert/unknown-reference', `Cancel ${cancel.id} references no alert`);
    // The Cancel, then its target: the order finishCancel locks them in.
    await this.store.transaction(async (tx) => {
      const current = await tx.findAlertForUpdate(cancel.id);
      if (current?.state !== 'approved') return;
      let live = await tx.findAlertForUpdate(target.id);
      // The release moved the target to cancelling; one released before that rule is moved here.
      if (live && (live.state === 'broadcasting' || live.state === 'active' || live.state === 'approved')) {
        live = await move(tx, live, 'cancelling', FANOUT, this.clock, { cancelledBy: cancel.id });
      }
      // First drop what no job has taken, so that what is left is on air or on its way there.
      if (live?.state === 'cancelling') await tx.dropUnclaimedBatches(target.id, 'cancelled', notTransmittedReason('cancelled'));
      const kills = await tx.planCancelKills(cancel.id, target.id);
      const moved = await move(tx, current, 'killing', FANOUT, this.clock, { kills: target.id, batches: kills });
      // Nothing on air to kill: the Cancel is done and its target cancelled at once.
      if (kills === 0) await finishCancel(tx, moved, this.clock, { reason: 'nothing on air to kill' });
    });
  }
}

// Cells are batched per uplink route, never one job per cell; sorted ids keep batches
// stable so a re-plan yields the same jobs.
export function planBatches(byRoute: Record<string, RouteCells>, batchSize: number): BatchPlan[] {
  const plans: BatchPlan[] = [];
  for (const routeId of Object.keys(byRoute).sort()) {
    const r = byRoute[routeId];
    // Targeting hands them sorted (libs/targeting): sorting again cost a national alert 24 ms
    // before its first batch. Checked, not assumed: a targeter may not sort.
    const ids = isAscending(r.cellIds) ? r.cellIds : [...r.cellIds].sort();
    for (let start = 0, batch = 0; start < ids.length; start += batchSize, batch++) {
      plans.push({ routeId, batch, gatewayId: r.gatewayId, kind: 'broadcast', cellIds: ids.slice(start, start + batchSize) });
    }
  }
  return plans;
}
