import { findNulCharacter } from './find-nul-character';

describe('findNulCharacter', () => {
  it('finds no U+0000 in a body without one', () => {
    expect(findNulCharacter({ a: ['x', 1, null, true, { b: 'y\\u0000' }] })).toBeUndefined();
    expect(findNulCharacter(undefined)).toBeUndefined();
  });

  it('names the first string holding U+0000 by its JSON pointer', () => {
    expect(findNulCharacter({ languages: [{ text: 'ok' }, { text: 'a\u0000b' }], z: '\u0000' })).toBe('/languages/1/text');
    expect(findNulCharacter('\u0000')).toBe('/');
    expect(findNulCharacter({ 'a/b~c': '\u0000' })).toBe('/a~1b~0c');
  });

  it('finds U+0000 in a key', () => {
    expect(findNulCharacter({ ['k\u0000']: 1 })).toBe('/k\u0000');
  });

  it('walks a body nested 100,000 deep without exhausting the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + '"\\u0000"' + ']'.repeat(100_000));
    expect(findNulCharacter(deep)).toBe('/0'.repeat(100_000));
  });
});
