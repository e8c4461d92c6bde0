import { parseCapAlert, serializeCapAlert } from '@faro/cap';
import { anAlert } from './testing/alert-fixtures';
import { capOfAlert } from './cap-of-alert';
import { incidentFromCap } from './incident-from-cap';

describe('the CAP 1.2 document of an alert', () => {
  const update = anAlert({
    id: 'alert-2',
    msgType: 'Update',
    capIdentifier: 'sic-0002',
    sent: new Date('2026-12-06T10:00:00.000Z'),
    languages: [
      { language: 'it-IT', headline: 'Terremoto & repliche', text: 'Allontanarsi dagli edifici <subito>.' },
      { language: 'en-US', text: 'Move away from buildings.' },
    ],
    areas: [
      { description: 'Catania', spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' } },
      { description: 'Epicentre', spec: { kind: 'circle', center: [15.08, 37.5], radiusKm: 10 } },
      { description: 'Coast', spec: { kind: 'polygon', ring: [[15.0, 37.4], [15.2, 37.4], [15.2, 37.6]] } },
    ],
  });
  const original = { sender: update.sender, capIdentifier: 'sic-0000', sent: new Date('2026-12-06T09:00:00.000Z') };

  it('names what it replaces in references, and reads back as the same incident', () => {
    const xml = serializeCapAlert(capOfAlert(update, [original]));
    const cap = parseCapAlert(xml);
    expect(cap).toMatchObject({ identifier: 'sic-0002', status: 'Actual', msgType: 'Update', scope: 'Public' });
    expect(cap.references).toEqual([{ sender: update.sender, identifier: 'sic-0000', sent: '2026-12-06T09:00:00+00:00' }]);
    const draft = incidentFromCap(cap, new Date('2026-12-06T10:00:00.000Z'));
    expect(draft).toMatchObject({ hazard: 'earthquake', severity: 'Extreme', msgType: 'Update', status: 'Actual', expires: update.expiresAt });
    expect(draft.languages.map((l) => l.text)).toEqual(['Allontanarsi dagli edifici <subito>.', 'Move away from buildings.']);
  });

  it('writes one info per language with its areas, the polygon closed', () => {
    const cap = capOfAlert(update, []);
    expect(cap.infos.map((i) => [i.language, i.categories, i.event, i.headline])).toEqual([
      ['it-IT', ['Geo'], 'Earthquake', 'Terremoto & repliche'],
      ['en-US', ['Geo'], 'Earthquake', undefined],
    ]);
    const areas = cap.infos[0].areas;
    expect(areas[0].geocodes).toEqual([{ valueName: 'ISTAT_MUNICIPALITY', value: '087015' }]);
    expect(areas[1].circles).toEqual([{ lat: 37.5, lon: 15.08, radiusKm: 10 }]);
    expect(areas[2].polygons[0]).toHaveLength(4);
    expect(areas[2].polygons[0][3]).toEqual(areas[2].polygons[0][0]);
  });

  it('writes a restricted-audience alert as scope Restricted naming its group', () => {
    expect(capOfAlert(anAlert({ audienceGroupId: 'soccorso-fvg' }), [])).toMatchObject({ scope: 'Restricted', restriction: 'soccorso-fvg' });
  });
});
