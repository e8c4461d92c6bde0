import { assertCompanionIdentifiers, DEFAULT_COMPANION_MESSAGE_IDENTIFIERS, type CompanionIdentifiers } from '@faro/cell-broadcast';
import type { Alert } from './alert';
import { fanoutPriority } from './alert';
import { AlertError } from './alert-error';
import { prioritiseBatches } from './batch-priority';
import { withTargetingWarnings } from './assess-targeting';
import { composeBroadcast } from './compose-broadcast';
import type { BatchPlan, CellTargeter, FanoutQueue, FanoutStore, GroupKeys, RouteCells, SigningKeys } from './fanout-ports';
import type { AlertStore, Clock } from './ports';
import { move } from './move-alert';

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
    const replaces = alert.msgType === 'Update' && alert.referencesAlertId ? await this.alerts.findAlert(alert.referencesAlertId) : null;
    await this.store.commitBroadcastPlan({
      alert,
      messages,
      batches: planBatches(byRoute, this.batchSize),
      targeting: withTargetingWarnings(alert.areas, summary),
      replaces: replaces && (replaces.state === 'broadcasting' || replaces.state === 'active') ? replaces : null,
      actor: 'system:fanout',
    });
  }

  // An Update released before a Cancel of the alert it updates, and fanned out after it, would put
  // back on air what the Cancel takes off: it is cancelled with its alert instead.
  private async withdrawnWithItsAlert(update: Alert): Promise<boolean> {
    if (update.msgType !== 'Update' || !update.referencesAlertId) return false;
    // The Update, then the alert it updates: the order commitBroadcastPlan locks them in.
    return this.alerts.transaction(async (tx) => {
      const current = await tx.findAlertForUpdate(update.id);
      if (current?.state !== 'approved') return false;
      const target = await tx.findAlertForUpdate(update.referencesAlertId!);
      if (target?.state !== 'cancelling' && target?.state !== 'cancelled') return false;
      await move(tx, current, 'cancelled', { id: 'fanout', kind: 'system' }, this.clock, { reason: `alert ${target.id} was cancelled before this Update went on air` });
      return true;
    });
  }

  private async planKill(cancel: Alert): Promise<void> {
    const target = cancel.referencesAlertId ? await this.alerts.findAlert(cancel.referencesAlertId) : null;
    if (!target) throw new AlertError('alert/unknown-reference', `Cancel ${cancel.id} references no alert`);
    await this.store.commitKillPlan({ cancel, target, batchSize: this.batchSize, actor: 'system:fanout' });
  }
}

// Cells are batched per uplink route, never one job per cell; sorted ids keep batches
// stable so a re-plan yields the same jobs.
export function planBatches(byRoute: Record<string, RouteCells>, batchSize: number): BatchPlan[] {
  const plans: BatchPlan[] = [];
  for (const routeId of Object.keys(byRoute).sort()) {
    const r = byRoute[routeId];
    const ids = [...r.cellIds].sort();
    for (let start = 0, batch = 0; start < ids.length; start += batchSize, batch++) {
      plans.push({ routeId, batch, gatewayId: r.gatewayId, kind: 'broadcast', cellIds: ids.slice(start, start + batchSize) });
    }
  }
  return plans;
}
