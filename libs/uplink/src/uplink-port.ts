import type { SealedBroadcast } from '@faro/broadcast-security';

// A broadcast repeats every periodSeconds, either count times or until untilEpochSeconds: exactly
// one of the two (TS 23.041 §9.4.1; SBc-AP and NGAP carry the same pair as Repetition Period and
// Number of Broadcasts Requested).
export interface Repetition {
  periodSeconds: number;
  count?: number;
  untilEpochSeconds?: number;
}

export interface UplinkSubmission {
  // Chosen by the caller; the same id submitted again is acknowledged again, never re-transmitted.
  submissionId: string;
  gatewayId: string;
  routeId: string;
  alertId: string;
  messageIdentifier: number;
  serialNumber: number;
  // Sealed to the gateway over encodeBroadcastEnvelope(...), with broadcastAad of the three ids above.
  // Absent for a route that takes the pages in the clear (cbs below).
  sealed?: SealedBroadcast;
  // The terrestrial route: an operator's CBC does not open HPKE seals, it takes the CBS pages
  // themselves (over TLS to the operator in production). Given only when plainPages(gatewayId).
  cbs?: { dcs: number; pages: string[] };
  cellIds: string[];
  repetition: Repetition;
  // How many cells the alert targets on this route in all its batches, given for a route that
  // takes plain pages: a CBC that broadcasts network-wide is asked only when that is all its cells.
  routeCellCount?: number;
}

export type CellReceiptStatus = 'broadcasting' | 'rejected' | 'stopped';

export interface CellReceipt {
  cellId: string;
  status: CellReceiptStatus;
  at: Date;
  reason?: string;
}

export interface UplinkAck {
  submissionId: string;
  gatewayId: string;
  acceptedAt: Date;
  receipts: CellReceipt[];
  duplicate: boolean;
}

// Stops one message (alert, message identifier, serial number) in the named cells, like a
// TS 23.041 / SBc-AP Kill; the same killId again is acknowledged again, never re-sent.
export interface UplinkKill {
  killId: string;
  gatewayId: string;
  routeId: string;
  alertId: string;
  messageIdentifier: number;
  serialNumber: number;
  // The public alert's FS2 companion (same serial number), stopped in the same cells with it.
  companionMessageIdentifier?: number;
  cellIds: string[];
}

export interface UplinkKillAck {
  killId: string;
  receipts: CellReceipt[];
  duplicate: boolean;
}

export interface UplinkPort {
  // Throws UplinkError: retryable for transient failures, not retryable for permanent rejections.
  submit(submission: UplinkSubmission): Promise<UplinkAck>;
  cancel(kill: UplinkKill): Promise<UplinkKillAck>;
  // true: the gateway takes the CBS pages unsealed (submission.cbs), a terrestrial CBC over ECBE.
  plainPages?(gatewayId: string): boolean;
}
