import { decodeBroadcastEnvelope, encodeBroadcastEnvelope, type BroadcastEnvelope } from './broadcast-envelope';
import { UplinkError } from './uplink-error';

function page(number: number, count: number): string {
  const bytes = Buffer.alloc(88, 0x0d);
  bytes.writeUInt16BE(0x3001, 0);
  bytes.writeUInt16BE(0x1112, 2);
  bytes[4] = 0x01;
  bytes[5] = (number << 4) | count;
  return bytes.toString('hex');
}

const ENVELOPE: BroadcastEnvelope = {
  alertId: 'it-2026-0001',
  messageIdentifier: 0x1112,
  serialNumber: 0x3001,
  dcs: 0x01,
  language: 'it',
  keyId: 42,
  issueTime: 1_768_900_000,
  signature: 'ab'.repeat(64),
  pages: [page(1, 2), page(2, 2)],
  warningAreaCoordinates: '',
};

const encodeJson = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));

function expectRejected(call: () => unknown, message: string): void {
  expect(call).toThrow(UplinkError);
  expect(call).toThrow(expect.objectContaining({ code: 'uplink/rejected', retryable: false, message }));
}

describe('broadcast envelope', () => {
  it('decodes what it encoded', () => {
    expect(decodeBroadcastEnvelope(encodeBroadcastEnvelope(ENVELOPE))).toEqual(ENVELOPE);
  });

  it('encodes as UTF-8 JSON with the fields in a fixed order', () => {
    const shuffled = Object.fromEntries(Object.entries(ENVELOPE).reverse()) as unknown as BroadcastEnvelope;
    const text = Buffer.from(encodeBroadcastEnvelope(shuffled)).toString('utf8');
    expect(text.startsWith('{"alertId":"it-2026-0001","messageIdentifier":4370,"serialNumber":12289,')).toBe(true);
    expect(text).toBe(Buffer.from(encodeBroadcastEnvelope(ENVELOPE)).toString('utf8'));
  });

  it('drops fields the envelope does not define', () => {
    const decoded = decodeBroadcastEnvelope(encodeJson({ ...ENVELOPE, extra: 'ignored' }));
    expect(decoded).toEqual(ENVELOPE);
  });

  it('accepts the top of every bit field', () => {
    const top = { ...ENVELOPE, messageIdentifier: 0xffff, serialNumber: 0xffff, dcs: 0xff, keyId: 0xffffffff };
    expect(decodeBroadcastEnvelope(encodeJson(top))).toEqual(top);
  });

  it.each([
    ['messageIdentifier', 0x10000, 'messageIdentifier must be an integer in 0..65535'],
    ['serialNumber', -1, 'serialNumber must be an integer in 0..65535'],
    ['dcs', 0x100, 'dcs must be an integer in 0..255'],
    ['keyId', 0, 'keyId must be an integer in 1..4294967295'],
    ['keyId', 0x100000000, 'keyId must be an integer in 1..4294967295'],
    ['issueTime', 1.5, `issueTime must be an integer in 0..${Number.MAX_SAFE_INTEGER}`],
    ['alertId', '', 'alertId must be a non-empty string'],
    ['signature', 'ab'.repeat(63), 'signature must be 64 octets in hex'],
    ['signature', 'zz'.repeat(64), 'signature must be 64 octets in hex'],
    ['pages', [], 'pages must hold 1 to 15 pages'],
    ['pages', Array.from({ length: 16 }, () => page(1, 1)), 'pages must hold 1 to 15 pages'],
    ['pages', [page(1, 2), page(2, 2).slice(2)], 'page 2 must be 88 octets in hex'],
    ['warningAreaCoordinates', 'abc', 'warningAreaCoordinates must be hex'],
    ['language', 42, 'language must be a string of at most 35 characters'],
  ])('refuses an envelope whose %s is %p', (field, value, problem) => {
    const bad = encodeJson({ ...ENVELOPE, [field]: value });
    expectRejected(() => decodeBroadcastEnvelope(bad), `malformed broadcast envelope: ${problem}`);
    expectRejected(() => encodeBroadcastEnvelope({ ...ENVELOPE, [field]: value }), `malformed broadcast envelope: ${problem}`);
  });

  it('refuses an envelope with a field missing', () => {
    const { signature: _signature, ...withoutSignature } = ENVELOPE;
    expectRejected(() => decodeBroadcastEnvelope(encodeJson(withoutSignature)), 'malformed broadcast envelope: signature must be 64 octets in hex');
  });

  it('refuses bytes that are not UTF-8 JSON', () => {
    expectRejected(() => decodeBroadcastEnvelope(new Uint8Array([0x7b, 0xff, 0x7d])), 'the broadcast envelope is not JSON in UTF-8');
    expectRejected(() => decodeBroadcastEnvelope(encodeJson('a string')), 'malformed broadcast envelope: it is not an object');
  });
});
