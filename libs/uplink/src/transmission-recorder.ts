import type { BroadcastEnvelope } from './broadcast-envelope';
import type { Repetition } from './uplink-port';

export interface TransmissionRecord {
  submissionId: string;
  gatewayId: string;
  routeId: string;
  envelope: BroadcastEnvelope;
  // The gateway key the seal opened with.
  gatewayKeyId: string;
  // Cells that took the broadcast; cells the gateway rejected are only in the ack's receipts.
  cellCount: number;
  cellIds: string[];
  transmittedAt: Date;
  repetition: Repetition;
}

export interface KillRecord {
  killId: string;
  gatewayId: string;
  routeId: string;
  alertId: string;
  messageIdentifier: number;
  serialNumber: number;
  // Stopped with the message in the same cells: its FS2 companion.
  companionMessageIdentifier?: number;
  // Cells where the message was on air and has been stopped.
  cellCount: number;
  killedAt: Date;
}

// What a gateway's durable memory says of a submission id when it is claimed for transmission.
export type SubmissionClaim =
  | { kind: 'claimed' }
  // It went out before, to these cells at that time: acknowledge it again, never re-transmit.
  | { kind: 'transmitted'; cellIds: string[]; transmittedAt: Date }
  // Another transmission of it is under way (another worker, or one that died less than
  // staleAfterMs ago): try again later.
  | { kind: 'busy' }
  // The id was used for another broadcast.
  | { kind: 'conflict' };

// What the simulated air carried. The simulator records before it acknowledges: a recorder
// failure fails the submission, so nothing is acknowledged that was not recorded. A recorder with
// a durable memory (claim/release) makes submissions idempotent across restarts of the process:
// recordTransmission then also marks the claim transmitted, in the same transaction.
export interface TransmissionRecorder {
  recordTransmission(transmission: TransmissionRecord): Promise<void>;
  recordKill?(kill: KillRecord): Promise<void>;
  claimSubmission?(claim: { submissionId: string; gatewayId: string; identity: string; staleAfterMs: number }): Promise<SubmissionClaim>;
  // A transmission that failed before anything went out gives its claim back.
  releaseSubmission?(submissionId: string): Promise<void>;
}
