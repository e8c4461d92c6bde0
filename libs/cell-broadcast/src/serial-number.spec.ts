import { decodeSerialNumber, encodeSerialNumber, nextUpdate, SerialNumber } from './serial-number';

const serial = (s: Partial<SerialNumber>): SerialNumber => ({
  geographicalScope: 0,
  messageCode: 0,
  updateNumber: 0,
  ...s,
});

describe('encodeSerialNumber', () => {
  it('puts GS in the top 2 bits, the message code in the next 10 and the update number in the low 4', () => {
    expect(encodeSerialNumber({ geographicalScope: 3, messageCode: 5, updateNumber: 0 })).toBe(0xc050);
    expect(encodeSerialNumber({ geographicalScope: 1, messageCode: 0x2aa, updateNumber: 0x9 })).toBe(0x6aa9);
  });

  it.each([0, 1, 2, 3] as const)('accepts geographical scope %s', (gs) => {
    expect(encodeSerialNumber(serial({ geographicalScope: gs }))).toBe(gs << 14);
  });

  it('accepts message code 0 and 1023, the ends of its 10 bits', () => {
    expect(encodeSerialNumber(serial({ messageCode: 0 }))).toBe(0x0000);
    expect(encodeSerialNumber(serial({ messageCode: 1023 }))).toBe(0x3ff0);
  });

  it('accepts update number 0 and 15, the ends of its 4 bits', () => {
    expect(encodeSerialNumber(serial({ updateNumber: 0 }))).toBe(0x0000);
    expect(encodeSerialNumber(serial({ updateNumber: 15 }))).toBe(0x000f);
  });

  it.each([
    ['message code 1024', { messageCode: 1024 }, 'messageCode must be an integer in 0..1023, got 1024'],
    ['message code -1', { messageCode: -1 }, 'messageCode must be an integer in 0..1023, got -1'],
    ['message code 1.5', { messageCode: 1.5 }, 'messageCode must be an integer in 0..1023, got 1.5'],
    ['update number 16', { updateNumber: 16 }, 'updateNumber must be an integer in 0..15, got 16'],
    ['update number -1', { updateNumber: -1 }, 'updateNumber must be an integer in 0..15, got -1'],
    ['geographical scope 4', { geographicalScope: 4 as 0 }, 'geographicalScope must be an integer in 0..3, got 4'],
  ])('throws for %s instead of masking it', (_what, fields, message) => {
    expect(() => encodeSerialNumber(serial(fields))).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message }),
    );
  });
});

describe('decodeSerialNumber', () => {
  it('splits the 16 bits back into GS, message code and update number', () => {
    expect(decodeSerialNumber(0xc050)).toEqual({ geographicalScope: 3, messageCode: 5, updateNumber: 0 });
    expect(decodeSerialNumber(0xffff)).toEqual({ geographicalScope: 3, messageCode: 1023, updateNumber: 15 });
  });

  it('round-trips every serial number', () => {
    for (let n = 0; n <= 0xffff; n += 7) expect(encodeSerialNumber(decodeSerialNumber(n))).toBe(n);
  });

  it('refuses a number wider than 16 bits', () => {
    expect(() => decodeSerialNumber(0x10000)).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message: 'serialNumber must be an integer in 0..65535, got 65536' }),
    );
  });
});

describe('nextUpdate', () => {
  it('advances the update number and keeps the message code and scope', () => {
    expect(nextUpdate({ geographicalScope: 3, messageCode: 5, updateNumber: 0 })).toEqual({
      geographicalScope: 3,
      messageCode: 5,
      updateNumber: 1,
    });
  });

  it('wraps update number 15 to 0', () => {
    expect(nextUpdate(serial({ messageCode: 1023, updateNumber: 15 }))).toEqual(serial({ messageCode: 1023, updateNumber: 0 }));
  });

  it('refuses a serial number whose fields are out of range', () => {
    expect(() => nextUpdate(serial({ updateNumber: 16 }))).toThrow(expect.objectContaining({ code: 'cell-broadcast/invalid-field' }));
  });
});
