import { assembleTextMessage, decodeBroadcastPages, encodeBroadcastText, encodeSerialNumber, GEOGRAPHICAL_SCOPE } from '@faro/cell-broadcast';
import { ecbeMessage } from './ecbe-message';
import { UplinkError } from './uplink-error';

const SERIAL = encodeSerialNumber({ geographicalScope: GEOGRAPHICAL_SCOPE.plmnWide, messageCode: 42, updateNumber: 0 });

function pagesOf(text: string, language = 'it', messageIdentifier = 4370, serialNumber = SERIAL) {
  const encoded = encodeBroadcastText(text, language);
  const pages = assembleTextMessage({ messageIdentifier, serialNumber, encoded }).map((p) => Buffer.from(p).toString('hex'));
  return { encoded, pages };
}

describe('ecbeMessage', () => {
  it('writes the body osmo-cbc 0.5.3 parses: scope_plmn, an encoded serial number and pre-encoded pages', () => {
    const { encoded, pages } = pagesOf('Allerta rossa: evacuare le zone costiere.');
    const body = ecbeMessage({ cbeName: 'faro', category: 'high_priority', messageIdentifier: 4370, serialNumber: SERIAL, dcs: encoded.dcs, pages, repetitionPeriod: 60, numberOfBroadcasts: 30 });
    expect(body).toEqual({
      cbe_name: 'faro',
      category: 'high_priority',
      repetition_period: 60,
      num_of_bcast: 30,
      scope: { scope_plmn: {} },
      smscb_message: {
        serial_nr: { serial_nr_encoded: SERIAL },
        message_id: 4370,
        payload: { payload_encoded: { dcs: encoded.dcs, pages: encoded.pages.map((p) => Buffer.from(p).toString('hex')) } },
      },
    });
  });

  it('sends UCS-2 text as pages of at most 82 octets that decode back to the text', () => {
    const text = 'Сирена: укрыться. Allerta 🌊 maremoto, allontanarsi dalla costa e raggiungere le zone alte subito.';
    const { encoded, pages } = pagesOf(text);
    expect(encoded.alphabet).toBe('ucs2');
    const body = ecbeMessage({ cbeName: 'faro', category: 'high_priority', messageIdentifier: 4370, serialNumber: SERIAL, dcs: encoded.dcs, pages, repetitionPeriod: 60, numberOfBroadcasts: 1 });
    const sent = body.smscb_message.payload.payload_encoded.pages;
    expect(sent.length).toBeGreaterThan(1);
    for (const hex of sent) expect(hex.length).toBeLessThanOrEqual(164);
    const decoded = decodeBroadcastPages(encoded.dcs, sent.map((h) => Uint8Array.from(Buffer.from(h, 'hex'))));
    expect(decoded.text).toBe(text);
  });

  it('refuses pages of another message rather than send them under this one', () => {
    const { encoded, pages } = pagesOf('Test', 'it', 4371);
    expect(() => ecbeMessage({ cbeName: 'faro', category: 'normal', messageIdentifier: 4370, serialNumber: SERIAL, dcs: encoded.dcs, pages, repetitionPeriod: 60, numberOfBroadcasts: 1 })).toThrow(
      new UplinkError('uplink/rejected', 'page 1 belongs to another message (serial, identifier or DCS)', false),
    );
  });

  it('refuses a repetition period or a count ECBE cannot carry, and an unlimited count', () => {
    const { encoded, pages } = pagesOf('Test');
    const input = { cbeName: 'faro', category: 'normal' as const, messageIdentifier: 4370, serialNumber: SERIAL, dcs: encoded.dcs, pages };
    expect(() => ecbeMessage({ ...input, repetitionPeriod: 4096, numberOfBroadcasts: 1 })).toThrow(
      expect.objectContaining({ code: 'uplink/rejected', message: 'an ECBE repetition period of 4096 is outside 1..4095' }),
    );
    expect(() => ecbeMessage({ ...input, repetitionPeriod: 1, numberOfBroadcasts: 0 })).toThrow(
      expect.objectContaining({ code: 'uplink/rejected', message: 'an ECBE number of broadcasts of 0 is outside 1..65535' }),
    );
  });
});
