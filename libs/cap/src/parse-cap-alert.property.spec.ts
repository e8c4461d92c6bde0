import fc from 'fast-check';
import {
  CAP_12_NAMESPACE,
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  CapAlert,
  CapArea,
  CapInfo,
} from './cap-alert';
import { CapError } from './cap-error';
import { parseCapAlert } from './parse-cap-alert';
import { serializeCapAlert } from './serialize-cap-alert';

// Property-based checks of the CAP reader and writer (issue 9): whatever arrives, the parser
// answers with a CapAlert or a CapError (a 4xx problem at the API), never another exception,
// and what the writer accepts reads back the same. Runs are bounded and seeded: a failure prints
// the seed and the counterexample, and re-running with that seed reproduces it.
const RUNS = { numRuns: 300, seed: 9_0901 };

// Runs the parser; anything thrown but a CapError fails the property.
function parsesOrRefuses(input: string | Uint8Array): CapAlert | CapError {
  try {
    return parseCapAlert(input);
  } catch (error) {
    if (error instanceof CapError && typeof error.pointer === 'string' && error.message !== '') return error;
    throw error;
  }
}

const VALID = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="${CAP_12_NAMESPACE}">
  <identifier>FARO-FUZZ-1</identifier>
  <sender>test@faro.example</sender>
  <sent>2026-03-01T10:00:00+01:00</sent>
  <status>Test</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <incidents>a "b c"</incidents>
  <info>
    <language>it-IT</language>
    <category>Geo</category>
    <event>Terremoto &amp; frane</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <expires>2026-03-01T16:00:00+01:00</expires>
    <description><![CDATA[Scossa <forte>]]> a Catania</description>
    <parameter><valueName>x</valueName><value>1</value></parameter>
    <resource><resourceDesc>Mappa</resourceDesc><mimeType>image/png</mimeType><size>1024</size></resource>
    <area>
      <areaDesc>Catania</areaDesc>
      <polygon>37.6,14.9 37.6,15.2 37.4,15.2 37.4,14.9 37.6,14.9</polygon>
      <circle>37.5,15.05 10</circle>
      <geocode><valueName>ISTAT</valueName><value>087015</value></geocode>
      <altitude>100</altitude>
      <ceiling>200.5</ceiling>
    </area>
  </info>
</alert>`;

// Pieces of markup that sit near the parser's edges: declarations, references, CDATA, namespaces.
const MARKUP = [
  '<', '>', '/>', '</', '&', ';', '"', "'", '=', ':', ' ', '\n', '\r', '\t', '\u0000', '\uFEFF', '\uD800', '\uFFFE',
  '<!DOCTYPE alert>', '<!ENTITY x "y">', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<?pi x?>',
  '&amp;', '&lt;', '&#0;', '&#x10FFFF;', '&#x110000;', '&#99999999999;', '&nbsp;', '&#;', '&#x;',
  `xmlns="${CAP_12_NAMESPACE}"`, 'xmlns:a="urn:x"', 'xmlns:xml="urn:x"', 'xmlns=""', 'a:b', 'a:b:c', ':x',
  '<alert>', '</alert>', '<info>', '</info>', '<area>', '</area>', '<polygon>', '</polygon>', '<circle>', '</circle>',
  '1,2 3,4', '90.0000001', '-180', '1e3', 'NaN', '99999999999999999999', '0x10', '-0',
];

const xmlishText = fc.array(fc.oneof(fc.constantFrom(...MARKUP), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 60 }).map((parts) => parts.join(''));

// A valid document edited at random: a slice deleted, doubled or replaced by markup or text.
const mutatedDocument = fc
  .array(
    fc.record({
      at: fc.nat(),
      length: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.constant(''), fc.constantFrom(...MARKUP), fc.string({ unit: 'binary', maxLength: 12 })),
      double: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) =>
    edits.reduce((doc, { at, length, insert, double }) => {
      const from = at % (doc.length + 1);
      const slice = doc.slice(from, from + length);
      return doc.slice(0, from) + (double ? slice + slice : insert) + doc.slice(from + length);
    }, VALID),
  );

// Values the writer should carry through a round trip: no surrounding XML whitespace (the reader
// trims it as pretty-printing), every character one XML allows.
const xmlChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'Z', '0', '&', '<', '>', '"', "'", ']]>', 'é', '€', '🌊', ' ', '\n', '\r', '\t', ',') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const text = fc
  .array(xmlChar, { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join('').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''))
  .filter((s) => s !== '' && !/[\uFFFE\uFFFF]|[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(s));
const identifier = fc.stringMatching(/^[A-Za-z0-9._:@/-]{1,20}$/);
const dateTime = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    sign: fc.constantFrom('+', '-'),
    offset: fc.integer({ min: 0, max: 14 }),
  })
  .map(({ year, month, day, hour, minute, sign, offset }) => {
    const two = (n: number) => String(n).padStart(2, '0');
    return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(minute)}${sign}${two(offset)}:00`;
  });
