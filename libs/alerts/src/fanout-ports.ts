import type { AreaSpec } from '@faro/targeting';
import type { WacGeometry } from '@faro/cell-broadcast';
import type { TargetingSummary } from './alert';
import type { QueuedBatch } from './batch-priority';
import type { BroadcastMessage } from './broadcast-message';
import type { GroupContentKey, SigningKey } from './compose-broadcast';
import type { AlertTransaction } from './ports';

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

// The fan-out's rows, written inside the alerts' transaction: only rows. Which alert moves to
// which state, and when batches are dropped or kills planned, is FanOutAlert's (move-alert.ts).
export interface FanoutTransaction extends AlertTransaction {
  // The messages (a companion after the one it signs) and the batches, pending, with a 'queued'
  // delivery per alert message x cell: written now ('with-plan', COPY), or by the job that claims
  // each batch ('at-claim', DeliveryStore.claimBatch), so the first batches move while the rest
  // of a large alert's rows are still to be written.
  writePlan(alertId: string, messages: BroadcastMessage[], batches: BatchPlan[], deliveries: PlannedDeliveries): Promise<void>;
  // The alert's pending batches no job has claimed: failed with `batchReason`, their queued cells
  // killed with `cellReason`. A claimed batch is left to its job; the kills cover its cells.
  dropUnclaimedBatches(alertId: string, batchReason: string, cellReason: string): Promise<void>;
  // A Cancel's kill batches: one per batch of its target with cells on air or on their way there.
  // Returns how many.
  planCancelKills(cancelId: string, targetId: string): Promise<number>;
  // An Update's kill batches: one per batch of the alert it replaces with cells on air (or on their
  // way) in messages the Update does not replace in that cell (TS 23.041 §9.4.1.2.1), numbered
  // after the Update's own batches on each route. Returns how many.
  planReplacedKills(updateId: string, replacedId: string): Promise<number>;
}

export type PlannedDeliveries = 'with-plan' | 'at-claim';

export interface FanoutStore {
  transaction<T>(work: (tx: FanoutTransaction) => Promise<T>): Promise<T>;
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
