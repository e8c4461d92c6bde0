import { SENSOR_DUPLICATE_WINDOW_MS, sensorJsonDedupeKeys } from './sensor-dedupe-key';

const incident = { hazard: 'earthquake', severity: 'Severe', areas: [{ type: 'circle', center: [15.1, 37.5], radiusKm: 5 }] };
const at = new Date('2026-12-06T10:00:00Z');

describe('sensorJsonDedupeKeys', () => {
  it('keys an incident with the sensor’s own event id by that id, whenever it comes', () => {
    const a = sensorJsonDedupeKeys('s1', { ...incident, identifier: 'ev-42' }, at);
    const b = sensorJsonDedupeKeys('s1', { ...incident, identifier: 'ev-42', severity: 'Extreme' }, new Date(at.getTime() + 86_400_000));
    expect(a).toEqual({ key: 'sensor-event:s1:ev-42', earlier: [] });
    expect(b.key).toBe(a.key);
  });

  it('gives the same key to the same body whatever its key order', () => {
    const reordered = { areas: incident.areas, severity: 'Severe', hazard: 'earthquake' };
    expect(sensorJsonDedupeKeys('s1', reordered, at).key).toBe(sensorJsonDedupeKeys('s1', incident, at).key);
  });

  it('gives different bodies and different sensors different keys', () => {
    const base = sensorJsonDedupeKeys('s1', incident, at).key;
    expect(sensorJsonDedupeKeys('s1', { ...incident, severity: 'Extreme' }, at).key).not.toBe(base);
    expect(sensorJsonDedupeKeys('s2', incident, at).key).not.toBe(base);
  });

  it('recognises a copy sent one window later by the earlier window’s key', () => {
    const first = sensorJsonDedupeKeys('s1', incident, at);
    const later = sensorJsonDedupeKeys('s1', incident, new Date(at.getTime() + SENSOR_DUPLICATE_WINDOW_MS));
    expect(later.key).not.toBe(first.key);
    expect(later.earlier).toContain(first.key);
  });

  it('treats a copy two windows later as a new incident', () => {
    const first = sensorJsonDedupeKeys('s1', incident, at);
    const much = sensorJsonDedupeKeys('s1', incident, new Date(at.getTime() + 2 * SENSOR_DUPLICATE_WINDOW_MS));
    expect([much.key, ...much.earlier]).not.toContain(first.key);
  });
});