const latitude = fc.double({ min: -90, max: 90, noNaN: true }).map((n) => (n === 0 ? 0 : n));
const longitude = fc.double({ min: -180, max: 180, noNaN: true }).map((n) => (n === 0 ? 0 : n));
const point = fc.record({ lat: latitude, lon: longitude });
const namedValue = fc.record({ valueName: text, value: text });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const area: fc.Arbitrary<CapArea> = fc
  .record({
    areaDesc: text,
    polygons: fc.array(fc.array(point, { minLength: 3, maxLength: 6 }).map((ring) => [...ring, ring[0]]), { maxLength: 2 }),
    circles: fc.array(fc.record({ lat: latitude, lon: longitude, radiusKm: fc.double({ min: 0, max: 1000, noNaN: true }).map((n) => (n === 0 ? 0 : n)) }), { maxLength: 2 }),
    geocodes: fc.array(namedValue, { maxLength: 2 }),
    altitude: opt(fc.integer({ min: -1000, max: 1000 })),
    rise: fc.nat({ max: 5000 }),
  })
  .map(({ rise, ...a }) => withoutUndefined({ ...a, ceiling: a.altitude === undefined ? undefined : a.altitude + rise }));

const info: fc.Arbitrary<CapInfo> = fc
  .record({
    language: fc.constantFrom('en-US', 'it-IT', 'fr', 'x-klingon'),
    categories: fc.uniqueArray(fc.constantFrom(...CAP_CATEGORIES), { minLength: 1, maxLength: 3 }),
    event: text,
    responseTypes: fc.array(fc.constantFrom(...CAP_RESPONSE_TYPES), { maxLength: 2 }),
    urgency: fc.constantFrom(...CAP_URGENCIES),
    severity: fc.constantFrom(...CAP_SEVERITIES),
    certainty: fc.constantFrom(...CAP_CERTAINTIES),
    audience: opt(text),
    eventCodes: fc.array(namedValue, { maxLength: 2 }),
    expires: opt(dateTime),
    headline: opt(text),
    description: opt(text),
    parameters: fc.array(namedValue, { maxLength: 2 }),
    resources: fc.array(
      fc.record({ resourceDesc: text, mimeType: text, size: opt(fc.nat()), uri: opt(text) }).map(withoutUndefined),
      { maxLength: 1 },
    ),
    areas: fc.array(area, { maxLength: 2 }),
  })
  .map(withoutUndefined);

const alert: fc.Arbitrary<CapAlert> = fc
  .record({
    identifier,
    sender: identifier,
    sent: dateTime,
    status: fc.constantFrom(...CAP_STATUSES),
    msgType: fc.constantFrom(...CAP_MSG_TYPES),
    scope: fc.constantFrom(...CAP_SCOPES),
    restriction: text,
    addresses: text,
    codes: fc.array(text, { maxLength: 2 }),
    note: opt(text),
    references: fc.array(fc.record({ sender: identifier, identifier, sent: dateTime }), { minLength: 1, maxLength: 2 }),
    incidents: fc.array(text.filter((s) => !s.includes('"')), { maxLength: 2 }),
    infos: fc.array(info, { maxLength: 2 }),
  })
  .map(withoutUndefined);

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

