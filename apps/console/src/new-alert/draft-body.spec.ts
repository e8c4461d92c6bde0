import { draftFromAlert, incidentBody, type DraftContent } from './draft-body';

const draft: DraftContent = {
  hazard: 'earthquake',
  status: 'Exercise',
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  expiresInHours: 2,
  areas: [
    { kind: 'polygon', ring: [[15.0, 37.4], [15.1, 37.4], [15.1, 37.5]] },
    { kind: 'geocode', scheme: 'ISTAT_PROVINCE', code: '087', name: 'Catania' },
  ],
  texts: [{ language: 'it', headline: ' Terremoto ', text: 'Allontanarsi dagli edifici.' }, { language: 'en', headline: '', text: 'Leave buildings.' }],
};

describe('incidentBody', () => {
  it('closes a drawn ring, keeps a picked area by its code and drops an empty headline', () => {
    const body = incidentBody(draft, new Date('2026-12-06T10:00:00Z'));
    expect(body.expires).toBe('2026-12-06T12:00:00.000Z');
    expect(body.areas).toEqual([
      { type: 'polygon', description: 'drawn area 1', coordinates: [[15, 37.4], [15.1, 37.4], [15.1, 37.5], [15, 37.4]] },
      { type: 'geocode', description: 'Catania', scheme: 'ISTAT_PROVINCE', code: '087' },
    ]);
    expect(body.languages).toEqual([{ language: 'it', headline: 'Terremoto', text: 'Allontanarsi dagli edifici.' }, { language: 'en', text: 'Leave buildings.' }]);
  });
});

describe('draftFromAlert', () => {
  it('gives back the areas and texts an earlier alert was drafted with', () => {
    const body = incidentBody(draft, new Date());
    const again = draftFromAlert({
      ...draft,
      languages: [{ language: 'it-IT', headline: 'Terremoto', text: 'Allontanarsi dagli edifici.' }],
      areas: [
        { description: 'drawn area 1', spec: { kind: 'polygon', ring: (body.areas as any)[0].coordinates } },
        { description: 'Catania', spec: { kind: 'geocode', scheme: 'ISTAT_PROVINCE', code: '087' } },
      ],
    });
    expect(again.areas).toEqual(draft.areas);
    expect(again.texts).toEqual([{ language: 'it', headline: 'Terremoto', text: 'Allontanarsi dagli edifici.' }]);
  });
});
