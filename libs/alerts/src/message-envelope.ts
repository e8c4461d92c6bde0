import { encodeBroadcastEnvelope } from '@faro/uplink';
import type { BroadcastMessage } from './broadcast-message';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// What a gateway is sent for one message (before sealing): its pages, signature and geofence, with
// its FS2 companion when it has one, so both go on air in the same cells with the same repetition.
export function messageEnvelope(alertId: string, m: BroadcastMessage, companion: BroadcastMessage | undefined): Uint8Array {
  return encodeBroadcastEnvelope({
    alertId,
    messageIdentifier: m.messageIdentifier,
    serialNumber: m.serialNumber,
    dcs: m.dcs,
    language: m.language,
    keyId: m.keyId,
    issueTime: m.issueTime,
    signature: hex(m.signature),
    pages: m.pages.map(hex),
    warningAreaCoordinates: hex(m.warningAreaCoordinates),
    ...(companion ? { companion: { messageIdentifier: companion.messageIdentifier, dcs: companion.dcs, pages: companion.pages.map(hex) } } : {}),
  });
}
