import { TEMPLATE_HAZARDS, templateFor, TEXT_LANGUAGES } from './templates';

describe('templateFor', () => {
  it('has a headline and a text for every hazard in every language, each of its own', () => {
    for (const hazard of TEMPLATE_HAZARDS) {
      const texts = TEXT_LANGUAGES.map((l) => templateFor(hazard, l).text);
      expect(texts.every((t) => t.length > 20 && t.length < 500)).toBe(true);
      expect(new Set(texts).size).toBe(TEXT_LANGUAGES.length);
    }
  });
});
