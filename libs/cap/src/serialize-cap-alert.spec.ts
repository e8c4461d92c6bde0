import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CapAlert } from './cap-alert';
import { CapError } from './cap-error';
import { parseCapAlert } from './parse-cap-alert';
import { serializeCapAlert } from './serialize-cap-alert';

const TESTDATA = join(__dirname, '..', 'testdata');
const parseFile = (file: string): CapAlert => parseCapAlert(new Uint8Array(readFileSync(join(TESTDATA, file))));

function capErrorOf(run: () => unknown): CapError {
  try {
    run();
  } catch (error) {
    if (error instanceof CapError) return error;
    throw error;
  }
  throw new Error('expected a CapError, but nothing was thrown');
}

const CAP_12_SAMPLES = [
  'oasis-cap12-appendix-a/Oasis_HomelandAlert.xml',
  'oasis-cap12-appendix-a/Oasis_ThunderstormWarning.xml',
  'oasis-cap12-appendix-a/Oasis_EarthquakeReport.xml',
  'oasis-cap12-appendix-a/Oasis_AmberAlert.xml',
  'nws/NWS_FlashFloodWarning.xml',
  'nws/NWS_FireWeatherWatchCancel.xml',
  'google-cap-library/testdata/australia.cap',
  'google-cap-library/testdata/canada.cap',
  'google-cap-library/testdata/canada_signed.cap',
  'google-cap-library/testdata/earthquake-iso8859-1.cap',
  'google-cap-library/testdata/wcatwc-warning.cap',
  'google-cap-library/validator-examples/43b080713727.cap',
  'google-cap-library/validator-examples/thunderstorm.cap',
  'faro/catania-earthquake-multilingual.xml',
];

// A small alert built in code, as the console or API would build one.
function exampleAlert(): CapAlert {
  return {
    identifier: 'FARO-TEST-2',
    sender: 'test@faro.example',
    sent: '2026-03-01T10:00:00-00:00',
    status: 'Test',
    msgType: 'Alert',
    scope: 'Public',
    codes: [],
    references: [],
    incidents: [],
    infos: [
      {
        language: 'it-IT',
        categories: ['Geo'],
        event: 'Terremoto',
        responseTypes: [],
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Observed',
        eventCodes: [],
        parameters: [],
        resources: [],
        areas: [
          {
            areaDesc: 'Catania',
            polygons: [[{ lat: 37.6, lon: 14.9 }, { lat: 37.6, lon: 15.2 }, { lat: 37.4, lon: 15.2 }, { lat: 37.6, lon: 14.9 }]],
            circles: [],
            geocodes: [],
          },
        ],
      },
    ],
  };
}