describe('parseCapAlert, whatever it is given', () => {
  it('answers any string with a CapAlert or a CapError, never another exception', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => void parsesOrRefuses(s)), RUNS);
  });

  it('answers any bytes with a CapAlert or a CapError, never another exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => void parsesOrRefuses(b)), RUNS);
  });

  it('answers bytes that declare an encoding with a CapAlert or a CapError', () => {
    const declared = fc
      .tuple(fc.constantFrom('utf-8', 'UTF-16', 'iso-8859-1', 'windows-1252', 'us-ascii', 'ebcdic', 'x-unknown', 'utf-32'), fc.uint8Array({ maxLength: 200 }))
      .map(([encoding, tail]) => new Uint8Array([...Buffer.from(`<?xml version="1.0" encoding="${encoding}"?>`, 'latin1'), ...tail]));
    fc.assert(fc.property(declared, (b) => void parsesOrRefuses(b)), RUNS);
  });

  it('answers markup soup with a CapAlert or a CapError, never another exception', () => {
    fc.assert(fc.property(xmlishText, (s) => void parsesOrRefuses(s)), RUNS);
    fc.assert(fc.property(xmlishText, (s) => void parsesOrRefuses(`<alert xmlns="${CAP_12_NAMESPACE}">${s}</alert>`)), RUNS);
  });

  it('answers a valid document mutated at random with a CapAlert or a CapError naming a pointer', () => {
    expect(parsesOrRefuses(VALID)).not.toBeInstanceOf(CapError);
    fc.assert(fc.property(mutatedDocument, (doc) => void parsesOrRefuses(doc)), { ...RUNS, numRuns: 600 });
  });
});

describe('serializeCapAlert and parseCapAlert together', () => {
  it('round-trips a generated valid alert to an equal CapAlert', () => {
    const valid = alert.map((a) => ({ ...a, references: a.msgType === 'Alert' ? [] : a.references, restriction: a.scope === 'Restricted' ? a.restriction : undefined, addresses: a.scope === 'Private' ? a.addresses : undefined })).map(withoutUndefined);
    fc.assert(
      fc.property(valid, (a) => {
        expect(parseCapAlert(serializeCapAlert(a))).toEqual(a);
      }),
      RUNS,
    );
  });

  it('writes only what it reads back: an alert it accepts parses to an equal CapAlert, else it throws a CapError', () => {
    // Free text here may be anything, surrounding whitespace and characters XML cannot carry included.
    const anyText = fc.string({ unit: 'binary', maxLength: 6 });
    const loose = fc.record({ a: alert, event: anyText, description: anyText, code: anyText, valueName: anyText, areaDesc: anyText }).map(({ a, event, description, code, valueName, areaDesc }) => ({
      ...a,
      codes: [code],
      infos: [{ language: 'en-US', categories: ['Geo'], event, responseTypes: [], urgency: 'Immediate', severity: 'Minor', certainty: 'Likely', eventCodes: [], description, parameters: [{ valueName, value: 'v' }], resources: [], areas: [{ areaDesc, polygons: [], circles: [], geocodes: [] }] } as CapInfo],
    }));
    fc.assert(
      fc.property(loose, (a) => {
        let xml: string;
        try {
          xml = serializeCapAlert(a);
        } catch (error) {
          if (error instanceof CapError) return;
          throw error;
        }
        expect(parseCapAlert(xml)).toEqual(withoutUndefined({ ...a, infos: a.infos.map((i) => withoutUndefined({ ...i, description: i.description === '' ? undefined : i.description })) }));
      }),
      RUNS,
    );
  });
});
