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

describe('incidentFromCap, the alert around the infos', () => {
  const NOW_ = new Date('2026-12-06T10:00:00Z');
  function capWith(o: { status?: string; msgType?: string; references?: string; expires?: string | null; parameter?: string } = {}): string {
    const expires = o.expires === null ? '' : `<expires>${o.expires ?? '2026-12-06T16:00:00+00:00'}</expires>`;
    return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>shape-1</identifier>
  <sender>test@faro.example</sender>
  <sent>2026-12-06T09:59:00+00:00</sent>
  <status>${o.status ?? 'Actual'}</status>
  <msgType>${o.msgType ?? 'Alert'}</msgType>
  <scope>Public</scope>${o.references ? `\n  <references>${o.references}</references>` : ''}
  <info>
    <language>it-IT</language>
    <category>Geo</category>
    <event>Terremoto</event>
    <urgency>Immediate</urgency>
    <severity>Extreme</severity>
    <certainty>Observed</certainty>
    ${expires}
    <description>Allontanarsi dagli edifici.</description>${o.parameter ?? ''}
    ${CATANIA}
  </info>
</alert>`;
  }
  const draftOf = (o: Parameters<typeof capWith>[0] = {}) => incidentFromCap(parseCapAlert(capWith(o)), NOW_);

  it('refuses a CAP alert already expired, pointing at the expiry of its info', () => {
    expect(() => draftOf({ expires: '2026-12-06T09:30:00+00:00' })).toThrow(expect.objectContaining({ code: 'alert/invalid-incident', pointer: 'alert/info[0]/expires' }));
  });

  it('ends an alert with no expiry 24 hours after it was sent or received, whichever is later', () => {
    expect(draftOf({ expires: null }).expires).toEqual(new Date('2026-12-07T10:00:00Z'));
  });

  it('keeps a test a test: CAP System becomes Test, Exercise stays Exercise', () => {
    expect([draftOf({ status: 'System' }).status, draftOf({ status: 'Exercise' }).status, draftOf().status]).toEqual(['Test', 'Exercise', 'Actual']);
  });

  it('refuses what carries no alert to act on: Ack, Error and Draft', () => {
    expect(() => draftOf({ msgType: 'Ack', references: 'a@b,x,2026-12-06T09:00:00+00:00' })).toThrow(expect.objectContaining({ code: 'alert/invalid-incident', pointer: 'alert/msgType' }));
    expect(() => draftOf({ status: 'Draft' })).toThrow(expect.objectContaining({ code: 'alert/invalid-incident', pointer: 'alert/status' }));
  });

  it('reads an Update with its CAP references and the hazard from the event', () => {
    const d = draftOf({ msgType: 'Update', references: 'test@faro.example,shape-0,2026-12-06T09:00:00+00:00' });
    expect([d.msgType, d.references, d.hazard]).toEqual(['Update', { cap: [{ sender: 'test@faro.example', identifier: 'shape-0', sent: '2026-12-06T09:00:00+00:00' }] }, 'earthquake']);
  });

  it('takes EU-Alert level 1 from its parameter', () => {
    const level1 = '<parameter><valueName>EU-ALERT-LEVEL</valueName><value>1</value></parameter>';
    expect([draftOf({ parameter: level1 }).level1, draftOf().level1]).toEqual([true, false]);
  });
});
