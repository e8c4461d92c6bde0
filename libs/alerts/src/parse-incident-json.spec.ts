import { parseIncidentJson } from './parse-incident-json';

const NOW = new Date('2026-12-06T10:00:00Z');

const body = (over: Record<string, unknown> = {}) => ({
  hazard: 'earthquake',
  areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015', description: 'Catania' }, { type: 'circle', center: [15.1, 37.5], radiusKm: 2 }],
  severity: 'Extreme',
  urgency: 'Immediate',
  certainty: 'Observed',
  status: 'Actual',
  languages: [{ language: 'it-IT', text: 'Terremoto: allontanarsi dagli edifici.' }],
  expires: '2026-12-06T16:00:00+01:00',
  ...over,
});

describe('parseIncidentJson', () => {
  it('reads a JSON incident as a draft: an Alert by default, each area with its pointer, sent now, from the default sender', () => {
    const d = parseIncidentJson(body(), NOW, 'faro-api');
    expect(d).toMatchObject({ msgType: 'Alert', level1: false, sender: 'faro-api', sent: NOW, expires: new Date('2026-12-06T15:00:00Z') });
    expect(d.areas).toEqual([
      { description: 'Catania', spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }, pointer: '/areas/0' },
      { description: 'area 2', spec: { kind: 'circle', center: [15.1, 37.5], radiusKm: 2 }, pointer: '/areas/1' },
    ]);
    expect(d.identifier).toMatch(/^faro-/);
  });

  it('refuses an expiry in the past or now, at /expires', () => {
    for (const expires of ['2026-12-06T09:00:00Z', '2026-12-06T10:00:00Z']) {
      expect(() => parseIncidentJson(body({ expires }), NOW, 'faro-api')).toThrow(expect.objectContaining({ code: 'alert/invalid-incident', pointer: '/expires', message: '/expires: must be in the future' }));
    }
  });

  it('refuses an Update or Cancel that names no alert, at /references', () => {
    expect(() => parseIncidentJson(body({ msgType: 'Cancel' }), NOW, 'faro-api')).toThrow(expect.objectContaining({ code: 'alert/invalid-incident', pointer: '/references', message: '/references: a Cancel must name the alert it references' }));
    const id = '0b6f5c2e-8a8f-4c1e-9d77-2f0a1b3c4d5e';
    expect(parseIncidentJson(body({ msgType: 'Update', references: id }), NOW, 'faro-api').references).toEqual({ alertId: id });
  });

  it('refuses the same language twice, at the second', () => {
    const languages = [{ language: 'it-IT', text: 'a' }, { language: 'it-CH', text: 'b' }];
    expect(() => parseIncidentJson(body({ languages }), NOW, 'faro-api')).toThrow(expect.objectContaining({ pointer: '/languages/1/language' }));
  });

  it('refuses a field it does not know, rather than ignoring it', () => {
    expect(() => parseIncidentJson(body({ priority: 'high' }), NOW, 'faro-api')).toThrow(expect.objectContaining({ code: 'alert/invalid-incident' }));
  });
});
