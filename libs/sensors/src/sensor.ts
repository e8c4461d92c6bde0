import type { Hazard } from '@faro/alerts';

export const RELEASE_POLICIES = ['auto', 'approve', 'record'] as const;
// auto: released with no human when the incident meets the sensor's conditions;
// approve: an alert awaiting an approver; record: the incident is kept, no alert.
export type ReleasePolicyName = (typeof RELEASE_POLICIES)[number];

// When an 'auto' sensor needs no human. Every condition given must hold; none given means
// never (an empty object must not release everything a sensor says).
export interface AutoReleaseConditions {
  minMagnitude?: number;
  hazards?: Hazard[];
}

export interface Sensor {
  id: string;
  name: string;
  jurisdictionId: string;
  releasePolicy: ReleasePolicyName;
  autoRelease: AutoReleaseConditions;
  rateLimitPerMinute: number;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

// A webhook secret in clear, only ever in memory; validUntil null is the current one.
export interface SensorSecret {
  id: string;
  secret: Uint8Array;
  createdAt: Date;
  validUntil: Date | null;
}
