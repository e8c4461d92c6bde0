import type { CapAlert, CapInfo } from '@faro/cap';
import { magnitudeFromCap, splitSensorJson } from './incident-magnitude';
import { SensorError } from './sensor-error';

const info = (over: Partial<CapInfo> = {}) => ({ parameters: [], eventCodes: [], ...over }) as unknown as CapInfo;
const cap = (...infos: CapInfo[]) => ({ infos }) as unknown as CapAlert;

function refusal(f: () => unknown): { code: string; message: string; pointer?: string } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof SensorError)) throw e;
    return { code: e.code, message: e.message, pointer: e.pointer };
  }
  throw new Error('expected a refusal');
}

describe('magnitudeFromCap', () => {
  it('reads a parameter named magnitude, whatever its case', () => {
    expect(magnitudeFromCap(cap(info({ parameters: [{ valueName: 'EU-ALERT-LEVEL', value: '1' }, { valueName: 'Magnitude', value: ' 5.8 ' }] })))).toBe(5.8);
  });

  it('reads an eventCode named magnitude or faro:magnitude', () => {
    expect(magnitudeFromCap(cap(info({ eventCodes: [{ valueName: 'faro:magnitude', value: '6' }] })))).toBe(6);
  });

  it('takes the first info that carries one', () => {
    expect(magnitudeFromCap(cap(info(), info({ parameters: [{ valueName: 'magnitude', value: '4.1' }] })))).toBe(4.1);
  });

  it('is null when no info carries a magnitude', () => {
    expect(magnitudeFromCap(cap(info({ parameters: [{ valueName: 'depthKm', value: '10' }] })))).toBeNull();
  });

  it('refuses a magnitude that is not a number and points at it', () => {
    expect(refusal(() => magnitudeFromCap(cap(info({ parameters: [{ valueName: 'magnitude', value: 'strong' }] }))))).toEqual({
      code: 'sensor/invalid',
      message: 'alert/info[0]/parameter[0]/value: magnitude "strong" is not a number from -2 to 10',
      pointer: 'alert/info[0]/parameter[0]/value',
    });
    expect(refusal(() => magnitudeFromCap(cap(info({ eventCodes: [{ valueName: 'magnitude', value: '' }] })))).code).toBe('sensor/invalid');
  });
});

describe('splitSensorJson', () => {
  it('takes the magnitude off the incident', () => {
    expect(splitSensorJson({ hazard: 'earthquake', magnitude: 5.6 })).toEqual({ incident: { hazard: 'earthquake' }, magnitude: 5.6 });
  });

  it('leaves a body with no magnitude as it is', () => {
    const body = { hazard: 'flood' };
    expect(splitSensorJson(body)).toEqual({ incident: body, magnitude: null });
    expect(splitSensorJson('not an object')).toEqual({ incident: 'not an object', magnitude: null });
  });

  it('refuses a magnitude given as a string or beyond 10', () => {
    expect(refusal(() => splitSensorJson({ magnitude: '5.6' }))).toEqual({ code: 'sensor/invalid', message: '/magnitude: must be a number', pointer: '/magnitude' });
    expect(refusal(() => splitSensorJson({ magnitude: 12 })).message).toBe('/magnitude: magnitude "12" is not a number from -2 to 10');
  });
});