describe('serializeCapAlert', () => {
  it.each(CAP_12_SAMPLES.map((file) => [file]))('round-trips %s: parse, serialize, parse gives an equal alert', (file) => {
    const alert = parseFile(file);
    const written = serializeCapAlert(alert);
    expect(parseCapAlert(written)).toEqual(alert);
    expect(serializeCapAlert(parseCapAlert(written))).toBe(written);
  });

  it('writes A.3 with the CAP 1.2 namespace, in schema order, with the default language made explicit', () => {
    expect(serializeCapAlert(parseFile('oasis-cap12-appendix-a/Oasis_EarthquakeReport.xml'))).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
        '  <identifier>TRI13970876.2</identifier>',
        '  <sender>trinet@caltech.edu</sender>',
        '  <sent>2003-06-11T20:56:00-07:00</sent>',
        '  <status>Actual</status>',
        '  <msgType>Update</msgType>',
        '  <scope>Public</scope>',
        '  <references>trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00</references>',
        '  <info>',
        '    <language>en-US</language>',
        '    <category>Geo</category>',
        '    <event>Earthquake</event>',
        '    <urgency>Past</urgency>',
        '    <severity>Minor</severity>',
        '    <certainty>Observed</certainty>',
        '    <senderName>Southern California Seismic Network (TriNet) operated by Caltech and USGS</senderName>',
        '    <headline>EQ 3.4 Imperial County CA</headline>',
        '    <description>A minor earthquake measuring 3.4 on the Richter scale occurred near Brawley, California at 8:30 PM Pacific Daylight Time on Wednesday, June 11, 2003. (This event has now been reviewed by a seismologist)</description>',
        '    <web>http://www.trinet.org/scsn/scsn.html</web>',
        ...[
          ['EventID', '13970876'],
          ['Version', '1'],
          ['Magnitude', '3.4 Ml'],
          ['Depth', '11.8 mi.'],
          ['Quality', 'Excellent'],
        ].flatMap(([name, value]) => [
          '    <parameter>',
          `      <valueName>${name}</valueName>`,
          `      <value>${value}</value>`,
          '    </parameter>',
        ]),
        '    <area>',
        '      <areaDesc>1 mi. WSW of Brawley, CA; 11 mi. N of El Centro, CA; 30 mi. E of OCOTILLO (quarry); 1 mi. N of the Imperial Fault</areaDesc>',
        '      <circle>32.9525,-115.5527 0</circle>',
        '    </area>',
        '  </info>',
        '</alert>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup characters and keeps a carriage return as a reference', () => {
    const alert = exampleAlert();
    alert.infos[0].description = 'a < b && c > d ]]> e\r\nf';
    const written = serializeCapAlert(alert);
    expect(written).toContain('<description>a &lt; b &amp;&amp; c &gt; d ]]&gt; e&#13;\nf</description>');
    expect(parseCapAlert(written).infos[0].description).toBe('a < b && c > d ]]> e\r\nf');
  });

  it('writes coordinates and altitudes as plain decimals, never in exponent form', () => {
    const alert = exampleAlert();
    const area = alert.infos[0].areas[0];
    area.circles = [{ lat: 1e-7, lon: -0.000001234, radiusKm: 0 }];
    area.altitude = 0;
    area.ceiling = 1e21;
    const written = serializeCapAlert(alert);
    expect(written).toContain('<circle>0.0000001,-0.000001234 0</circle>');
    expect(written).toContain('<ceiling>1000000000000000000000</ceiling>');
    expect(parseCapAlert(written).infos[0].areas[0]).toEqual(area);
  });

  it('quotes incidents that contain whitespace', () => {
    const alert = { ...exampleAlert(), incidents: ['EQ-1', 'Etna 2026'] };
    expect(serializeCapAlert(alert)).toContain('<incidents>EQ-1 "Etna 2026"</incidents>');
  });

  it('leaves out empty optional text and empty lists', () => {
    const alert = { ...exampleAlert(), note: '', source: '' };
    const written = serializeCapAlert(alert);
    for (const element of ['<note', '<source', '<references', '<incidents', '<code', '<responseType', '<parameter', '<resource']) {
      expect(written).not.toContain(element);
    }
    expect(parseCapAlert(written)).toEqual(exampleAlert());
  });

  it('writes an empty <value> of a named value, which the schema requires', () => {
    const alert = exampleAlert();
    alert.infos[0].parameters = [{ valueName: 'AllocatedResources', value: '' }];
    expect(serializeCapAlert(alert)).toContain('<valueName>AllocatedResources</valueName>\n      <value></value>');
  });

  it.each<[string, (alert: CapAlert) => void, string, RegExp]>([
    ['an identifier with a space', (a) => (a.identifier = 'FARO TEST'), 'alert/identifier', /contains whitespace/],
    ['a sent time in Z', (a) => (a.sent = '2026-03-01T10:00:00Z'), 'alert/sent', /uses 'Z'/],
    ['a Restricted alert without restriction', (a) => (a.scope = 'Restricted'), 'alert/restriction', /required when <scope> is Restricted/],
    ['an Update without references', (a) => (a.msgType = 'Update'), 'alert/references', /must name the message\(s\)/],
    ['a reference sent in Z', (a) => (a.references = [{ sender: 's', identifier: 'i', sent: '2026-03-01T10:00:00Z' }]), 'alert/references', /reference 1: sent/],
    ['an incident with a double quote', (a) => (a.incidents = ['say "hi"']), 'alert/incidents', /cannot be written in a group listing/],
    ['a category outside the enumeration', (a) => (a.infos[0].categories = ['Geo', 'Weather' as never]), 'alert/info[0]/category[1]', /'Weather' is not a CAP 1.2 <category>/],
    ['an info without categories', (a) => (a.infos[0].categories = []), 'alert/info[0]/category', /at least one <category>/],
    ['an open polygon', (a) => a.infos[0].areas[0].polygons[0].push({ lat: 37.5, lon: 14.9 }), 'alert/info[0]/area[0]/polygon[0]', /must be closed/],
    ['a NaN latitude', (a) => (a.infos[0].areas[0].circles = [{ lat: NaN, lon: 15, radiusKm: 1 }]), 'alert/info[0]/area[0]/circle[0]', /latitude NaN/],
    ['a ceiling without altitude', (a) => (a.infos[0].areas[0].ceiling = 100), 'alert/info[0]/area[0]/ceiling', /requires <altitude>/],
    ['a fractional resource size', (a) => (a.infos[0].resources = [{ resourceDesc: 'map', mimeType: 'image/png', size: 1.5 }]), 'alert/info[0]/resource[0]/size', /not a whole number/],
    ['a NUL character in the description', (a) => (a.infos[0].description = 'a\u0000b'), 'alert/info[0]/description', /U\+0000, which XML cannot carry/],
    ['an empty event', (a) => (a.infos[0].event = ''), 'alert/info[0]/event', /<event> must not be empty/],
    // Found by the property spec: '<event>\t</event>' was written, and the reader refused it as empty.
    ['an event of only a tab', (a) => (a.infos[0].event = '\t'), 'alert/info[0]/event', /<event> begins or ends with whitespace/],
    ['a description ending in a newline', (a) => (a.infos[0].description = 'Evacuate\n'), 'alert/info[0]/description', /<description> begins or ends with whitespace/],
    ['a code with a leading space', (a) => (a.codes = [' IPAWSv1.0']), 'alert/code[0]', /<code> begins or ends with whitespace/],
  ])('refuses %s with the pointer of the element at fault', (_what, breakIt, pointer, message) => {
    const alert = exampleAlert();
    breakIt(alert);
    const error = capErrorOf(() => serializeCapAlert(alert));
    expect(error).toMatchObject({ code: 'cap/invalid', pointer });
    expect(error.message).toMatch(message);
  });
});
