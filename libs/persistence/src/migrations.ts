import { CreatePipelineSchema1764000000000 } from '../../../migrations/1764000000000-create-pipeline-schema';
import { IdentitiesAndJurisdictions1764100000000 } from '../../../migrations/1764100000000-identities-and-jurisdictions';
import { WebhookReplaysBySensor1764300000000 } from '../../../migrations/1764300000000-webhook-replays-by-sensor';
import { AuditTrailGuards1764400000000 } from '../../../migrations/1764400000000-audit-trail-guards';
import { RestrictedAudiences1764500000000 } from '../../../migrations/1764500000000-restricted-audiences';
import { GatewayKeyRotation1764600000000 } from '../../../migrations/1764600000000-gateway-key-rotation';
import { UpdateKillBatches1764700000000 } from '../../../migrations/1764700000000-update-kill-batches';
import { FanoutBatchClaims1764800000000 } from '../../../migrations/1764800000000-fanout-batch-claims';
import { ApiTokenScopes1764900000000 } from '../../../migrations/1764900000000-api-token-scopes';
import { WorkerHeartbeats1764910000000 } from '../../../migrations/1764910000000-worker-heartbeats';
import { CancelLifecycle1764950000000 } from '../../../migrations/1764950000000-cancel-lifecycle';
import { GatewaySubmissionMemory1764960000000 } from '../../../migrations/1764960000000-gateway-submission-memory';
import { GatewayClaimLease1765000000000 } from '../../../migrations/1765000000000-gateway-claim-lease';
import { SignatureCompanionMessages1765100000000 } from '../../../migrations/1765100000000-signature-companion-messages';
import { WebPush1765300000000 } from '../../../migrations/1765300000000-web-push';
import { SavedAreas1765400000000 } from '../../../migrations/1765400000000-saved-areas';
import { ReportJobs1765540000000 } from '../../../migrations/1765540000000-report-jobs';
import { SatelliteBroadcastPlans1765590000000 } from '../../../migrations/1765590000000-satellite-broadcast-plans';
import { RoutePushNotices1765610000000 } from '../../../migrations/1765610000000-route-push-notices';
import { RouteFailover1765620000000 } from '../../../migrations/1765620000000-route-failover';
import { TransmissionSatellites1765630000000 } from '../../../migrations/1765630000000-transmission-satellites';
import { CbcMessageState1765700000000 } from '../../../migrations/1765700000000-cbc-message-state';
import { GatewayRateBuckets1765710000000 } from '../../../migrations/1765710000000-gateway-rate-buckets';
import { CbcMessagesWithoutCells1765720000000 } from '../../../migrations/1765720000000-cbc-messages-without-cells';
import { TargetingResults1765730000000 } from '../../../migrations/1765730000000-targeting-results';
import { BatchCells1765740000000 } from '../../../migrations/1765740000000-batch-cells';

// Every migration, in order. A merged migration is never edited: add another.
export const MIGRATIONS = [CreatePipelineSchema1764000000000, IdentitiesAndJurisdictions1764100000000, WebhookReplaysBySensor1764300000000, AuditTrailGuards1764400000000, RestrictedAudiences1764500000000, GatewayKeyRotation1764600000000, UpdateKillBatches1764700000000, FanoutBatchClaims1764800000000, ApiTokenScopes1764900000000, WorkerHeartbeats1764910000000, CancelLifecycle1764950000000, GatewaySubmissionMemory1764960000000, GatewayClaimLease1765000000000, SignatureCompanionMessages1765100000000, WebPush1765300000000, SavedAreas1765400000000, ReportJobs1765540000000, SatelliteBroadcastPlans1765590000000, RoutePushNotices1765610000000, RouteFailover1765620000000, TransmissionSatellites1765630000000, CbcMessageState1765700000000, GatewayRateBuckets1765710000000, CbcMessagesWithoutCells1765720000000, TargetingResults1765730000000, BatchCells1765740000000];
