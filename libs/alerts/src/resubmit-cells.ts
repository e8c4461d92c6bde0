import { broadcastAad } from '@faro/broadcast-security';
import type { Repetition, UplinkPort } from '@faro/uplink';
import type { BroadcastMessage } from './broadcast-message';
import type { GatewaySealer } from './deliver-batch';
import { messageEnvelope } from './message-envelope';

// At most this many cells per submission (a batch's size), under ids numbered in cell order.
export const RESUBMIT_CHUNK = 1000;

/**
 * One message (with its FS2 companion) put on air again in cells a gateway did not take from its
 * batch's job: after an empty restart (RestoreRoute) or from a new carrier (FailoverRoute). Sealed
 * to that gateway; each chunk under an id the caller derives, so a repeat is deduplicated.
 */
export async function resubmitCells(
  sealer: GatewaySealer,
  uplink: UplinkPort,
  s: { alertId: string; message: BroadcastMessage; companion: BroadcastMessage | undefined; gatewayId: string; routeId: string; cellIds: string[]; submissionId: (chunk: number) => string; repetition: Repetition },
): Promise<number> {
  const m = s.message;
  const aad = broadcastAad({ alertId: s.alertId, messageIdentifier: m.messageIdentifier, serialNumber: m.serialNumber });
  const sealed = await sealer.seal(s.gatewayId, messageEnvelope(s.alertId, m, s.companion), aad);
  let submissions = 0;
  for (let i = 0; i < s.cellIds.length; i += RESUBMIT_CHUNK) {
    await uplink.submit({
      submissionId: s.submissionId(i / RESUBMIT_CHUNK),
      gatewayId: s.gatewayId,
      routeId: s.routeId,
      alertId: s.alertId,
      messageIdentifier: m.messageIdentifier,
      serialNumber: m.serialNumber,
      sealed,
      cellIds: s.cellIds.slice(i, i + RESUBMIT_CHUNK),
      repetition: s.repetition,
    });
    submissions++;
  }
  return submissions;
}
