import type { Hazard, MsgType } from '@faro/alerts';
import type { Sensor } from './sensor';

// What the incident says that a policy looks at.
export interface IncidentFacts {
  msgType: MsgType;
  hazard: Hazard;
  magnitude: number | null;
  // For an Update or a Cancel: who drafted the alert it applies to (actorRef), if known.
  referencedDraftedBy: string | null;
}

export type ReleaseDecision =
  | { policy: 'record' }
  // reason: why an 'auto' sensor's incident still needs a human, when that is the case.
  | { policy: 'approve'; reason?: string }
  | { policy: 'auto' };

// Whether a human stands between a sensor and the air. 'auto' holds only when every
// condition of the sensor holds; anything less falls back to 'approve', never to 'record': a
// sensor set to alert keeps alerting. Whether the areas lie within the sensor's jurisdiction
// is not decided here but where every release is (the alerts lib's ReleasePolicy): an 'auto'
// decision is only an attempt to release, and a refusal falls back to 'approve' too.
export function decideRelease(sensor: Pick<Sensor, 'id' | 'releasePolicy' | 'autoRelease'>, facts: IncidentFacts): ReleaseDecision {
  if (sensor.releasePolicy === 'record') return { policy: 'record' };
  if (sensor.releasePolicy === 'approve') return { policy: 'approve' };
  const why = autoReleaseRefusal(sensor, facts);
  return why ? { policy: 'approve', reason: why } : { policy: 'auto' };
}

function autoReleaseRefusal(sensor: Pick<Sensor, 'id' | 'autoRelease'>, facts: IncidentFacts): string | null {
  const { minMagnitude, hazards } = sensor.autoRelease;
  if (minMagnitude === undefined && (hazards === undefined || hazards.length === 0)) {
    return 'the sensor has no auto-release conditions';
  }
  if (facts.msgType !== 'Alert' && facts.referencedDraftedBy !== `sensor:${sensor.id}`) {
    // A sensor corrects or withdraws only what it said itself; anyone else's alert needs a human.
    return `${facts.msgType === 'Update' ? 'an' : 'a'} ${facts.msgType} of an alert the sensor did not report`;
  }
  // A Cancel withdraws the sensor's own alert: no magnitude to check, and speed matters.
  if (facts.msgType === 'Cancel') return null;
  if (hazards && hazards.length > 0 && !hazards.includes(facts.hazard)) {
    return `hazard ${facts.hazard} is not among ${hazards.join(', ')}`;
  }
  if (minMagnitude !== undefined) {
    if (facts.magnitude === null) return `no magnitude given; at least ${minMagnitude} is required`;
    if (facts.magnitude < minMagnitude) return `magnitude ${facts.magnitude} is below ${minMagnitude}`;
  }
  return null;
}
