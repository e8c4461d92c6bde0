import type { EcbeCbcAdapter, TerrestrialAck, TerrestrialCellReceipt } from './ecbe-cbc-adapter';
import { gatewayKindOf } from './gateway-profile';
import { UplinkError } from './uplink-error';
import type { CellReceipt, UplinkAck, UplinkKill, UplinkKillAck, UplinkPort, UplinkSubmission } from './uplink-port';

// ECBE's 'unconfirmed' is on air as far as Faro can tell (the CBC holds the message and repeats
// it once its peers are back); the receipt keeps the difference in its reason.
export const UNCONFIRMED_PREFIX = 'unconfirmed: ';

/**
 * A CBC's per-cell receipts as the worker records them: accepted → broadcasting; unconfirmed →
 * broadcasting with the reason; rejected → rejected with the CBC's reason; a failed cell fails the
 * whole submission with a retryable error (a batch goes to one CBC, which answered once for all).
 */
export function cellReceiptsOf(ack: TerrestrialAck, at: Date, what: string): CellReceipt[] {
  const failed = ack.receipts.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    throw new UplinkError('uplink/transient', `${what}: ${failed[0].reason ?? 'the CBC failed'}`, true);
  }
  return ack.receipts.map((r) => receiptOf(r, at));
}

function receiptOf(r: TerrestrialCellReceipt, at: Date): CellReceipt {
  switch (r.status) {
    case 'accepted':
      return { cellId: r.cellId, status: 'broadcasting', at };
    case 'unconfirmed':
      return { cellId: r.cellId, status: 'broadcasting', at, reason: `${UNCONFIRMED_PREFIX}${r.reason ?? 'no peer acknowledged'}` };
    case 'stopped':
      return { cellId: r.cellId, status: 'stopped', at, ...(r.reason ? { reason: r.reason } : {}) };
    default:
      return { cellId: r.cellId, status: 'rejected', at, reason: r.reason ?? 'refused by the CBC' };
  }
}

/**
 * The worker's UplinkPort in network mode: the terrestrial gateways ('cbc-…') are operators' CBCs
 * reached over ECBE (EcbeCbcAdapter), which take the pages unsealed; every other gateway goes
 * through the gateway protocol, sealed, as before. A kill is a DELETE; an Update a DELETE of the
 * old serial then a POST of the new (the adapter's rule, on the new serial's submission).
 */
export class RoutedUplink implements UplinkPort {
  constructor(
    readonly gatewayProtocol: UplinkPort,
    readonly terrestrial: EcbeCbcAdapter,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  plainPages(gatewayId: string): boolean {
    return gatewayKindOf(gatewayId) === 'terrestrial';
  }

  async submit(s: UplinkSubmission): Promise<UplinkAck> {
    if (!this.plainPages(s.gatewayId)) return this.gatewayProtocol.submit(s);
    if (!s.cbs) throw new UplinkError('uplink/rejected', `submission ${s.submissionId}: a CBC takes the CBS pages, and none were given`, false);
    const ack = await this.terrestrial.submit({
      alertId: s.alertId,
      messageIdentifier: s.messageIdentifier,
      serialNumber: s.serialNumber,
      dcs: s.cbs.dcs,
      pages: s.cbs.pages,
      cellIds: s.cellIds,
      repetition: s.repetition,
      // A route's cells go to its one CBC (the inventory's gateway of the route).
      targetedPerCbc: s.routeCellCount === undefined ? {} : { [s.gatewayId]: s.routeCellCount },
    });
    const at = this.clock();
    return { submissionId: s.submissionId, gatewayId: s.gatewayId, acceptedAt: at, receipts: cellReceiptsOf(ack, at, `submission ${s.submissionId} to ${s.gatewayId}`), duplicate: ack.cbcs.every((c) => c.duplicate) };
  }

  async cancel(k: UplinkKill): Promise<UplinkKillAck> {
    if (!this.plainPages(k.gatewayId)) return this.gatewayProtocol.cancel(k);
    const ack = await this.terrestrial.withdraw({ messageIdentifier: k.messageIdentifier, serialNumber: k.serialNumber, cellIds: k.cellIds });
    const receipts = cellReceiptsOf(ack, this.clock(), `kill ${k.killId} to ${k.gatewayId}`);
    return { killId: k.killId, receipts, duplicate: ack.cbcs.every((c) => c.duplicate) };
  }
}
