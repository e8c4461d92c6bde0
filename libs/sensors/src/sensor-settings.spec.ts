import { SensorError } from './sensor-error';
import { parseNewSensor, parseRotation, parseSensorChange } from './sensor-settings';

function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof SensorError)) throw e;
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a refusal');
}

describe('sensor settings', () => {
  it('fills the defaults of a new sensor', () => {
    expect(parseNewSensor({ name: ' INGV Etna ', jurisdictionId: 'IT-R19', releasePolicy: 'approve' })).toEqual({
      name: 'INGV Etna',
      jurisdictionId: 'IT-R19',
      releasePolicy: 'approve',
      autoRelease: {},
      rateLimitPerMinute: 60,
    });
  });

  it('refuses an auto policy with no condition', () => {
    expect(refusal(() => parseNewSensor({ name: 'x', jurisdictionId: 'IT', releasePolicy: 'auto' }))).toEqual({
      code: 'sensor/invalid',
      message: '/autoRelease: an auto policy needs at least one condition (minMagnitude or hazards)',
    });
  });

  it('refuses an unknown hazard or field and names it', () => {
    expect(refusal(() => parseNewSensor({ name: 'x', jurisdictionId: 'IT', releasePolicy: 'auto', autoRelease: { hazards: ['meteor'] } })).message).toMatch(/^\/autoRelease\/hazards\/0: /);
    expect(refusal(() => parseNewSensor({ name: 'x', jurisdictionId: 'IT', releasePolicy: 'approve', secret: 'mine' })).code).toBe('sensor/invalid');
  });

  it('refuses a change that changes nothing', () => {
    expect(refusal(() => parseSensorChange({})).message).toBe('body: nothing to change');
    expect(parseSensorChange({ disabled: true })).toEqual({ disabled: true });
  });

  it('bounds the overlap of a rotation to 30 days', () => {
    expect(parseRotation({ overlapSeconds: 86_400 })).toEqual({ overlapSeconds: 86_400 });
    expect(refusal(() => parseRotation({ overlapSeconds: 31 * 86_400 })).code).toBe('sensor/invalid');
  });
});
