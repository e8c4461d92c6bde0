import { AlertClassInput, additionalLanguageIdentifier, MESSAGE_IDENTIFIERS, selectMessageIdentifier } from './message-identifier';

const actual = (i: Partial<AlertClassInput>): AlertClassInput => ({
  status: 'Actual',
  severity: 'Extreme',
  urgency: 'Immediate',
  certainty: 'Observed',
  ...i,
});

describe('selectMessageIdentifier', () => {
  it('chooses 4370 (presidential, EU-Alert level 1) for an Actual level 1 alert, whatever its class', () => {
    expect(selectMessageIdentifier(actual({ level1: true, severity: 'Minor', urgency: 'Past' }))).toEqual({
      primary: 4370,
      additionalLanguage: 4383,
      name: 'presidential',
    });
  });

  it.each([
    ['Extreme', 'Immediate', 'Observed', 4371, 'extremeImmediateObserved'],
    ['Extreme', 'Immediate', 'Likely', 4372, 'extremeImmediateLikely'],
    ['Extreme', 'Expected', 'Observed', 4373, 'extremeExpectedObserved'],
    ['Extreme', 'Expected', 'Likely', 4374, 'extremeExpectedLikely'],
    ['Severe', 'Immediate', 'Observed', 4375, 'severeImmediateObserved'],
    ['Severe', 'Immediate', 'Likely', 4376, 'severeImmediateLikely'],
    ['Severe', 'Expected', 'Observed', 4377, 'severeExpectedObserved'],
    ['Severe', 'Expected', 'Likely', 4378, 'severeExpectedLikely'],
  ] as const)('chooses %s %s %s → %s', (severity, urgency, certainty, primary, name) => {
    expect(selectMessageIdentifier(actual({ severity, urgency, certainty }))).toEqual({
      primary,
      additionalLanguage: primary + 13,
      name,
    });
  });

  it.each([
    ['Extreme', 'Immediate', 'Possible'],
    ['Extreme', 'Future', 'Observed'],
    ['Severe', 'Past', 'Likely'],
    ['Severe', 'Expected', 'Unknown'],
    ['Moderate', 'Immediate', 'Observed'],
    ['Minor', 'Expected', 'Likely'],
    ['Unknown', 'Unknown', 'Unknown'],
  ] as const)('chooses 4396 (public safety) for Actual %s %s %s', (severity, urgency, certainty) => {
    expect(selectMessageIdentifier(actual({ severity, urgency, certainty }))).toEqual({
      primary: 4396,
      additionalLanguage: 4397,
      name: 'publicSafety',
    });
  });

  it('chooses 4381 (exercise) for an Exercise, even one marked level 1', () => {
    expect(selectMessageIdentifier(actual({ status: 'Exercise', level1: true }))).toEqual({
      primary: 4381,
      additionalLanguage: 4394,
      name: 'exercise',
    });
  });

  it.each(['Test', 'System'] as const)('chooses 4398 (state/local test) for status %s', (status) => {
    expect(selectMessageIdentifier(actual({ status, level1: true }))).toEqual({
      primary: 4398,
      additionalLanguage: 4399,
      name: 'stateLocalTest',
    });
  });

  it('never chooses the amber or required monthly test identifiers, which stay available as constants', () => {
    expect(MESSAGE_IDENTIFIERS.amber).toBe(4379);
    expect(MESSAGE_IDENTIFIERS.requiredMonthlyTest).toBe(4380);
  });
});

describe('additionalLanguageIdentifier', () => {
  it('adds 13 across 4370..4382, landing on 4383..4395', () => {
    for (let id = 4370; id <= 4382; id++) expect(additionalLanguageIdentifier(id)).toBe(id + 13);
  });

  it('pairs 4396 with 4397 and 4398 with 4399, as TS 23.041 does', () => {
    expect(additionalLanguageIdentifier(4396)).toBe(4397);
    expect(additionalLanguageIdentifier(4398)).toBe(4399);
  });

  it.each([4369, 4383, 4397, 4400])('refuses %s, which has no additional-language identifier', (id) => {
    expect(() => additionalLanguageIdentifier(id)).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/invalid-field',
        message: `message identifier ${id} has no additional-language identifier`,
      }),
    );
  });
});
