import { aMsgType, AMsgType } from './msg-type-phrase';

describe('a message type named in a sentence', () => {
  it('takes "a" before Cancel and "an" before Alert and Update', () => {
    expect(aMsgType('Cancel')).toBe('a Cancel');
    expect(aMsgType('Update')).toBe('an Update');
    expect(aMsgType('Alert')).toBe('an Alert');
  });

  it('is capitalised at the start of a sentence', () => {
    expect(AMsgType('Cancel')).toBe('A Cancel');
    expect(AMsgType('Update')).toBe('An Update');
  });
});
