export { UplinkError } from './uplink-error';
export type { UplinkErrorCode } from './uplink-error';
export type {
  CellReceipt,
  CellReceiptStatus,
  Repetition,
  UplinkAck,
  UplinkKill,
  UplinkKillAck,
  UplinkPort,
  UplinkSubmission,
} from './uplink-port';
export { decodeBroadcastEnvelope, encodeBroadcastEnvelope } from './broadcast-envelope';
export type { BroadcastEnvelope, CompanionEnvelope } from './broadcast-envelope';
export type { KillRecord, SubmissionClaim, TransmissionRecord, TransmissionRecorder } from './transmission-recorder';
export { ClaimLostError } from './transmission-recorder';
export { defaultGatewayProfiles } from './gateway-profile';
export type { GatewayKeyResolver, GatewayKind, GatewayProfile } from './gateway-profile';
export { UplinkSimulator } from './uplink-simulator';
export type { UplinkSimulatorOptions } from './uplink-simulator';
export { ecbeMessage } from './ecbe-message';
export type { EcbeCategory, EcbeCbcMessage, EcbeMessageInput } from './ecbe-message';
export { httpEcbeTransport } from './ecbe-transport';
export type { EcbeResponse, EcbeTransport, HttpEcbeTransportOptions } from './ecbe-transport';
export { EcbeCbcAdapter } from './ecbe-cbc-adapter';
export type {
  EcbeCbcAdapterOptions,
  TerrestrialAck,
  TerrestrialBroadcast,
  TerrestrialCbc,
  TerrestrialCbcOutcome,
  TerrestrialCellReceipt,
  TerrestrialCellStatus,
  TerrestrialWithdrawal,
} from './ecbe-cbc-adapter';
