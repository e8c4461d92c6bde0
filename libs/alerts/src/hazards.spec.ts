import { HAZARD_CAP_CATEGORY, HAZARDS, hazardFromEvent, isHazard } from './hazards';

describe('hazardFromEvent', () => {
  it('names the hazard of a CAP event in Italian or English', () => {
    expect(['Terremoto M4.2', 'Earthquake', 'Allerta maremoto', 'Alluvione', 'Incendio boschivo', 'Frana', 'Eruzione Etna'].map(hazardFromEvent)).toEqual([
      'earthquake',
      'earthquake',
      'tsunami',
      'flood',
      'wildfire',
      'landslide',
      'volcanic',
    ]);
  });

  it('takes the most specific hazard first: a tsunami caused by an earthquake is a tsunami', () => {
    expect(hazardFromEvent('Tsunami after earthquake')).toBe('tsunami');
  });

  it('calls an event it does not recognise other', () => {
    expect(hazardFromEvent('Meteorite')).toBe('other');
  });
});

describe('isHazard', () => {
  it('accepts the known hazards only', () => {
    expect(HAZARDS.every(isHazard)).toBe(true);
    expect([isHazard('Earthquake'), isHazard(''), isHazard(null), isHazard(7)]).toEqual([false, false, false, false]);
  });

  it('has a CAP category for every hazard', () => {
    expect(HAZARDS.filter((h) => !HAZARD_CAP_CATEGORY[h])).toEqual([]);
  });
});
