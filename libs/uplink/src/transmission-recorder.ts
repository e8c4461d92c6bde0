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
  // Cells where the message was on air and has been stopped.
  cellCount: number;
  killedAt: Date;
}

// What the simulated air carried. The simulator records before it acknowledges: a recorder
// failure fails the submission, so nothing is acknowledged that was not recorded.
export interface TransmissionRecorder {
  recordTransmission(transmission: TransmissionRecord): Promise<void>;
  recordKill?(kill: KillRecord): Promise<void>;
}
