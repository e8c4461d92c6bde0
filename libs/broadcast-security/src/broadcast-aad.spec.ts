import { broadcastAad } from './broadcast-aad';
import { SecurityError } from './security-error';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('broadcastAad', () => {
  it('encodes label, length-prefixed alert id, message identifier and serial number', () => {
    const aad = broadcastAad({ alertId: 'a1', messageIdentifier: 0x1112, serialNumber: 0x3002 });
    expect(hex(aad)).toBe(
      Buffer.from('faro/broadcast-aad/v1\0', 'ascii').toString('hex') + '0002' + '6131' + '1112' + '3002',
    );
  });

  it('counts the alert id in UTF-8 bytes, not UTF-16 units', () => {
    const aad = broadcastAad({ alertId: 'è', messageIdentifier: 0, serialNumber: 0 });
    expect(hex(aad.subarray(22))).toBe('0002c3a8' + '0000' + '0000');
  });

  it('keeps alert ids that share a prefix apart', () => {
    const a = broadcastAad({ alertId: 'alert-1', messageIdentifier: 0x3131, serialNumber: 1 });
    const b = broadcastAad({ alertId: 'alert-11', messageIdentifier: 0x3100, serialNumber: 1 });
    expect(hex(a)).not.toBe(hex(b));
  });

  it('accepts both ends of the 16-bit ranges', () => {
    expect(() => broadcastAad({ alertId: 'x', messageIdentifier: 0, serialNumber: 0 })).not.toThrow();
    expect(hex(broadcastAad({ alertId: 'x', messageIdentifier: 0xffff, serialNumber: 0xffff }).subarray(-4))).toBe('ffffffff');
  });

  it.each([
    ['messageIdentifier', { alertId: 'x', messageIdentifier: 0x10000, serialNumber: 0 }, 'messageIdentifier must be an integer in 0..65535, got 65536'],
    ['messageIdentifier', { alertId: 'x', messageIdentifier: -1, serialNumber: 0 }, 'messageIdentifier must be an integer in 0..65535, got -1'],
    ['serialNumber', { alertId: 'x', messageIdentifier: 0, serialNumber: 1.5 }, 'serialNumber must be an integer in 0..65535, got 1.5'],
    ['alertId', { alertId: '', messageIdentifier: 0, serialNumber: 0 }, 'alertId must be a non-empty, well-formed string'],
    ['alertId', { alertId: 'a\ud800', messageIdentifier: 0, serialNumber: 0 }, 'alertId must be a non-empty, well-formed string'],
  ])('refuses an out-of-range %s', (_field, fields, message) => {
    const call = () => broadcastAad(fields);
    expect(call).toThrow(SecurityError);
    expect(call).toThrow(expect.objectContaining({ code: 'security/invalid-input', message }));
  });
});
