import type { BatchRef } from '@faro/alerts';

// A fanout_batches row as the BatchRef every queue and use case speaks; target_batch only where set.
export function batchRefFromRow(r: { alert_id: string; route_id: string; batch: number; kind: BatchRef['kind']; gateway_id: string; target_batch: number | null }): BatchRef {
  return {
    alertId: r.alert_id,
    routeId: r.route_id,
    batch: r.batch,
    kind: r.kind,
    gatewayId: r.gateway_id,
    ...(r.target_batch === null ? {} : { targetBatch: r.target_batch }),
  };
}
