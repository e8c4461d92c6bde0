import { decideRelease, type IncidentFacts } from './release-policy';
import type { Sensor } from './sensor';

const sensor = (over: Partial<Sensor> = {}) => ({ id: 'etna-1', releasePolicy: 'auto' as const, autoRelease: { minMagnitude: 5.5, hazards: ['earthquake' as const] }, ...over });
const quake = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({ msgType: 'Alert', hazard: 'earthquake', magnitude: 6.1, referencedDraftedBy: null, ...over });

describe('decideRelease', () => {
  it('releases with no human an earthquake at or above the threshold within the jurisdiction', () => {
    expect(decideRelease(sensor(), quake())).toEqual({ policy: 'auto' });
    expect(decideRelease(sensor(), quake({ magnitude: 5.5 }))).toEqual({ policy: 'auto' });
  });

  it('asks for approval below the threshold and says why', () => {
    expect(decideRelease(sensor(), quake({ magnitude: 5.4 }))).toEqual({ policy: 'approve', reason: 'magnitude 5.4 is below 5.5' });
  });

  it('asks for approval when no magnitude is given and one is required', () => {
    expect(decideRelease(sensor(), quake({ magnitude: null }))).toEqual({ policy: 'approve', reason: 'no magnitude given; at least 5.5 is required' });
  });

  it('asks for approval of a hazard the conditions do not name', () => {
    expect(decideRelease(sensor(), quake({ hazard: 'tsunami' }))).toEqual({ policy: 'approve', reason: 'hazard tsunami is not among earthquake' });
  });

  it('never releases for an auto sensor with no conditions', () => {
    expect(decideRelease(sensor({ autoRelease: {} }), quake())).toEqual({ policy: 'approve', reason: 'the sensor has no auto-release conditions' });
  });

  it('releases on a hazard condition alone when no magnitude is required', () => {
    expect(decideRelease(sensor({ autoRelease: { hazards: ['tsunami'] } }), quake({ hazard: 'tsunami', magnitude: null }))).toEqual({ policy: 'auto' });
  });

  it("releases at once the sensor's Cancel of its own alert, with no magnitude", () => {
    expect(decideRelease(sensor(), quake({ msgType: 'Cancel', magnitude: null, referencedDraftedBy: 'sensor:etna-1' }))).toEqual({ policy: 'auto' });
  });

  it("asks for approval of a Cancel or Update of someone else's alert", () => {
    expect(decideRelease(sensor(), quake({ msgType: 'Cancel', referencedDraftedBy: 'user:olga' }))).toEqual({ policy: 'approve', reason: 'a Cancel of an alert the sensor did not report' });
    expect(decideRelease(sensor(), quake({ msgType: 'Update', referencedDraftedBy: 'sensor:other' })).policy).toBe('approve');
  });

  it("holds an Update of the sensor's own alert to the same conditions", () => {
    expect(decideRelease(sensor(), quake({ msgType: 'Update', referencedDraftedBy: 'sensor:etna-1' }))).toEqual({ policy: 'auto' });
    expect(decideRelease(sensor(), quake({ msgType: 'Update', magnitude: 4, referencedDraftedBy: 'sensor:etna-1' })).policy).toBe('approve');
  });

  it('keeps approve and record sensors as they are, whatever the incident', () => {
    expect(decideRelease(sensor({ releasePolicy: 'approve' }), quake({ magnitude: 9 }))).toEqual({ policy: 'approve' });
    expect(decideRelease(sensor({ releasePolicy: 'record' }), quake({ magnitude: 9 }))).toEqual({ policy: 'record' });
  });
});
