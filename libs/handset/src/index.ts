export { DEFAULT_COMPANION_WAIT_SECONDS, DEFAULT_MAX_AGE_SECONDS, MAX_CLOCK_SKEW_SECONDS } from './signed-pages';
export type { BroadcastJwk, BroadcastJwks, BroadcastRefusalReason, RefusedBroadcast, UnverifiedAlert } from './signed-pages';
export { verifyBroadcast, verifyBroadcasts } from './verify-broadcast';
export type { BroadcastVerification, ReceivedPage, VerifiedBroadcast, VerifyBroadcastInput } from './verify-broadcast';
export { DEFAULT_REPLAY_MEMORY_ENTRIES, ReplayMemory, ReplayMemoryError } from './replay-memory';
export type {
  AcceptedBroadcast,
  ReplayMemoryEntry,
  ReplayMemoryErrorCode,
  ReplayMemoryJson,
  ReplayMemoryOptions,
} from './replay-memory';
export { verifyGroupBroadcast } from './verify-group-broadcast';
export type {
  GroupBroadcastRefusalReason,
  GroupBroadcastVerification,
  RefusedGroupBroadcast,
  VerifiedGroupBroadcast,
  VerifyGroupBroadcastInput,
} from './verify-group-broadcast';
export { openKeyBundle } from './open-key-bundle';
export type { HandsetIdentity, OpenedKeyBundle, RefusedKeyBundle } from './open-key-bundle';
