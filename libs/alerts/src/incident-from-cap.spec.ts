import { parseCapAlert } from '@faro/cap';
import { AlertError } from './alert-error';
import { incidentFromCap } from './incident-from-cap';

const NOW = new Date('2026-12-06T10:00:00Z');

function info(o: { language: string; severity?: string; urgency?: string; text: string; area?: string }): string {
  return `
  <info>
    <language>${o.language}</language>
    <category>Geo</category>
    <event>Earthquake</event>
    <urgency>${o.urgency ?? 'Expected'}</urgency>
    <severity>${o.severity ?? 'Moderate'}</severity>
    <certainty>Observed</certainty>
    <expires>2026-12-06T16:00:00+00:00</expires>
    <description>${o.text}</description>${o.area ?? ''}
  </info>`;
}

const CATANIA = '<area><areaDesc>Catania</areaDesc><circle>37.5,15.08 0</circle></area>';
const MESSINA = '<area><areaDesc>Messina</areaDesc><polygon>38.1,15.4 38.1,15.6 38.3,15.6 38.3,15.4 38.1,15.4</polygon></area>';

function cap(...infos: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>multi-info</identifier>
  <sender>test@faro.example</sender>
  <sent>2026-12-06T09:59:00+00:00</sent>
  <status>Exercise</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>${infos.join('')}
</alert>`;
}

describe('incidentFromCap', () => {
  it('broadcasts, of several <info> blocks in one language, the most severe, with its classification and areas', () => {
    const draft = incidentFromCap(
      parseCapAlert(cap(info({ language: 'en-AU', text: 'Watch', area: CATANIA }), info({ language: 'en-AU', severity: 'Severe', text: 'Warning', area: MESSINA }))),
      NOW,
    );
    expect(draft.languages).toEqual([{ language: 'en-AU', headline: undefined, text: 'Warning' }]);
    expect(draft.severity).toBe('Severe');
    expect(draft.areas).toEqual([expect.objectContaining({ description: 'Messina', pointer: 'alert/info[1]/area[0]/polygon[0]' })]);
  });

  it('takes the first of equally severe infos, and breaks a tie on severity by urgency', () => {
    const tie = incidentFromCap(parseCapAlert(cap(info({ language: 'en', text: 'First', area: CATANIA }), info({ language: 'en', text: 'Second', area: CATANIA }))), NOW);
    expect(tie.languages.map((l) => l.text)).toEqual(['First']);
    const urgent = incidentFromCap(parseCapAlert(cap(info({ language: 'en', text: 'Later', area: CATANIA }), info({ language: 'en', urgency: 'Immediate', text: 'Now', area: CATANIA }))), NOW);
    expect(urgent.languages.map((l) => l.text)).toEqual(['Now']);
    expect(urgent.urgency).toBe('Immediate');
  });

  it('keeps one message per language, the most severe language first', () => {
    const draft = incidentFromCap(
      parseCapAlert(cap(info({ language: 'it-IT', text: 'Avviso', area: CATANIA }), info({ language: 'en-US', severity: 'Extreme', text: 'Alert', area: CATANIA }), info({ language: 'it-IT', text: 'Secondo avviso', area: CATANIA }))),
      NOW,
    );
    expect(draft.languages.map((l) => [l.language, l.text])).toEqual([['en-US', 'Alert'], ['it-IT', 'Avviso']]);
    expect(draft.severity).toBe('Extreme');
  });

  it('keeps a radius-0 circle, a point, as given, with the pointer to its element', () => {
    const draft = incidentFromCap(parseCapAlert(cap(info({ language: 'en', text: 'Epicentre', area: CATANIA }))), NOW);
    expect(draft.areas).toEqual([{ description: 'Catania', spec: { kind: 'circle', center: [15.08, 37.5], radiusKm: 0 }, pointer: 'alert/info[0]/area[0]/circle[0]' }]);
  });

  it('still refuses an info with nothing to broadcast, pointing at it', () => {
    expect(() => incidentFromCap(parseCapAlert(cap(info({ language: 'en', text: ' ', area: CATANIA }))), NOW)).toThrow(
      expect.objectContaining({ code: 'alert/invalid-incident', pointer: 'alert/info[0]/description' }) as AlertError,
    );
  });
});
