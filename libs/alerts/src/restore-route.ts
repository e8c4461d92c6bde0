import { recoverySubmissionId, type UplinkPort } from '@faro/uplink';
import { isOnAir, type AlertState } from './alert-lifecycle';
import type { DeliveryStore, GatewaySealer, RepetitionPolicy } from './deliver-batch';
import { resubmitCells } from './resubmit-cells';
import { companionOf } from './broadcast-message';
import type { AlertStore, Clock } from './ports';

// A cell a message was put on air in through a gateway, as PostgreSQL recorded it.
export interface OnAirCell {
  alertId: string;
  alertState: AlertState;
  expiresAt: Date;
  messageId: string;
  routeId: string;
  cellId: string;
}

export interface RecoveryStore extends Pick<DeliveryStore, 'messages'> {
  // Cells recorded on air through the gateway (deliveries 'broadcasting') before recordedBefore, of
  // alerts that may still be on air; the rule below decides.
  onAirThrough(gatewayId: string, now: Date, recordedBefore: Date): Promise<OnAirCell[]>;
}

export interface RestoreGroup {
  alertId: string;
  messageId: string;
  routeId: string;
  cellIds: string[];
}

// Only an alert still on air returns to the air: one broadcasting or active and not yet expired.
// A cancelled, cancelling, replaced (updated) or expired one stays off; a cell killed or never
// put on air is not recorded 'broadcasting' and is not offered here. The same rule decides what a
// CBC that lost it, and a gateway that took over a down one's cells, are given.
export function stillOnAir(alert: { state: AlertState; expiresAt: Date }, now: Date): boolean {
  return isOnAir(alert.state) && alert.expiresAt.getTime() > now.getTime();
}

export function cellsToRestore(cells: OnAirCell[], now: Date): RestoreGroup[] {
  const groups = new Map<string, RestoreGroup>();
  for (const c of cells) {
    if (!stillOnAir({ state: c.alertState, expiresAt: c.expiresAt }, now)) continue;
    const key = `${c.alertId}\u0000${c.messageId}\u0000${c.routeId}`;
    const g = groups.get(key) ?? { alertId: c.alertId, messageId: c.messageId, routeId: c.routeId, cellIds: [] };
    if (!g.cellIds.includes(c.cellId)) g.cellIds.push(c.cellId);
    groups.set(key, g);
  }
  for (const g of groups.values()) g.cellIds.sort();
  return [...groups.values()];
}

export interface RestoreOutcome {
  alerts: string[];
  cells: number;
  submissions: number;
  // Submissions the gateway refused or did not answer; the caller tries the same ids again.
  failed: number;
}

// A gateway that restarted empty (a new boot id) gets back every message still due on air in its
// cells, under ids of that boot: the gateway acknowledges a repeat (another worker, a retry)
// without transmitting again, and a gateway that did not restart is never asked.
export class RestoreRoute {
  constructor(
    private readonly alerts: AlertStore,
    private readonly store: RecoveryStore,
    private readonly sealer: GatewaySealer,
    private readonly uplink: UplinkPort,
    private readonly clock: Clock,
    private readonly repetition: RepetitionPolicy = { periodSeconds: 60 },
  ) {}

  // restartSeenAt: when the new boot id was first heard. A cell recorded on air after it went to
  // the new epoch already (a batch still being delivered) and is not sent again.
  async run(gatewayId: string, bootId: string, restartSeenAt: Date, onError: (alertId: string, e: unknown) => void = () => undefined): Promise<RestoreOutcome> {
    const now = this.clock.now();
    const groups = cellsToRestore(await this.store.onAirThrough(gatewayId, now, restartSeenAt), now);
    const out: RestoreOutcome = { alerts: [], cells: 0, submissions: 0, failed: 0 };
    for (const g of groups) {
      try {
        // Read again: a Cancel or an expiry since the query leaves it off the air.
        const alert = await this.alerts.findAlert(g.alertId);
        if (!alert || cellsToRestore([{ ...g, alertState: alert.state, expiresAt: alert.expiresAt, cellId: '' }], this.clock.now()).length === 0) continue;
        const all = await this.store.messages(alert.id);
        const m = all.find((x) => x.id === g.messageId);
        if (!m) continue;
        const companion = companionOf(all, m);
        out.submissions += await resubmitCells(this.sealer, this.uplink, {
          alertId: alert.id,
          message: m,
          companion,
          gatewayId,
          routeId: g.routeId,
          cellIds: g.cellIds,
          submissionId: (chunk) => `${recoverySubmissionId(m.id, g.routeId, bootId)}:${chunk}`,
          repetition: { periodSeconds: this.repetition.periodSeconds, untilEpochSeconds: Math.floor(alert.expiresAt.getTime() / 1000) },
        });
        out.cells += g.cellIds.length;
        if (!out.alerts.includes(alert.id)) out.alerts.push(alert.id);
      } catch (e) {
        out.failed++;
        onError(g.alertId, e);
      }
    }
    return out;
  }
}
