// The ids a gateway deduplicates by (docs/gateway-protocol.md): the same id from any worker or
// retry puts a message on air once. A batch sent by the gateway the fan-out chose keeps the id it
// always had; sent by another after a failover, the id names that carrier, since each gateway
// remembers its own ids and the same id to two gateways would be two different requests.
export function batchSubmissionId(messageId: string, routeId: string, batch: number, carrier: string, home: string): string {
  return viaCarrier(`${messageId}:${routeId}:${batch}`, carrier, home);
}

// A kill of a batch's cells, named the same way.
export function batchKillId(cancelId: string, messageKey: string, routeId: string, batch: number, carrier: string, home: string): string {
  return viaCarrier(`${cancelId}:${messageKey}:${routeId}:${batch}`, carrier, home);
}

// The stop, before a cancelled alert's batch is dropped, of what an earlier job of it may have put
// on air unrecorded (DeliverBatch): once per message and batch at its carrier.
export function unrecordedKillId(messageId: string, routeId: string, batch: number, carrier: string, home: string): string {
  return viaCarrier(`${messageId}:${routeId}:${batch}:unrecorded`, carrier, home);
}

function viaCarrier(base: string, carrier: string, home: string): string {
  return carrier === home ? base : `${base}:via-${carrier}`;
}

// The cells a down gateway had already put on air, handed to the carrier that took its batch
// (disjoint from the batch's queued cells, which its job sends under batchSubmissionId).
export function carriedSubmissionId(messageId: string, routeId: string, batch: number, carrier: string, chunk: number): string {
  return `${messageId}:${routeId}:${batch}:carried-by-${carrier}:${chunk}`;
}

// A returned gateway told to stop a batch that moved away from it, once per move.
export function leftCarrierKillId(messageId: string, routeId: string, batch: number, gatewayId: string, moveId: number): string {
  return `${messageId}:${routeId}:${batch}:left-${gatewayId}:${moveId}`;
}
