import { CapError } from './cap-error';
import { formatCapDecimal, parseCapDecimal, parseCapInteger } from './cap-decimal';

describe('parseCapDecimal', () => {
  it.each([
    ['38.47', 38.47],
    ['-120.14', -120.14],
    ['+41.12', 41.12],
    ['0.0', 0],
    ['-0.0', 0],
    ['5.', 5],
    ['.5', 0.5],
    ['007', 7],
  ])('reads %s as %d', (text, value) => {
    expect(Object.is(parseCapDecimal(text, 'p', 'value'), value)).toBe(true);
  });

  it.each([[''], [' 1'], ['1 '], ['abc'], ['1e3'], ['0x10'], ['NaN'], ['Infinity'], ['-'], ['.'], ['1,5'], ['1.2.3'], ['9'.repeat(400)]])(
    "refuses '%s' with the pointer it was given",
    (text) => {
      expect(() => parseCapDecimal(text, 'alert/info[0]/area[0]/altitude', 'altitude')).toThrow(
        expect.objectContaining({ code: 'cap/invalid', pointer: 'alert/info[0]/area[0]/altitude' }) as CapError,
      );
    },
  );
});

describe('parseCapInteger', () => {
  it('reads whole numbers and refuses fractions and exponents', () => {
    expect(parseCapInteger('1024', 'p', 'size')).toBe(1024);
    for (const text of ['1.0', '1e3', '', '12345678901234567890']) {
      expect(() => parseCapInteger(text, 'p', 'size')).toThrow(CapError);
    }
  });
});

describe('formatCapDecimal', () => {
  it.each([
    [38.47, '38.47'],
    [-120.14, '-120.14'],
    [0, '0'],
    [-0, '0'],
    [1e-7, '0.0000001'],
    [-1.234e-9, '-0.000000001234'],
    [1.5e-7, '0.00000015'],
    [1e21, '1000000000000000000000'],
    [1.25e22, '12500000000000000000000'],
  ])('writes %d as %s, which reads back as the same number', (value, text) => {
    expect(formatCapDecimal(value)).toBe(text);
    expect(parseCapDecimal(text, 'p', 'value')).toBe(value === 0 ? 0 : value);
  });
});
