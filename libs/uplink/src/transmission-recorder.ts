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
  // A satellite gateway's: per cell, the satellite it went on air through (null: none served the
  // cell at that instant). Absent when the simulator knows no orbits, and for terrestrial cells.
  satellites?: Record<string, string | null>;
  // With a durable memory: the claim this transmission holds. Recording fails with
  // ClaimLostError when the claim has been taken over meanwhile, so nothing is recorded twice.
  claimToken?: string;
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
  // Held under this token for leaseMs, renewed while the transmission lasts.
  | { kind: 'claimed'; token: string }
  // It went out before, to these cells at that time: acknowledge it again, never re-transmit.
  | { kind: 'transmitted'; cellIds: string[]; transmittedAt: Date }
  // Another transmission of it is under way (another worker, or one whose process died less than
  // a lease ago): try again later.
  | { kind: 'busy' }
  // The id was used for another broadcast.
  | { kind: 'conflict' };

// Recording found the claim taken over (its renewals stopped for longer than the lease, e.g.
// during a database outage): the transmission that took it over is the one that counts.
export class ClaimLostError extends Error {
  constructor(readonly submissionId: string) {
    super(`the claim on submission ${submissionId} was taken over by another transmission`);
    this.name = 'ClaimLostError';
  }
}

// What the simulated air carried. The simulator records before it acknowledges: a recorder
// failure fails the submission, so nothing is acknowledged that was not recorded. A recorder with
// a durable memory (claim/renew/release) makes submissions idempotent across restarts of the
// process: a claim is a lease its holder renews while it transmits, so the claim of a process that
// died lapses within one lease; recordTransmission then also marks the claim transmitted, in the
// same transaction, and only while the claim is still its own.
export interface TransmissionRecorder {
  recordTransmission(transmission: TransmissionRecord): Promise<void>;
  recordKill?(kill: KillRecord): Promise<void>;
  claimSubmission?(claim: { submissionId: string; gatewayId: string; identity: string; leaseMs: number }): Promise<SubmissionClaim>;
  // false: the claim is no longer this token's.
  renewClaim?(submissionId: string, token: string): Promise<boolean>;
  // A transmission that failed before anything went out gives its claim back.
  releaseSubmission?(submissionId: string, token: string): Promise<void>;
}
