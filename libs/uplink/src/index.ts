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
export { defaultGatewayProfiles, gatewayKindOf, tunedGatewayProfiles } from './gateway-profile';
export type { GatewayKeyResolver, GatewayKind, GatewayProfile, SimulatorTuning } from './gateway-profile';
export { UplinkSimulator } from './uplink-simulator';
export { gatewayRateLimits, takeToken } from './token-bucket';
export type { TokenBucket, TokenBucketLimit, TokenTake } from './token-bucket';
export { RateLimitedUplink } from './rate-limited-uplink';
export type { GatewayBudget } from './rate-limited-uplink';
export type { GatewaySettings, SatelliteLookup, UplinkSimulatorOptions } from './uplink-simulator';
export { GATEWAY_PROBLEMS, heartbeatPath, killPath, submissionPath } from './gateway-protocol';
export type { AckBody, GatewayProblem, HeartbeatBody, KillAckBody, KillBody, SubmissionBody } from './gateway-protocol';
export { httpGatewayTransport } from './gateway-transport';
export type { GatewayRequest, GatewayResponse, GatewayTransport, HttpGatewayTransportOptions } from './gateway-transport';
export { NetworkUplink } from './network-uplink';
export { GatewayEndpoint } from './gateway-endpoint';
export type { EndpointRequest, EndpointResponse, GatewayEndpointOptions } from './gateway-endpoint';
export { GATEWAY_STATES, GatewayFaults } from './gateway-faults';
export type { GatewayState } from './gateway-faults';
export { ecbeMessage } from './ecbe-message';
export type { EcbeCategory, EcbeCbcMessage, EcbeMessageInput } from './ecbe-message';
export { httpEcbeTransport } from './ecbe-transport';
export type { EcbeResponse, EcbeTransport, HttpEcbeTransportOptions } from './ecbe-transport';
export { EcbeCbcAdapter } from './ecbe-cbc-adapter';
export { PackedCellIds, type CellIdSet } from './packed-cell-ids';
export type {
  CbcReassertion,
  EcbeCbcAdapterOptions,
  TerrestrialAck,
  TerrestrialBroadcast,
  TerrestrialCbc,
  TerrestrialCbcOutcome,
  TerrestrialCellReceipt,
  TerrestrialCellStatus,
  TerrestrialWithdrawal,
} from './ecbe-cbc-adapter';
export { InMemoryCbcStateStore } from './cbc-state-store';
export type { CbcHeldMessage, CbcHeldStatus, CbcStateStore } from './cbc-state-store';
export { EcbeCbcSimulator, OSMO_CBC_DEFAULTS, parseCbcMessage } from './ecbe-cbc-simulator';
export type { EcbeActiveMessage, EcbeAnswer, EcbeCbcHooks, EcbeCbcSettings, EcbeExchange } from './ecbe-cbc-simulator';
export { cellReceiptsOf, RoutedUplink, UNCONFIRMED_PREFIX } from './terrestrial-uplink';
export { RouteLiveness } from './route-liveness';
export type { RouteChange, RouteState } from './route-liveness';
export { GatewayBoots, recoverySubmissionId } from './gateway-boots';
export type { BootVerdict } from './gateway-boots';
export { ROUTE_ACTIONS, routeStatusOf } from './route-status';
export type { RouteChangeEntry, RouteStatus } from './route-status';
