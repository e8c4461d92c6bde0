import { GROUP_MESSAGE_IDENTIFIERS, selectMessageIdentifier } from '@faro/cell-broadcast';
import { checkBroadcastTexts, messageIdentifiersFor } from './audience';

function refusal(text: string, language: string) {
  try {
    checkBroadcastTexts([{ language: 'it-IT', text: 'Allerta.' }, { language, text }], null);
  } catch (e) {
    return e;
  }
  throw new Error('not refused');
}

// Found with the fuzz's inputs: every CellBroadcastError used to be called "text too long".
describe('checkBroadcastTexts for the public channel', () => {
  it('calls a text that does not fit too long, at its text', () => {
    expect(refusal('€'.repeat(700), 'it')).toMatchObject({ code: 'alert/text-too-long', pointer: '/languages/1/text' });
  });

  it('calls a lone surrogate an invalid incident, at its text', () => {
    expect(refusal('a\ud800b', 'it')).toMatchObject({ code: 'alert/invalid-incident', pointer: '/languages/1/text', message: '/languages/1/text: text has a lone UTF-16 surrogate' });
  });

  it('calls a language with no two-letter code an invalid incident, at its language', () => {
    expect(refusal('Alert.', 'fil')).toMatchObject({ code: 'alert/invalid-incident', pointer: '/languages/1/language' });
  });
});

describe('messageIdentifiersFor', () => {
  it('puts a group alert on the group channel whatever its classification', () => {
    const group = ['Extreme', 'Minor'].map((severity) => messageIdentifiersFor('cp-sicilia', { status: 'Actual', severity: severity as 'Minor', urgency: 'Immediate', certainty: 'Observed' }));
    expect(group).toEqual([{ ...GROUP_MESSAGE_IDENTIFIERS }, { ...GROUP_MESSAGE_IDENTIFIERS }]);
  });

  it('puts a public alert on the PWS identifier its classification selects', () => {
    const c = { status: 'Actual', severity: 'Severe', urgency: 'Expected', certainty: 'Likely' } as const;
    const { primary, additionalLanguage } = selectMessageIdentifier(c);
    expect(messageIdentifiersFor(null, c)).toEqual({ primary, additionalLanguage });
    expect(primary).not.toBe(GROUP_MESSAGE_IDENTIFIERS.primary);
  });
});

describe('checkBroadcastTexts for a group', () => {
  it('counts a group text in UTF-8 octets against the group stream', () => {
    expect(() => checkBroadcastTexts([{ language: 'it-IT', text: 'è'.repeat(600) }], 'cp-sicilia')).toThrow(expect.objectContaining({ code: 'alert/text-too-long', pointer: '/languages/0/text' }));
    expect(() => checkBroadcastTexts([{ language: 'it-IT', text: 'e'.repeat(600) }], 'cp-sicilia')).not.toThrow();
  });
});
