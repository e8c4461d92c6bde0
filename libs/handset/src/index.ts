export { DEFAULT_MAX_AGE_SECONDS, MAX_CLOCK_SKEW_SECONDS, verifyBroadcast } from './verify-broadcast';
export type {
  BroadcastJwk,
  BroadcastJwks,
  BroadcastRefusalReason,
  BroadcastVerification,
  RefusedBroadcast,
  VerifiedBroadcast,
  VerifyBroadcastInput,
} from './verify-broadcast';
export { ReplayMemory } from './replay-memory';
export type { AcceptedBroadcast } from './replay-memory';
export { verifyGroupBroadcast } from './verify-group-broadcast';
export type {
  GroupBroadcastRefusalReason,
  GroupBroadcastVerification,
  RefusedGroupBroadcast,
  VerifiedGroupBroadcast,
  VerifyGroupBroadcastInput,
} from './verify-group-broadcast';
