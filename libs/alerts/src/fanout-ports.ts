import type { AreaSpec } from '@faro/targeting';
import type { WacGeometry } from '@faro/cell-broadcast';
import type { Alert, TargetingSummary } from './alert';
import type { QueuedBatch } from './batch-priority';
import type { BroadcastMessage } from './broadcast-message';
import type { GroupContentKey, SigningKey } from './compose-broadcast';

export interface RouteCells {
  kind: 'terrestrial' | 'satellite';
  gatewayId: string;
  cellIds: string[];
}

export interface CellTargeter {
  cellsFor(areas: AreaSpec[]): Promise<{ byRoute: Record<string, RouteCells>; summary: TargetingSummary; geofence: WacGeometry[] }>;
}

export interface BatchPlan {
  routeId: string;
  batch: number;
  gatewayId: string;
  kind: 'broadcast' | 'kill';
  cellIds: string[];
}

export interface BatchRef {
  alertId: string;
  routeId: string;
  batch: number;
  kind: 'broadcast' | 'kill';
  gatewayId: string;
  // A kill batch of an Update: the replaced alert's batch it kills in (a Cancel's is its own batch).
  targetBatch?: number;
}

export interface FanoutStore {
  // One transaction: messages, a 'queued' delivery per message x cell (COPY), the batches,
  // the alert to broadcasting and, for an Update, the alert it replaces to updated.
  commitBroadcastPlan(p: { alert: Alert; messages: BroadcastMessage[]; batches: BatchPlan[]; targeting: TargetingSummary; replaces: Alert | null; actor: string }): Promise<void>;
  // One transaction: the Cancel to killing, kill batches over the cells its target (cancelling
  // since the release) is on air in; with nothing to kill, the Cancel done and the target cancelled.
  commitKillPlan(p: { cancel: Alert; target: Alert; batchSize: number; actor: string }): Promise<void>;
  pendingBatches(alertId: string): Promise<BatchRef[]>;
  // Every batch of the alert, finished ones too: what a batch's rank is counted among (batch-priority.ts).
  alertBatches(alertId: string): Promise<BatchRef[]>;
  completeOutbox(outboxId: number, error?: string): Promise<void>;
}

export interface SigningKeys {
  active(): Promise<SigningKey>;
}

export interface GroupKeys {
  // The group's active content key, unwrapped; a rotation takes effect for the next fan-out.
  active(groupId: string): Promise<GroupContentKey>;
}

export interface FanoutQueue {
  // One uplink job per batch, at its priority (batch-priority.ts).
  enqueueBatches(batches: QueuedBatch[]): Promise<void>;
}

// Batches queued again at once under fresh job ids, whatever their earlier jobs are doing (one
// waiting out a retry delay against a gateway that is down): a failover must not wait for them.
export interface BatchRequeue {
  requeue(batches: QueuedBatch[]): Promise<void>;
}
