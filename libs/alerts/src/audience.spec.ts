import { checkBroadcastTexts } from './audience';

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
